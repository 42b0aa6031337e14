import { checks, guarded } from "@/lib/schemas/guards";
import { groupCreateSchema, type GroupTree } from "@/lib/schemas/groups";
import { audited } from "@/server/audit";
import { errors } from "@/server/errors";
import { createGroup, getGroupTree } from "@/server/gizwits/groups";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { findGroup } from "@/lib/schemas/groups";
import { namedGroupTree, saveMeta } from "@/server/console/groups";
import { env } from "@/server/env";
import { serverText } from "@/server/text";

// GET /api/products/{pk}/groups — the product's group tree with the console's names.
export const GET = defineRoute({ permission: "read", params: productParams }, async ({ params }): Promise<GroupTree> => {
  const tree = await getGroupTree(params.pk, { priority: "interactive" });
  return { groups: await namedGroupTree(params.pk, tree, env().CONSOLE_DEMO) };
});

/**
 * POST: creates the root (no parent) or a child group, then stores its name. The API allows one
 * root per product; the console says so itself instead of spending a call on a 5203.
 */
export const POST = defineRoute(
  { permission: "groups:write", params: productParams, body: guarded(groupCreateSchema, { parentGid: checks.gid }) },
  async ({ user, params, body }) => {
    const tree = await getGroupTree(params.pk, { priority: "interactive" });
    const parentGid = body.parentGid ?? null;
    if (parentGid === null && tree.length > 0) {
      throw errors.conflict(serverText("rootGroupExists"));
    }
    if (parentGid !== null && !findGroup(tree, parentGid)) {
      throw errors.notFound(serverText("parentGroupNotFound", { gid: parentGid }));
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
