import "server-only";
import { and, eq } from "drizzle-orm";
import { findGroup, type GroupTreeNode } from "@/lib/schemas/groups";
import { db, groupMeta } from "@/server/db";
import { errors } from "@/server/errors";
import { getGroupTree } from "@/server/gizwits/groups";
import { processSingleton } from "@/server/process-singleton";
import type { GroupNode } from "@/server/gizwits/groups.schema";
import { serverText } from "@/server/text";

/** The upstream tree with the console's names and descriptions joined in. */
export function joinMeta(nodes: readonly GroupNode[], meta: GroupMeta): GroupTreeNode[] {
  return nodes.map((n) => {
    const m = meta.get(n.gid);
    return { gid: n.gid, name: m?.name ?? null, description: m?.description ?? "", children: joinMeta(n.children, meta) };
  });
}

type GroupMeta = ReadonlyMap<string, { readonly name: string; readonly description: string }>;

/**
 * How long this process reuses a product's group names. Every group-tree read and device page
 * needs them; names change only through this console, and a change made here drops them at once
 * (saveMeta, dropMeta), so the bound only applies to a rename made on another instance.
 */
export const GROUP_META_TTL_MS = 10_000;

const metaCache = processSingleton("__consoleGroupMeta", () => new Map<string, { at: number; meta: Promise<GroupMeta> }>());

/** The console's names and descriptions of a product's groups (cached per process, see GROUP_META_TTL_MS). */
export function metaOf(pk: string): Promise<GroupMeta> {
  const cache = metaCache.get();
  const hit = cache.get(pk);
  if (hit && Date.now() - hit.at < GROUP_META_TTL_MS) return hit.meta;
  const entry = {
    at: Date.now(),
    meta: (async (): Promise<GroupMeta> => {
      const rows = await (await db())
        .select({ gid: groupMeta.gid, name: groupMeta.name, description: groupMeta.description })
        .from(groupMeta)
        .where(eq(groupMeta.productKey, pk));
      return new Map(rows.map((r) => [r.gid, { name: r.name, description: r.description }]));
    })(),
  };
  cache.set(pk, entry);
  // A failed read is not kept.
  entry.meta.catch(() => {
    if (cache.get(pk) === entry) cache.delete(pk);
  });
  return entry.meta;
}

/** After a write to a product's group names: the next metaOf() reads them again. */
function forgetMeta(pk: string): void {
  metaCache.get().delete(pk);
}

const DEMO_NAMES: readonly (readonly string[])[] = [
  ["全国 Nationwide"],
  ["华东大区 East China", "华南大区 South China", "华北大区 North China", "西部大区 West China", "华中大区 Central China"],
  [
    "上海 Shanghai",
    "杭州 Hangzhou",
    "广州 Guangzhou",
    "深圳 Shenzhen",
    "北京 Beijing",
    "天津 Tianjin",
    "成都 Chengdu",
    "西安 Xi'an",
    "武汉 Wuhan",
  ],
  ["一号园区 Site 1", "二号园区 Site 2", "三号园区 Site 3", "四号园区 Site 4", "五号园区 Site 5", "六号园区 Site 6"],
];

/**
 * Demo mode only: readable local names (region, city, site by depth) for groups that have none,
 * so the demo tenant's tree reads like a real one. Names are unique among siblings; a real
 * tenant's groups are never named by the console.
 */
export function demoGroupNames(nodes: readonly GroupNode[], named: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (list: readonly GroupNode[], depth: number, parent: string) => {
    const pool = DEMO_NAMES[Math.min(depth, DEMO_NAMES.length - 1)]!;
    list.forEach((n, i) => {
      const base = pool[i % pool.length]!;
      const round = Math.floor(i / pool.length);
      const name = depth >= DEMO_NAMES.length - 1 && parent ? `${parent.split(" ")[0]} · ${base}` : base;
      if (!named.has(n.gid)) out.set(n.gid, round ? `${name} (${round + 1})` : name);
      walk(n.children, depth + 1, depth === 2 ? base : parent);
    });
  };
  walk(nodes, 0, "");
  return out;
}

/** The tree with the console's names; in demo mode unnamed groups get (and keep) demo names first. */
export async function namedGroupTree(pk: string, tree: readonly GroupNode[], demo: boolean): Promise<GroupTreeNode[]> {
  const meta = await metaOf(pk);
  if (!demo) return joinMeta(tree, meta);
  const names = demoGroupNames(tree, new Set(meta.keys()));
  if (names.size === 0) return joinMeta(tree, meta);
  const now = new Date();
  await (await db())
    .insert(groupMeta)
    .values([...names].map(([gid, name]) => ({ productKey: pk, gid, name, description: "", updatedBy: "demo", updatedAt: now })))
    .onConflictDoNothing();
  forgetMeta(pk);
  return joinMeta(tree, await metaOf(pk));
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
  forgetMeta(pk);
}

export async function dropMeta(pk: string, gid: string): Promise<void> {
  await (await db()).delete(groupMeta).where(and(eq(groupMeta.productKey, pk), eq(groupMeta.gid, gid)));
  forgetMeta(pk);
}

export const groupNotFound = (gid: string) => errors.notFound(serverText("groupNotFound", { gid }));

/** The group's node in the current tree, or 404 — checked before any write to it. */
export async function requireGroup(pk: string, gid: string): Promise<GroupNode> {
  const node = findGroup(await getGroupTree(pk, { priority: "interactive" }), gid);
  if (!node) throw groupNotFound(gid);
  return node;
}
