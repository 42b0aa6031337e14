import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import { cmdQuerySchema, type CmdPage } from "@/lib/schemas/device-detail";
import { nextHistoryCursor } from "@/lib/history";
import { getCmdLog } from "@/server/gizwits/history";

// GET: one page of the communication log (newest first); the browser pages on with `next`.
export const GET = defineRoute(
  { permission: "read", params: deviceParams, query: cmdQuerySchema },
  async ({ params, query }): Promise<CmdPage> => {
    const page = await getCmdLog(params.pk, params.did, {
      startTs: query.start,
      endTs: query.end,
      sort: "desc",
      limit: query.limit,
      skip: query.skip,
      context: query.context,
    });
    return {
      records: page.objects.map((r) => ({ timestamp: r.timestamp, type: r.type, payload: r.payload })),
      total: page.total,
      next: nextHistoryCursor(page),
    };
  },
);
