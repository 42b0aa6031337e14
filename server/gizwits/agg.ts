import "server-only";
import { errors } from "@/server/errors";
import { gizwits, type Priority } from "./client";
import { HISTORY_SETTLE_MS, tags, TTL } from "./cache";
import { aggDataSchema, type AggData } from "./history.schema";
import { productPath } from "./paths";
import { serverText } from "@/server/text";

export const AGG_UNITS = ["HOURS", "DAYS", "WEEKS", "MONTHS"] as const;
export const AGG_AGGREGATORS = ["sum", "avg", "max", "min"] as const;
/** Gizwits aggregates at most about a month of data per call. */
export const AGG_MAX_SPAN_MS = 31 * 24 * 3600 * 1000;

export interface AggQuery {
  /** Unix milliseconds (unlike the other history endpoints). */
  startMs: number;
  endMs: number;
  /** Numeric data point names. */
  attrs: string[];
  aggregator: (typeof AGG_AGGREGATORS)[number];
  unit: (typeof AGG_UNITS)[number];
  priority?: Priority;
}

// GET /v1/products/{pk}/devices/{did}/agg_data
export function getAggData(productKey: string, did: string, q: AggQuery): Promise<AggData> {
  if (q.endMs <= q.startMs) throw errors.validation(serverText("rangeEndBeforeStart"));
  if (q.endMs - q.startMs > AGG_MAX_SPAN_MS) {
    throw errors.validation(serverText("aggMaxSpan"));
  }
  if (!q.attrs.length) throw errors.validation(serverText("aggNoAttrs"));
  const closed = q.endMs < Date.now() - HISTORY_SETTLE_MS;
  return gizwits({
    productKey,
    method: "GET",
    path: productPath(productKey, "devices", did, "agg_data"),
    query: { start_ts: q.startMs, end_ts: q.endMs, attrs: [...q.attrs].sort().join(","), aggregator: q.aggregator, unit: q.unit },
    schema: aggDataSchema,
    cache: { ttlMs: closed ? TTL.historyClosed : TTL.historyOpen, tags: [tags.device(productKey, did)] },
    priority: q.priority,
  });
}
