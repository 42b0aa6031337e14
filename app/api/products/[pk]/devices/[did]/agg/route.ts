import { checks, guarded } from "@/lib/schemas/guards";
import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import { aggRouteQuerySchema, type AggResult } from "@/lib/schemas/device-detail";
import { validateAggQuery } from "@/lib/agg";
import { AppError, errors } from "@/server/errors";
import { getAggData } from "@/server/gizwits/agg";
import { getProduct } from "@/server/gizwits/products";
import { PRODUCT_CAPABILITIES } from "@/server/console/capabilities";
import { observeCapability } from "@/server/console/product-capabilities";
import { aggAcrossSpan } from "@/server/console/agg-span";
import { env } from "@/server/env";

/**
 * Upstream answers meaning "aggregation is not switched on for this product": 5024 (api deny to
 * visit) and 5018 (product operation not allowed). agg_data is enabled by Gizwits on request.
 */
const NOT_ENABLED = new Set([5018, 5024]);

// GET: agg_data buckets for numeric datapoints, or `enabled: false`.
export const GET = defineRoute(
  { permission: "read", params: deviceParams, query: guarded(aggRouteQuerySchema, { attrs: checks.attrList }) },
  async ({ params, query }): Promise<AggResult> => {
    const product = await getProduct(params.pk);
    const checked = validateAggQuery(query, product.datapoints ?? []);
    if (!checked.ok) throw errors.validation(checked.reason);
    try {
      const c = checked.value;
      // An upstream that takes a shorter span than asked (5002) is asked in parts (agg-span.ts).
      const buckets = await observeCapability(params.pk, PRODUCT_CAPABILITIES.aggData, () =>
        aggAcrossSpan(
          params.pk,
          { startMs: c.start, endMs: c.end, unit: c.unit, aggregator: c.aggregator, timeZone: env().CONSOLE_TIMEZONE },
          async (startMs, endMs) =>
            (await getAggData(params.pk, params.did, { startMs, endMs, attrs: c.attrs, aggregator: c.aggregator, unit: c.unit })).data.map(
              (b) => ({
                datetime: b.datetime,
                attrs: Object.fromEntries(
                  Object.entries(b.attrs).map(([k, v]) => [k, typeof v === "number" && Number.isFinite(v) ? v : null]),
                ),
              }),
            ),
        ),
      );
      return { enabled: true, buckets };
    } catch (e) {
      if (e instanceof AppError && e.upstreamCode !== undefined && NOT_ENABLED.has(e.upstreamCode))
        return { enabled: false, upstreamCode: e.upstreamCode };
      throw e;
    }
  },
);
