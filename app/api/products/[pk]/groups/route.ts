import { groupCreateSchema, type GroupTree } from "@/lib/schemas/groups";
import { audited } from "@/server/audit";
import { errors } from "@/server/errors";
import { createGroup, getGroupTree } from "@/server/gizwits/groups";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { findGroup } from "@/lib/schemas/groups";
import { joinMeta, metaOf, saveMeta } from "@/server/console/groups";

// GET /api/products/{pk}/groups — the product's group tree with the console's names.
export const GET = defineRoute({ permission: "read", params: productParams }, async ({ params }): Promise<GroupTree> => {
  const [tree, meta] = await Promise.all([getGroupTree(params.pk, { priority: "interactive" }), metaOf(params.pk)]);
  return { groups: joinMeta(tree, meta) };
});

/**
 * POST: creates the root (no parent) or a child group, then stores its name. The API allows one
 * root per product; the console says so itself instead of spending a call on a 5203.
 */
export const POST = defineRoute(
  { permission: "groups:write", params: productParams, body: groupCreateSchema },
  async ({ user, params, body }) => {
    const tree = await getGroupTree(params.pk, { priority: "interactive" });
    const parentGid = body.parentGid ?? null;
    if (parentGid === null && tree.length > 0) {
      throw errors.conflict({
        en: "This product already has a root group, and Gizwits allows only one. Create the new group under it.",
        "zh-CN": "该产品已有根分组，机智云每个产品只允许一个根分组。请在其下创建子分组。",
      });
    }
    if (parentGid !== null && !findGroup(tree, parentGid)) {
      throw errors.notFound({ en: `The parent group ${parentGid} does not exist.`, "zh-CN": `父分组 ${parentGid} 不存在。` });
    }
    const created = await audited(
      {
        user,
        action: "group.create",
        productKey: params.pk,
        target: parentGid,
        payload: { parentGid, name: body.name, description: body.description },
      },
      () => createGroup(params.pk, parentGid ?? undefined),
    );
    await saveMeta(params.pk, created.gid, { name: body.name, description: body.description }, user.username);
    return Response.json({ gid: created.gid }, { status: 201 });
  },
);
