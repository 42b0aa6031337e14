import type { JobDetail } from "@/lib/schemas/jobs";
import { audited } from "@/server/audit";
import { jobParams } from "@/server/console/jobs/params";
import { cancelJob } from "@/server/console/jobs/service";
import { defineRoute } from "@/server/http/route";

// POST /api/jobs/[id]/cancel
export const POST = defineRoute(
  { permission: "control", params: jobParams },
  ({ user, params, locale }): Promise<JobDetail> =>
    audited({ user, action: "job.cancel", target: params.id, payload: { jobId: params.id } }, () => cancelJob(params.id, locale)),
);
