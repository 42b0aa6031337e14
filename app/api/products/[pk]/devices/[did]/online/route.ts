import { checks, guarded } from "@/lib/schemas/guards";
import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import { windowQuerySchema, type OnlineWindow } from "@/lib/schemas/device-detail";
import { mergeEventPages } from "@/lib/history";
import { getOnlineLog, HISTORY_MAX_LIMIT } from "@/server/gizwits/history";
import { readAllPages } from "@/server/console/history-pages";
import { HISTORY_CAPABILITY, withCapability } from "@/server/console/product-capabilities";

// GET: every online/offline record of one ≤ 2-day window, oldest first.
export const GET = defineRoute(
  { permission: "read", params: deviceParams, query: guarded(windowQuerySchema, { start: checks.unixSec, end: checks.unixSec }) },
  async ({ params, query }): Promise<OnlineWindow> => {
    const { pages, truncated } = await withCapability(params.pk, HISTORY_CAPABILITY.online, () =>
      readAllPages((cursor) =>
        getOnlineLog(params.pk, params.did, { startTs: query.start, endTs: query.end, sort: "asc", limit: HISTORY_MAX_LIMIT, ...cursor }),
      ),
    );
    const events = mergeEventPages(pages.map((p) => p.objects)).map((e) => ({ timestamp: e.timestamp, type: e.type, payload: e.payload }));
    return { start: query.start, end: query.end, events, truncated };
  },
);
