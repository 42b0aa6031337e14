import "server-only";
import { LRUCache } from "lru-cache";
import { RedisStateStore } from "@/server/shared-state/gizwits-store";
import { redis } from "@/server/shared-state/redis";
import { processSingleton } from "@/server/process-singleton";

/**
 * Shared state of the Gizwits client: tokens, the quota governor's view of the budget, and the
 * response cache. It lives once per process on globalThis because Next bundles each route
 * separately and would otherwise give every route its own token, quota and cache. Everything
 * goes through `GizwitsStateStore`, whose methods are async so that with REDIS_URL the Redis
 * backend (server/shared-state/gizwits-store.ts) shares it between console instances (quota as an
 * atomic Lua decrement, cache as hashes with PX + tag epochs, single flight with a lease).
 * In-process coalescing and the concurrency limiter stay per process: they hold promises.
 */

export interface TokenEntry {
  token: string;
  /** Unix ms after which the token must not be used (upstream expiry minus a safety margin). */
  usableUntil: number;
}

export interface QuotaState {
  limit: number;
  remaining: number;
  /** Unix seconds when the upstream window resets. */
  resetAt: number;
  /** False until an upstream response carried X-RateLimit-* headers for the current window. */
  known: boolean;
}

export interface QuotaObservation {
  limit: number;
  remaining: number;
  resetAt: number;
}

export type QuotaTake = { ok: true } | { ok: false; resetAt: number };

export interface CacheEntry {
  value: unknown;
  /** Size of the answer's text; bounds the cache's memory. */
  bytes: number;
  /** Unix ms when the upstream answered. */
  fetchedAt: number;
  /** Unix ms after which the entry is stale (still kept as a fallback while the quota is spent). */
  freshUntil: number;
  tags: readonly string[];
  /** Invalidation epoch current when the load started; older than a tag's epoch ⇒ invalid. */
  epoch: number;
}

export interface GizwitsStateStore {
  getToken(productKey: string): Promise<TokenEntry | undefined>;
  setToken(productKey: string, entry: TokenEntry): Promise<void>;
  /** Drops the token only if it is still `token`, so a late 5011 cannot discard a fresh one. */
  dropToken(productKey: string, token: string): Promise<void>;

  /** The last budget this process knows of; synchronous for GET /api/quota and headers. */
  quotaSnapshot(nowSec: number): QuotaState;
  /** Takes one call from the budget unless no more than `floor` calls remain. Atomic. */
  takeQuota(floor: number, nowSec: number): Promise<QuotaTake>;
  /** Gives back a call that was taken but never reached the upstream. */
  returnQuota(): Promise<void>;
  /** Applies X-RateLimit-* of a response; `othersInFlight` calls were taken but not yet answered. */
  observeQuota(obs: QuotaObservation, othersInFlight: number, nowSec: number): Promise<void>;
  /** The upstream said 403/5013: nothing is left until `resetAt`. */
  exhaustQuota(resetAt: number): Promise<void>;

  /** Current invalidation epoch; loads record it before calling the upstream. */
  epoch(): Promise<number>;
  /** Returns the entry even when stale, unless a write invalidated one of its tags since. */
  cacheGet(key: string): Promise<CacheEntry | undefined>;
  /** Stores the entry unless one of its tags was invalidated after `entry.epoch`. */
  cacheSet(key: string, entry: CacheEntry, keepMs: number): Promise<void>;
  invalidateTags(tags: readonly string[]): Promise<void>;

  /**
   * Runs `load` once across every instance sharing this store (`name` identifies the work, e.g. a
   * token request or a cache key); the other instances wait and get `ready()`, what the loader left
   * behind. In one process this is just `load()`: in-process coalescing is the caller's.
   */
  exclusive<T>(name: string, opts: ExclusiveOptions<T>): Promise<T>;
}

export interface ExclusiveOptions<T> {
  /** Longest the work may take (then a waiter stops waiting). */
  holdMs: number;
  /** The loader's result as the other instances see it; undefined while not there yet. */
  ready: () => Promise<T | undefined>;
  load: () => Promise<T>;
}

const HOUR_SEC = 3600;

export class MemoryStateStore implements GizwitsStateStore {
  private tokens = new Map<string, TokenEntry>();
  private quota: QuotaState;
  // Bounded by count and by answer size (text length ≈ bytes; parsed objects take a few times more).
  private entries = new LRUCache<string, CacheEntry>({
    max: 5000,
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (e) => Math.max(1, e.bytes),
  });
  private epochCounter = 0;
  /** Epoch of the latest invalidation per tag. Bounded; an evicted tag raises `evictedFloor`. */
  private tagEpochs: LRUCache<string, number>;
  private evictedFloor = 0;

  constructor(private readonly quotaPerHour: number) {
    this.quota = { limit: quotaPerHour, remaining: quotaPerHour, resetAt: 0, known: false };
    this.tagEpochs = new LRUCache<string, number>({
      max: 50_000,
      dispose: (epoch, _tag, reason) => {
        if (reason === "evict") this.evictedFloor = Math.max(this.evictedFloor, epoch);
      },
    });
  }

  async getToken(productKey: string) {
    return this.tokens.get(productKey);
  }
  async setToken(productKey: string, entry: TokenEntry) {
    this.tokens.set(productKey, entry);
  }
  async dropToken(productKey: string, token: string) {
    if (this.tokens.get(productKey)?.token === token) this.tokens.delete(productKey);
  }

  private rollWindow(nowSec: number) {
    if (nowSec >= this.quota.resetAt) {
      // A new window we have not heard about yet: assume the configured hourly budget.
      this.quota = { limit: this.quotaPerHour, remaining: this.quotaPerHour, resetAt: nowSec + HOUR_SEC, known: false };
    }
  }
  quotaSnapshot(nowSec: number): QuotaState {
    this.rollWindow(nowSec);
    return { ...this.quota };
  }
  async takeQuota(floor: number, nowSec: number): Promise<QuotaTake> {
    this.rollWindow(nowSec);
    if (this.quota.remaining <= floor) return { ok: false, resetAt: this.quota.resetAt };
    this.quota.remaining -= 1;
    return { ok: true };
  }
  async returnQuota() {
    this.quota.remaining = Math.min(this.quota.limit, this.quota.remaining + 1);
  }
  async observeQuota(obs: QuotaObservation, othersInFlight: number, nowSec: number) {
    this.rollWindow(nowSec);
    // Calls still in flight were already subtracted locally but not yet by this answer.
    const candidate = Math.max(0, obs.remaining - othersInFlight);
    const newWindow = !this.quota.known || obs.resetAt > this.quota.resetAt;
    this.quota = {
      limit: obs.limit,
      // Within one window only ever go down: answers arrive out of order.
      remaining: newWindow ? candidate : Math.min(this.quota.remaining, candidate),
      resetAt: newWindow ? obs.resetAt : this.quota.resetAt,
      known: true,
    };
  }
  async exhaustQuota(resetAt: number) {
    this.quota = { ...this.quota, remaining: 0, resetAt, known: true };
  }

  async epoch() {
    return this.epochCounter;
  }
  private invalidatedAt(tags: readonly string[]): number {
    let max = 0;
    for (const t of tags) max = Math.max(max, this.tagEpochs.get(t) ?? this.evictedFloor);
    return max;
  }
  async cacheGet(key: string) {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.invalidatedAt(e.tags) > e.epoch) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
  async cacheSet(key: string, entry: CacheEntry, keepMs: number) {
    if (this.invalidatedAt(entry.tags) > entry.epoch) return;
    this.entries.set(key, entry, { ttl: Math.max(1, keepMs) });
  }
  async invalidateTags(tags: readonly string[]) {
    if (!tags.length) return;
    this.epochCounter += 1;
    for (const t of tags) this.tagEpochs.set(t, this.epochCounter);
  }

  exclusive<T>(_name: string, opts: ExclusiveOptions<T>): Promise<T> {
    return opts.load();
  }
}

/** null until the first gizwitsStore() call, which knows the hourly quota. */
const processStore = processSingleton<GizwitsStateStore | null>("__gizwitsStore", () => null);

/**
 * The process-wide store, created on first use with the configured hourly quota: shared through
 * Redis when REDIS_URL is set (with this process's memory as the fallback), else memory alone.
 */
export function gizwitsStore(quotaPerHour: number): GizwitsStateStore {
  let store = processStore.get();
  if (!store) {
    const client = redis();
    const memory = new MemoryStateStore(quotaPerHour);
    store = client ? new RedisStateStore(client, quotaPerHour, memory) : memory;
    processStore.set(store);
  }
  return store;
}

/** Swaps the backend (e.g. a Redis store in a multi-instance deployment). */
export function setGizwitsStore(store: GizwitsStateStore): void {
  processStore.set(store);
}

export function resetGizwitsStore(): void {
  processStore.reset();
}
