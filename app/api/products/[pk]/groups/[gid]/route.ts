import { groupMetaUpdateSchema } from "@/lib/schemas/groups";
import { audited } from "@/server/audit";
import { errors } from "@/server/errors";
import { deleteGroup, getGroupMacs } from "@/server/gizwits/groups";
import { defineRoute } from "@/server/http/route";
import { groupParams } from "@/server/http/params";
import { dropMeta, requireGroup, saveMeta } from "@/server/console/groups";
import { serverText } from "@/server/text";

// PATCH /api/products/{pk}/groups/{gid} — name and description live only in the console's database.
export const PATCH = defineRoute(
  { permission: "groups:write", params: groupParams, body: groupMetaUpdateSchema },
  async ({ user, params, body }) => {
    await requireGroup(params.pk, params.gid);
    await audited({ user, action: "group.rename", productKey: params.pk, target: params.gid, payload: body }, () =>
      saveMeta(params.pk, params.gid, body, user.username),
    );
    return { gid: params.gid };
  },
);

/**
 * DELETE: the API refuses a group with subgroups (5204) or devices (5205). Both are checked here
 * first so the refusal names what is in the way without spending the write.
 */
export const DELETE = defineRoute({ permission: "groups:write", params: groupParams }, async ({ user, params }) => {
  const node = await requireGroup(params.pk, params.gid);
  if (node.children.length > 0) {
    throw errors.conflict(serverText("groupHasChildren", { count: node.children.length }));
  }
  const macs = await getGroupMacs(params.pk, params.gid, { priority: "interactive" });
  if (macs.length > 0) {
    throw errors.conflict(serverText("groupHasDevices", { count: macs.length }));
  }
  await audited({ user, action: "group.delete", productKey: params.pk, target: params.gid }, () => deleteGroup(params.pk, params.gid));
  await dropMeta(params.pk, params.gid);
  return undefined;
});
