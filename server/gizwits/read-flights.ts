import "server-only";
import { env } from "@/server/env";
import { gizwitsStore, type CacheEntry } from "./store";
import { exclusiveHoldMs } from "./token";

/**
 * The caching mechanics both Gizwits clients (Enterprise and Open API) share: identical reads in
 * flight join one call, a cached read is loaded by one instance at a time (the others take its
 * answer from the shared cache), and a write invalidates its tags and keeps later askers out of
 * reads already in flight.
 */

/** One read in flight, with the cache tags it answers for. */
export interface InflightRead {
  promise: Promise<CacheEntry>;
  tags: readonly string[];
}

/** The response cache of both clients (in memory, or Redis with REDIS_URL). */
export function responseStore() {
  return gizwitsStore(env().GIZWITS_QUOTA_PER_HOUR);
}

/** The read in flight under `key`, or a new one started with `start` and forgotten when it settles. */
export function joinFlight(
  reads: Map<string, InflightRead>,
  key: string,
  tags: readonly string[],
  start: () => Promise<CacheEntry>,
): Promise<CacheEntry> {
  const existing = reads.get(key);
  if (existing) return existing.promise;
  const f: InflightRead = { promise: start(), tags };
  reads.set(key, f);
  const clear = () => {
    if (reads.get(key) === f) reads.delete(key);
  };
  f.promise.then(clear, clear);
  return f.promise;
}

/** Loads a cached read under the store's lock: with several instances one asks Gizwits, the others take its answer. */
export function loadExclusive(key: string, fetchFromUpstream: () => Promise<CacheEntry>): Promise<CacheEntry> {
  const s = responseStore();
  return s.exclusive(`read:${key}`, {
    holdMs: exclusiveHoldMs(),
    ready: async () => {
      const hit = await s.cacheGet(key);
      return hit && hit.freshUntil > Date.now() ? hit : undefined;
    },
    load: fetchFromUpstream,
  });
}

/**
 * After a write (also one whose outcome is unknown): invalidates `tags` in the cache, and lets
 * nobody asking from now on join a read already in flight for them (those who asked before the
 * write keep its answer).
 */
export async function invalidateAfterWrite(tags: readonly string[] | undefined, reads: Map<string, InflightRead>): Promise<void> {
  if (!tags?.length) return;
  await responseStore().invalidateTags(tags);
  const changed = new Set(tags);
  for (const [key, f] of reads) if (f.tags.some((t) => changed.has(t))) reads.delete(key);
}
