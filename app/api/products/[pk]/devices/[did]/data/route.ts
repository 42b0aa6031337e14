import { defineRoute } from "@/server/http/route";
import { deviceParamsSchema, windowQuerySchema, type DataWindow } from "@/lib/schemas/device-detail";
import { mergeDataPages } from "@/lib/history";
import { getDataLog, HISTORY_MAX_LIMIT } from "@/server/gizwits/history";
import { requireProduct } from "../_device";
import { readAllPages } from "../_pages";

// GET: every /data record of one ≤ 2-day window, oldest first.
export const GET = defineRoute(
  { permission: "read", params: deviceParamsSchema, query: windowQuerySchema },
  async ({ params, query }): Promise<DataWindow> => {
    requireProduct(params.pk);
    const { pages, truncated } = await readAllPages((cursor) =>
      getDataLog(params.pk, params.did, { startTs: query.start, endTs: query.end, sort: "asc", limit: HISTORY_MAX_LIMIT, ...cursor }),
    );
    return { start: query.start, end: query.end, records: mergeDataPages(pages.map((p) => p.objects)), truncated };
  },
);
