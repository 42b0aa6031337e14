import "server-only";
import { z } from "zod";

export interface GroupNode {
  gid: string;
  children: GroupNode[];
}

type RawTree = { [gid: string]: string | null | RawTree };
const rawTree: z.ZodType<RawTree> = z.lazy(() => z.record(z.string(), z.union([z.string(), z.null(), rawTree])));

function toNodes(t: RawTree): GroupNode[] {
  const nodes = new Map<string, GroupNode>();
  for (const [gid, v] of Object.entries(t)) nodes.set(gid, { gid, children: v && typeof v === "object" ? toNodes(v) : [] });
  // A flat map may name each group's parent (gid → parent gid) instead of nesting it: rebuild the tree.
  const parentOf = (gid: string): string | undefined => {
    const v = t[gid];
    return typeof v === "string" && nodes.has(v) ? v : undefined;
  };
  const inCycle = (gid: string): boolean => {
    let at = parentOf(gid);
    for (let i = 0; at !== undefined && i <= nodes.size; i++, at = parentOf(at)) if (at === gid) return true;
    return false;
  };
  const roots: GroupNode[] = [];
  for (const [gid, node] of nodes) {
    const parent = parentOf(gid);
    if (parent === undefined || inCycle(gid)) roots.push(node);
    else nodes.get(parent)!.children.push(node);
  }
  return roots;
}

/**
 * GET /v1/products/{pk}/device_groups. Documented only as `{ "<gid>": "" }`; a group with
 * subgroups is read as gid → subtree, and a flat map whose values are parent gids as that tree.
 */
export const groupTreeSchema = rawTree.transform(toNodes);

/** POST /v1/products/{pk}/device_groups → `{ gid }`. */
export const createdGroupSchema = z.object({ gid: z.string().min(1) });

/** GET /v1/products/{pk}/device_groups/{gid} → `{ macs }`. */
export const groupMacsSchema = z.object({ macs: z.array(z.string()) }).transform((r) => r.macs);

/**
 * `{ success, failed }` of group assignment and of bindings. The 2017 doc answered `{}` for
 * assignment, so missing lists are empty.
 */
export const batchResultSchema = z
  .object({ success: z.array(z.string()).optional(), failed: z.array(z.string()).optional() })
  .transform((r) => ({ success: r.success ?? [], failed: r.failed ?? [] }));
export type BatchResult = z.output<typeof batchResultSchema>;
