import { groupParamsSchema } from "@/lib/schemas/groups";
import { getGroupMacs } from "@/server/gizwits/groups";
import { defineRoute } from "@/server/http/route";
import { requireProduct } from "../../../devices/[did]/_device";

// GET /api/products/{pk}/groups/{gid}/macs — every MAC of the group (to empty it, or export).
export const GET = defineRoute({ permission: "read", params: groupParamsSchema }, async ({ params }) => {
  requireProduct(params.pk);
  return { macs: await getGroupMacs(params.pk, params.gid, { priority: "interactive" }) };
});
