import type { LocationReport } from "@/lib/location-tree";
import { getUsersLocation } from "@/server/gizwits/users";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { reportCall } from "@/server/console/reports";

// GET /api/products/{pk}/reports/users-location — where the product's users are.
export const GET = defineRoute(
  { permission: "read", params: productParams },
  ({ params }): Promise<LocationReport> => reportCall(() => getUsersLocation(params.pk, { priority: "interactive" })),
);
