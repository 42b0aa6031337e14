import "server-only";
import { z } from "zod";

export interface GroupNode {
  gid: string;
  children: GroupNode[];
}

type RawTree = { [gid: string]: string | null | RawTree };
const rawTree: z.ZodType<RawTree> = z.lazy(() => z.record(z.string(), z.union([z.string(), z.null(), rawTree])));

function toNodes(t: RawTree): GroupNode[] {
  return Object.entries(t).map(([gid, v]) => ({ gid, children: v && typeof v === "object" ? toNodes(v) : [] }));
}

/**
 * GET /v1/products/{pk}/device_groups. Documented only as `{ "<gid>": "" }`; a group with
 * subgroups is read as gid → subtree.
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
