import { getGroupMacs } from "@/server/gizwits/groups";
import { defineRoute } from "@/server/http/route";
import { groupParams } from "@/server/http/params";

// GET /api/products/{pk}/groups/{gid}/macs — every MAC of the group (to empty it, or export).
export const GET = defineRoute({ permission: "read", params: groupParams }, async ({ params }) => {
  return { macs: await getGroupMacs(params.pk, params.gid, { priority: "interactive" }) };
});
