import type { DeviceSummaryDto } from "@/lib/schemas/reports";
import { getDeviceSummary } from "@/server/gizwits/reports";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { reportCall } from "@/server/console/reports";

// GET /api/products/{pk}/reports/summary — online now, total, new and active device counts.
export const GET = defineRoute(
  { permission: "read", params: productParams },
  ({ params }): Promise<DeviceSummaryDto> => reportCall(() => getDeviceSummary(params.pk, { priority: "interactive" })),
);
