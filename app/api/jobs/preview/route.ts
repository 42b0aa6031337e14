import { jobCreateInputSchema, type JobPreview } from "@/lib/schemas/jobs";
import { configuredProductKey } from "@/server/http/params";
import { defineRoute } from "@/server/http/route";
import { previewJob } from "@/server/console/jobs/service";

// POST /api/jobs/preview — the targets resolved and priced; nothing written, nothing sent.
export const POST = defineRoute({ permission: "control", body: jobCreateInputSchema }, async ({ body }): Promise<JobPreview> => {
  configuredProductKey.parse(body.productKey);
  return previewJob(body);
});
