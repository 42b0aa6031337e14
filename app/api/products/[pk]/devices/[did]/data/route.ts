import { checks, guarded } from "@/lib/schemas/guards";
import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import { windowQuerySchema, type DataWindow } from "@/lib/schemas/device-detail";
import { mergeDataPages } from "@/lib/history";
import { getDataLog, HISTORY_MAX_LIMIT } from "@/server/gizwits/history";
import { readAllPages } from "@/server/console/history-pages";
import { HISTORY_CAPABILITY, withCapability } from "@/server/console/product-capabilities";

// GET: every /data record of one ≤ 2-day window, oldest first.
export const GET = defineRoute(
  { permission: "read", params: deviceParams, query: guarded(windowQuerySchema, { start: checks.unixSec, end: checks.unixSec }) },
  async ({ params, query }): Promise<DataWindow> => {
    const { pages, truncated } = await withCapability(params.pk, HISTORY_CAPABILITY.data, () =>
      readAllPages((cursor) =>
        getDataLog(params.pk, params.did, { startTs: query.start, endTs: query.end, sort: "asc", limit: HISTORY_MAX_LIMIT, ...cursor }),
      ),
    );
    return { start: query.start, end: query.end, records: mergeDataPages(pages.map((p) => p.objects)), truncated };
  },
);
