import { checks, guarded } from "@/lib/schemas/guards";
import type { LocationReport } from "@/lib/location-tree";
import { gidQuerySchema } from "@/lib/schemas/reports";
import { getRealtimeReport } from "@/server/gizwits/reports";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { reportCall } from "@/server/console/reports";

// GET /api/products/{pk}/reports/realtime — activated, faulty and alerting devices now, by place.
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(gidQuerySchema, { gid: checks.gid }) },
  ({ params, query }): Promise<LocationReport> =>
    reportCall(() => getRealtimeReport(params.pk, { gid: query.gid }, { priority: "interactive" })),
);
