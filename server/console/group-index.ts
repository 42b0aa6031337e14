import "server-only";
import { z } from "zod";
import { treeGids } from "@/lib/schemas/groups";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { parsedEntry, tags } from "@/server/gizwits/cache";
import type { Priority } from "@/server/gizwits/client";
import { getGroupTree } from "@/server/gizwits/groups";
import { gizwitsStore } from "@/server/gizwits/store";
import { processSingleton } from "@/server/process-singleton";
import { groupMembers } from "./group-members";

/*
 * Which group a device is in (issue 12): one MAC → gid index per product, built from every
 * group of the tree (no limit on the number of groups), several groups at a time, and kept in
 * the Gizwits client's cache under the product's group tag — so any group write (create, delete,
 * assign, unassign, on any instance) invalidates it — for a few minutes otherwise.
 */

/** How long a built index is used before it is built again (group writes end it sooner). */
export const GROUP_INDEX_TTL_MS = 5 * 60 * 1000;
/** Groups read at the same time while building (the client's limiter bounds the upstream too). */
export const GROUP_INDEX_CONCURRENCY = 4;

/** The answer for one MAC: in a group, in none, or unknown because the index could not be built. */
export type GroupLookup = { status: "found"; gid: string } | { status: "none" } | { status: "unknown" };

const indexSchema = z.record(z.string(), z.string());
type GroupIndex = Readonly<z.output<typeof indexSchema>>;

const store = () => gizwitsStore(env().GIZWITS_QUOTA_PER_HOUR);
const keyOf = (pk: string) => `console:group-index:${pk}`;
const building = processSingleton("__consoleGroupIndexBuilds", () => new Map<string, Promise<GroupIndex>>());

/** Runs `work` over `items`, at most `limit` at a time; the first failure rejects. */
async function eachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function build(pk: string, priority: Priority): Promise<GroupIndex> {
  const s = store();
  // Recorded before reading: a group write landing meanwhile keeps this index out of the cache.
  const epoch = await s.epoch();
  const gids = treeGids(await getGroupTree(pk, { priority }));
  const index: Record<string, string> = {};
  await eachBounded(gids, GROUP_INDEX_CONCURRENCY, async (gid) => {
    const { macs } = await groupMembers(pk, gid, priority);
    for (const m of macs) index[m] ??= gid;
  });
  const now = Date.now();
  const bytes = JSON.stringify(index).length;
  await s.cacheSet(
    keyOf(pk),
    { value: index, bytes, fetchedAt: now, freshUntil: now + GROUP_INDEX_TTL_MS, tags: [tags.groups(pk)], epoch },
    GROUP_INDEX_TTL_MS,
  );
  return index;
}

/** The product's MAC → gid index (lower-case MACs); throws when it cannot be built. */
export async function groupIndex(pk: string, priority: Priority = "interactive"): Promise<GroupIndex> {
  const hit = await store().cacheGet(keyOf(pk));
  if (hit && hit.freshUntil > Date.now()) {
    // Validated once per cache entry, not on every device page (an index holds every MAC of the
    // product); a malformed entry is rebuilt.
    try {
      return parsedEntry(hit, indexSchema, (v) => indexSchema.parse(v));
    } catch {
      // fall through to a rebuild
    }
  }
  const inflight = building.get();
  let p = inflight.get(pk);
  if (!p) {
    p = build(pk, priority).finally(() => inflight.delete(pk));
    inflight.set(pk, p);
  }
  return p;
}

/** Each MAC's group (null: in none), from the index; throws when the index cannot be built. */
export async function locateMacs(
  pk: string,
  macs: readonly string[],
  priority: Priority = "interactive",
): Promise<Record<string, string | null>> {
  const index = await groupIndex(pk, priority);
  return Object.fromEntries(macs.map((m) => [m.toLowerCase(), index[m.toLowerCase()] ?? null]));
}

/** One MAC's group; "unknown" (never "none") when the index could not be built, e.g. quota spent. */
export async function groupOfMac(pk: string, mac: string, priority: Priority = "interactive"): Promise<GroupLookup> {
  try {
    const gid = (await groupIndex(pk, priority))[mac.toLowerCase()];
    return gid ? { status: "found", gid } : { status: "none" };
  } catch (e) {
    if (e instanceof AppError) return { status: "unknown" };
    throw e;
  }
}
