import { jobDevicesQuerySchema, type JobDevicePage } from "@/lib/schemas/jobs";
import { jobParams } from "@/server/console/jobs/params";
import { listJobDevices } from "@/server/console/jobs/store";
import { defineRoute } from "@/server/http/route";

// GET /api/jobs/[id]/devices?state=&page=&page_size= — the job's devices in job order.
export const GET = defineRoute(
  { permission: "read", params: jobParams, query: jobDevicesQuerySchema },
  ({ params, query, locale }): Promise<JobDevicePage> => listJobDevices(params.id, query, locale),
);
