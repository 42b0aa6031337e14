import { checks, guarded } from "@/lib/schemas/guards";
import type { LocationReport } from "@/lib/location-tree";
import { gidQuerySchema } from "@/lib/schemas/reports";
import { getFaultAlertEvents } from "@/server/gizwits/reports";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { reportCall } from "@/server/console/reports";

// GET /api/products/{pk}/reports/fault-events — fault events per datapoint (total, resolved, unresolved) by place.
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(gidQuerySchema, { gid: checks.gid }) },
  ({ params, query }): Promise<LocationReport> =>
    reportCall(() => getFaultAlertEvents(params.pk, "fault", { gid: query.gid }, { priority: "interactive" })),
);
