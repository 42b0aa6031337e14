import { checks, guarded } from "@/lib/schemas/guards";
import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import { cmdQuerySchema, type CmdPage } from "@/lib/schemas/device-detail";
import { getCmdLog } from "@/server/gizwits/history";
import { readCmdPageRestarting } from "@/server/console/cmd-log";
import { HISTORY_CAPABILITY, withCapability } from "@/server/console/product-capabilities";

// GET: one page of the communication log (newest first), optionally one direction; the browser pages on with `next`.
export const GET = defineRoute(
  {
    permission: "read",
    params: deviceParams,
    query: guarded(cmdQuerySchema, { start: checks.unixSec, end: checks.unixSec, context: checks.cursor }),
  },
  async ({ params, query }): Promise<CmdPage> => {
    const cursor = query.context ? { context: query.context } : query.skip !== undefined ? { skip: query.skip } : null;
    return withCapability(params.pk, HISTORY_CAPABILITY.cmd, () =>
      readCmdPageRestarting((q) => getCmdLog(params.pk, params.did, { startTs: query.start, endTs: query.end, sort: "desc", ...q }), {
        limit: query.limit,
        cursor,
        type: query.type,
      }),
    );
  },
);
