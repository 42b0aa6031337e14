import "server-only";
import { and, eq } from "drizzle-orm";
import { findGroup, type GroupTreeNode } from "@/lib/schemas/groups";
import { db, groupMeta } from "@/server/db";
import { errors } from "@/server/errors";
import { getGroupTree } from "@/server/gizwits/groups";
import type { GroupNode } from "@/server/gizwits/groups.schema";
import { serverText } from "@/server/text";

/** The upstream tree with the console's names and descriptions joined in. */
export function joinMeta(nodes: readonly GroupNode[], meta: ReadonlyMap<string, { name: string; description: string }>): GroupTreeNode[] {
  return nodes.map((n) => {
    const m = meta.get(n.gid);
    return { gid: n.gid, name: m?.name ?? null, description: m?.description ?? "", children: joinMeta(n.children, meta) };
  });
}

export async function metaOf(pk: string): Promise<Map<string, { name: string; description: string }>> {
  const rows = await (await db())
    .select({ gid: groupMeta.gid, name: groupMeta.name, description: groupMeta.description })
    .from(groupMeta)
    .where(eq(groupMeta.productKey, pk));
  return new Map(rows.map((r) => [r.gid, { name: r.name, description: r.description }]));
}

export async function saveMeta(pk: string, gid: string, m: { name: string; description: string }, by: string): Promise<void> {
  const now = new Date();
  await (await db())
    .insert(groupMeta)
    .values({ productKey: pk, gid, name: m.name, description: m.description, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({
      target: [groupMeta.productKey, groupMeta.gid],
      set: { name: m.name, description: m.description, updatedBy: by, updatedAt: now },
    });
}

export async function dropMeta(pk: string, gid: string): Promise<void> {
  await (await db()).delete(groupMeta).where(and(eq(groupMeta.productKey, pk), eq(groupMeta.gid, gid)));
}

export const groupNotFound = (gid: string) => errors.notFound(serverText("groupNotFound", { gid }));

/** The group's node in the current tree, or 404 — checked before any write to it. */
export async function requireGroup(pk: string, gid: string): Promise<GroupNode> {
  const node = findGroup(await getGroupTree(pk, { priority: "interactive" }), gid);
  if (!node) throw groupNotFound(gid);
  return node;
}
