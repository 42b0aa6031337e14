import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import { latestQuerySchema, type LatestStatus } from "@/lib/schemas/device-detail";
import { getDataLog } from "@/server/gizwits/history";

/**
 * GET: the latest /data record (newest of the last two days). `fresh=1` names the window's end
 * to the second, which gives the read a cache key of its own: the read-back after a command must
 * see what the device reports now, not what was cached a few seconds ago.
 */
export const GET = defineRoute(
  { permission: "read", params: deviceParams, query: latestQuerySchema },
  async ({ params, query }): Promise<LatestStatus> => {
    const now = Math.floor(Date.now() / 1000);
    const window = query.fresh === "1" ? { startTs: now - 2 * 86_400, endTs: now } : {};
    const page = await getDataLog(params.pk, params.did, { ...window, sort: "desc", limit: 1, priority: "interactive" });
    const latest = page.objects[0];
    return { ts: latest?.ts ?? null, attrs: latest?.attrs ?? {}, readAt: Date.now() };
  },
);
