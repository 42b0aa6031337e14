import { checks, guarded } from "@/lib/schemas/guards";
import type { LocationReport } from "@/lib/location-tree";
import { locationsQuerySchema } from "@/lib/schemas/reports";
import { getDeviceLocations } from "@/server/gizwits/reports";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { reportCall } from "@/server/console/reports";

// GET /api/products/{pk}/reports/locations — where the devices are (real-time), optionally only
// the online, faulty or alerting ones of a group.
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(locationsQuerySchema, { gid: checks.gid }) },
  ({ params, query }): Promise<LocationReport> =>
    reportCall(() =>
      getDeviceLocations(
        params.pk,
        { gid: query.gid, isOnline: query.is_online, isFaulty: query.is_faulty, isAlert: query.is_alert },
        { priority: "interactive" },
      ),
    ),
);
