import type { JobDetail } from "@/lib/schemas/jobs";
import { audited } from "@/server/audit";
import { jobParams } from "@/server/console/jobs/params";
import { retryFailed } from "@/server/console/jobs/service";
import { errors } from "@/server/errors";
import { defineRoute } from "@/server/http/route";
import { idempotencyKeyOf, withIdempotency } from "@/server/idempotency";
import { serverText } from "@/server/text";

/**
 * POST /api/jobs/[id]/retry-failed — a new job (retryOf = id) over the failed devices of this one;
 * devices that were sent or confirmed never get the command again. Idempotency-Key required.
 */
export const POST = defineRoute({ permission: "control", params: jobParams }, async ({ req, user, params, locale }): Promise<JobDetail> => {
  const key = idempotencyKeyOf(req);
  if (!key) throw errors.validation(serverText("idempotencyKeyRequired"));
  return withIdempotency(user.id, key, { op: "job.retry-failed", id: params.id }, () =>
    audited({ user, action: "job.retry-failed", target: params.id, payload: { jobId: params.id } }, () =>
      retryFailed(user, params.id, locale),
    ),
  );
});
