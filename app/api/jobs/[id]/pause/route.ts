import type { JobDetail } from "@/lib/schemas/jobs";
import { audited } from "@/server/audit";
import { jobParams } from "@/server/console/jobs/params";
import { pauseJob } from "@/server/console/jobs/service";
import { defineRoute } from "@/server/http/route";

// POST /api/jobs/[id]/pause
export const POST = defineRoute(
  { permission: "control", params: jobParams },
  ({ user, params, locale }): Promise<JobDetail> =>
    audited({ user, action: "job.pause", target: params.id, payload: { jobId: params.id } }, () => pauseJob(params.id, locale)),
);
