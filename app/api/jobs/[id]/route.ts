import type { JobDetail } from "@/lib/schemas/jobs";
import { jobDetail } from "@/server/console/jobs/store";
import { jobParams } from "@/server/console/jobs/params";
import { defineRoute } from "@/server/http/route";

// GET /api/jobs/[id] — the job's summary and batches.
export const GET = defineRoute(
  { permission: "read", params: jobParams },
  ({ params, locale }): Promise<JobDetail> => jobDetail(params.id, locale),
);
