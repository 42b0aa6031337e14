import { locateBodySchema, type LocateResult } from "@/lib/schemas/groups";
import { getGroupMacs, getGroupTree } from "@/server/gizwits/groups";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { treeGids } from "@/lib/schemas/groups";

/**
 * POST /api/products/{pk}/groups/locate {macs} → each MAC's current group (null: none), read
 * from every group's MAC list (one cached call per group), so a move can be undone. A POST only
 * because the list can be long; it changes nothing, so it needs only read permission.
 */
export const POST = defineRoute(
  { permission: "read", params: productParams, body: locateBodySchema },
  async ({ params, body }): Promise<LocateResult> => {
    const gids = treeGids(await getGroupTree(params.pk, { priority: "interactive" }));
    const wanted = new Set(body.macs);
    const groups: Record<string, string | null> = Object.fromEntries(body.macs.map((m) => [m, null]));
    for (const gid of gids) {
      for (const mac of await getGroupMacs(params.pk, gid, { priority: "interactive" })) {
        const m = mac.toLowerCase();
        if (wanted.has(m)) groups[m] = gid;
      }
    }
    return { groups };
  },
);
