import type { GroupOptions } from "@/lib/schemas/devices";
import { metaOf } from "@/server/console/groups";
import { getGroupTree } from "@/server/gizwits/groups";
import type { GroupNode } from "@/server/gizwits/groups.schema";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";

// GET /api/products/{pk}/devices/search/groups — the group tree flattened in display order, with
// the console's names (group_meta) where it has them, for the search page's group filter.
export const GET = defineRoute({ permission: "read", params: productParams }, async ({ params }): Promise<GroupOptions> => {
  const [tree, meta] = await Promise.all([getGroupTree(params.pk, { priority: "interactive" }), metaOf(params.pk)]);
  const groups: GroupOptions["groups"] = [];
  const walk = (nodes: GroupNode[], depth: number) => {
    for (const n of nodes) {
      groups.push({ gid: n.gid, name: meta.get(n.gid)?.name ?? null, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(tree, 0);
  return { groups };
});
