import { jobCreateInputSchema, jobListQuerySchema, type JobDetail, type JobPage } from "@/lib/schemas/jobs";
import { audited } from "@/server/audit";
import { createJob } from "@/server/console/jobs/service";
import { listJobs } from "@/server/console/jobs/store";
import { errors } from "@/server/errors";
import { configuredProductKey } from "@/server/http/params";
import { defineRoute } from "@/server/http/route";
import { idempotencyKeyOf, withIdempotency } from "@/server/idempotency";
import { serverText } from "@/server/text";

// GET /api/jobs?state=&created_by=&product=&page=&page_size=
export const GET = defineRoute(
  { permission: "read", query: jobListQuerySchema },
  ({ query, locale }): Promise<JobPage> => listJobs(query, locale),
);

/**
 * POST /api/jobs — creates the job and starts it. The Idempotency-Key is required: a double click
 * on Start (or a retried request) answers the first job instead of creating a second one.
 */
export const POST = defineRoute(
  { permission: "control", body: jobCreateInputSchema },
  async ({ req, user, body, locale }): Promise<JobDetail> => {
    const key = idempotencyKeyOf(req);
    if (!key) throw errors.validation(serverText("idempotencyKeyRequired"));
    configuredProductKey.parse(body.productKey);
    return withIdempotency(user.id, key, { op: "job.create", body }, () =>
      audited({ user, action: "job.create", productKey: body.productKey, payload: body }, () => createJob(user, body, locale)),
    );
  },
);
