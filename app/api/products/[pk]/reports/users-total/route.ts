import { checks, guarded } from "@/lib/schemas/guards";
import { gidQuerySchema, type UsersTotalDto } from "@/lib/schemas/reports";
import { getUsersTotal } from "@/server/gizwits/reports";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { reportCall } from "@/server/console/reports";

// GET /api/products/{pk}/reports/users-total — users who ever bound a device of the product.
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(gidQuerySchema, { gid: checks.gid }) },
  ({ params, query }): Promise<UsersTotalDto> =>
    reportCall(() => getUsersTotal(params.pk, { gid: query.gid }, { priority: "interactive" })),
);
