import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import { latestQuerySchema, type LatestStatus } from "@/lib/schemas/device-detail";
import { readLiveStatus } from "@/server/console/live-status";

/**
 * GET: the device's live status and where it came from (Open API devdata/latest when an AppID is
 * configured, else the newest Enterprise /data record). `fresh=1` is the control read-back's
 * uncached read.
 */
export const GET = defineRoute(
  { permission: "read", params: deviceParams, query: latestQuerySchema },
  async ({ params, query }): Promise<LatestStatus> => readLiveStatus(params.pk, params.did, { fresh: query.fresh === "1" }),
);
