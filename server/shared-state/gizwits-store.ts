import "server-only";
import type { Redis } from "ioredis";
import { z } from "zod";
import { markDegraded } from "@/server/gizwits/meter";
import type {
  CacheEntry,
  ExclusiveOptions,
  GizwitsStateStore,
  QuotaObservation,
  QuotaState,
  QuotaTake,
  TokenEntry,
} from "@/server/gizwits/store";
import { SharedStateError, singleFlight } from "./lock";
import { DELETE_IF_EQUAL, rkey, runScript, type ScriptDefinition } from "./redis";

/**
 * The Gizwits client's state shared by every console instance through Redis: one token per
 * product, one quota count (the interactive reserve is therefore fleet-wide), one response cache
 * with tag invalidation, and cross-instance single flight for token requests and cached reads.
 *
 * Every operation is atomic in Redis (a Lua script where it reads and writes). When Redis cannot
 * be reached the same operation runs on `local`, this process's MemoryStateStore, and the request
 * is marked degraded (X-Console-Degraded). `local` is also kept as a mirror while Redis is up
 * (tokens, cache entries, the last quota seen), so an outage starts from what this instance knew
 * rather than from nothing. Invalidations made during an outage are replayed to Redis when it is
 * back, so other instances stop serving what this one changed.
 */

/** Invalidation markers outlive every cache entry they can concern (entries are kept at most this long). */
const TAG_KEEP_MS = 9 * 60 * 60 * 1000;
const HOUR_SEC = 3600;

const nowSec = () => Math.floor(Date.now() / 1000);

// Quota: one hash {limit, remaining, resetAt, known}; same rules as MemoryStateStore.
const QUOTA_PRELUDE = `
local function loadq(now, per)
  local v = redis.call("HMGET", KEYS[1], "limit", "remaining", "resetAt", "known")
  local q = { limit = tonumber(v[1]), remaining = tonumber(v[2]), resetAt = tonumber(v[3]), known = tonumber(v[4]) }
  if q.resetAt == nil or q.limit == nil or q.remaining == nil or now >= q.resetAt then
    q = { limit = per, remaining = per, resetAt = now + ${HOUR_SEC}, known = 0 }
  end
  return q
end
local function saveq(q)
  redis.call("HSET", KEYS[1], "limit", q.limit, "remaining", q.remaining, "resetAt", q.resetAt, "known", q.known or 0)
  redis.call("EXPIRE", KEYS[1], ${2 * HOUR_SEC})
end
local function out(ok, q)
  return { ok, q.limit, q.remaining, q.resetAt, q.known or 0 }
end
`;

/** ARGV: floor, now, perHour → {ok, limit, remaining, resetAt, known} */
const TAKE_QUOTA: ScriptDefinition = {
  name: "gecTakeQuota",
  keys: 1,
  lua: `${QUOTA_PRELUDE}
local floor, now, per = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local q = loadq(now, per)
if q.remaining <= floor then saveq(q) return out(0, q) end
q.remaining = q.remaining - 1
saveq(q)
return out(1, q)`,
};

/** ARGV: now, perHour */
const RETURN_QUOTA: ScriptDefinition = {
  name: "gecReturnQuota",
  keys: 1,
  lua: `${QUOTA_PRELUDE}
local q = loadq(tonumber(ARGV[1]), tonumber(ARGV[2]))
q.remaining = math.min(q.limit, q.remaining + 1)
saveq(q)
return out(1, q)`,
};

/** ARGV: limit, remaining, resetAt, othersInFlight, now, perHour */
const OBSERVE_QUOTA: ScriptDefinition = {
  name: "gecObserveQuota",
  keys: 1,
  lua: `${QUOTA_PRELUDE}
local limit, remaining, resetAt, others = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local q = loadq(tonumber(ARGV[5]), tonumber(ARGV[6]))
local candidate = math.max(0, remaining - others)
local newWindow = (q.known ~= 1) or (resetAt > q.resetAt)
if newWindow then
  q = { limit = limit, remaining = candidate, resetAt = resetAt, known = 1 }
else
  q = { limit = limit, remaining = math.min(q.remaining, candidate), resetAt = q.resetAt, known = 1 }
end
saveq(q)
return out(1, q)`,
};

/** ARGV: resetAt, now, perHour */
const EXHAUST_QUOTA: ScriptDefinition = {
  name: "gecExhaustQuota",
  keys: 1,
  lua: `${QUOTA_PRELUDE}
local q = loadq(tonumber(ARGV[2]), tonumber(ARGV[3]))
q.remaining = 0
q.resetAt = tonumber(ARGV[1])
q.known = 1
saveq(q)
return out(1, q)`,
};

const QUOTA_READ: ScriptDefinition = {
  name: "gecReadQuota",
  keys: 1,
  lua: `${QUOTA_PRELUDE}
return out(1, loadq(tonumber(ARGV[1]), tonumber(ARGV[2])))`,
};

/**
 * Cache entry = hash {meta, value}. KEYS[1] = entry; ARGV[1] = tag key prefix.
 * Returns {meta, value} unless a tag was invalidated after the entry's epoch (then deletes it).
 */
const CACHE_GET: ScriptDefinition = {
  name: "gecCacheGet",
  keys: 1,
  lua: `
local meta = redis.call("HGET", KEYS[1], "meta")
if not meta then return false end
local m = cjson.decode(meta)
for _, t in ipairs(m.tags) do
  local e = tonumber(redis.call("GET", ARGV[1] .. t) or "0")
  if e > m.epoch then redis.call("DEL", KEYS[1]) return false end
end
return { meta, redis.call("HGET", KEYS[1], "value") }`,
};

/** KEYS[1] = entry; ARGV: tag prefix, meta, value, keepMs. Refused when a tag changed since the load began. */
const CACHE_SET: ScriptDefinition = {
  name: "gecCacheSet",
  keys: 1,
  lua: `
local m = cjson.decode(ARGV[2])
for _, t in ipairs(m.tags) do
  local e = tonumber(redis.call("GET", ARGV[1] .. t) or "0")
  if e > m.epoch then return 0 end
end
redis.call("HSET", KEYS[1], "meta", ARGV[2], "value", ARGV[3])
redis.call("PEXPIRE", KEYS[1], ARGV[4])
return 1`,
};

/** KEYS[1] = epoch counter; ARGV: tag prefix, keepMs, tags... → the new epoch. */
const INVALIDATE: ScriptDefinition = {
  name: "gecInvalidate",
  keys: 1,
  lua: `
local e = redis.call("INCR", KEYS[1])
for i = 3, #ARGV do redis.call("SET", ARGV[1] .. ARGV[i], e, "PX", ARGV[2]) end
return e`,
};

const quotaReply = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]);
const cacheMeta = z.object({
  bytes: z.number(),
  fetchedAt: z.number(),
  freshUntil: z.number(),
  tags: z.array(z.string()),
  epoch: z.number(),
});
const cacheReply = z.union([z.null(), z.tuple([z.string(), z.string()])]);

export class RedisStateStore implements GizwitsStateStore {
  private mirror: QuotaState;
  private mirrorReadAt = 0;
  private refreshing = false;
  /** Tags invalidated while Redis was down, replayed when it is back. */
  private pendingTags = new Set<string>();

  constructor(
    private readonly client: Redis,
    private readonly quotaPerHour: number,
    private readonly local: GizwitsStateStore,
  ) {
    this.mirror = local.quotaSnapshot(nowSec());
    client.on("ready", () => void this.replayInvalidations());
  }

  private up(): boolean {
    return this.client.status === "ready";
  }

  private k(...parts: string[]): string {
    return rkey(...parts);
  }

  /** Runs `op` against Redis; on failure runs `fallback` on local memory and marks the request. */
  private async shared<T>(op: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (this.up()) {
      try {
        const v = await op();
        if (this.pendingTags.size) void this.replayInvalidations();
        return v;
      } catch {
        // Connection lost or timed out: fall through to memory.
      }
    }
    markDegraded();
    return fallback();
  }

  private async replayInvalidations(): Promise<void> {
    if (!this.pendingTags.size || !this.up()) return;
    const tags = [...this.pendingTags];
    this.pendingTags.clear();
    try {
      await runScript(this.client, INVALIDATE, [this.k("epoch")], [this.k("tag", ""), TAG_KEEP_MS, ...tags]);
    } catch {
      for (const t of tags) this.pendingTags.add(t);
    }
  }

  // --- tokens -----------------------------------------------------------------------------

  async getToken(productKey: string): Promise<TokenEntry | undefined> {
    return this.shared(
      async () => {
        const key = this.k("token", productKey);
        const [token, pttl] = await Promise.all([this.client.get(key), this.client.pttl(key)]);
        if (token === null || pttl <= 0) return undefined;
        const entry = { token, usableUntil: Date.now() + pttl };
        await this.local.setToken(productKey, entry);
        return entry;
      },
      () => this.local.getToken(productKey),
    );
  }

  async setToken(productKey: string, entry: TokenEntry): Promise<void> {
    await this.local.setToken(productKey, entry);
    const ttl = Math.floor(entry.usableUntil - Date.now());
    if (ttl <= 0) return;
    await this.shared(
      async () => void (await this.client.set(this.k("token", productKey), entry.token, "PX", ttl)),
      async () => undefined,
    );
  }

  async dropToken(productKey: string, token: string): Promise<void> {
    await this.local.dropToken(productKey, token);
    await this.shared(
      async () => void (await runScript(this.client, DELETE_IF_EQUAL, [this.k("token", productKey)], [token])),
      async () => undefined,
    );
  }

  // --- quota ------------------------------------------------------------------------------

  private adopt(reply: unknown): boolean {
    const [ok, limit, remaining, resetAt, known] = quotaReply.parse(reply);
    this.mirror = { limit, remaining, resetAt, known: known === 1 };
    this.mirrorReadAt = Date.now();
    // Keep local memory on the same count, so an outage starts from the fleet's figure.
    void this.local.observeQuota({ limit, remaining, resetAt }, 0, nowSec());
    return ok === 1;
  }

  quotaSnapshot(now: number): QuotaState {
    // Synchronous by contract: answer from the last figure seen and refresh it in the background.
    if (Date.now() - this.mirrorReadAt > 1000 && !this.refreshing && this.up()) {
      this.refreshing = true;
      runScript(this.client, QUOTA_READ, [this.k("quota")], [now, this.quotaPerHour])
        .then((r) => this.adopt(r))
        .catch(() => undefined)
        .finally(() => {
          this.refreshing = false;
        });
    }
    if (!this.up()) return this.local.quotaSnapshot(now);
    if (now >= this.mirror.resetAt)
      return { limit: this.quotaPerHour, remaining: this.quotaPerHour, resetAt: now + HOUR_SEC, known: false };
    return { ...this.mirror };
  }

  async takeQuota(floor: number, now: number): Promise<QuotaTake> {
    return this.shared(
      async () => {
        const ok = this.adopt(await runScript(this.client, TAKE_QUOTA, [this.k("quota")], [floor, now, this.quotaPerHour]));
        return ok ? { ok: true as const } : { ok: false as const, resetAt: this.mirror.resetAt };
      },
      () => this.local.takeQuota(floor, now),
    );
  }

  async returnQuota(): Promise<void> {
    await this.shared(
      async () => void this.adopt(await runScript(this.client, RETURN_QUOTA, [this.k("quota")], [nowSec(), this.quotaPerHour])),
      () => this.local.returnQuota(),
    );
  }

  async observeQuota(obs: QuotaObservation, othersInFlight: number, now: number): Promise<void> {
    await this.shared(
      async () =>
        void this.adopt(
          await runScript(
            this.client,
            OBSERVE_QUOTA,
            [this.k("quota")],
            [obs.limit, obs.remaining, obs.resetAt, othersInFlight, now, this.quotaPerHour],
          ),
        ),
      () => this.local.observeQuota(obs, othersInFlight, now),
    );
  }

  async exhaustQuota(resetAt: number): Promise<void> {
    await this.local.exhaustQuota(resetAt);
    await this.shared(
      async () => void this.adopt(await runScript(this.client, EXHAUST_QUOTA, [this.k("quota")], [resetAt, nowSec(), this.quotaPerHour])),
      async () => undefined,
    );
  }

  // --- cache ------------------------------------------------------------------------------

  async epoch(): Promise<number> {
    return this.shared(
      async () => Number((await this.client.get(this.k("epoch"))) ?? 0),
      () => this.local.epoch(),
    );
  }

  async cacheGet(key: string): Promise<CacheEntry | undefined> {
    return this.shared(
      async () => {
        const reply = cacheReply.parse(await runScript(this.client, CACHE_GET, [this.k("cache", key)], [this.k("tag", "")]));
        if (reply === null) return undefined;
        const meta = cacheMeta.parse(JSON.parse(reply[0]));
        const value: unknown = JSON.parse(reply[1]);
        return { ...meta, value };
      },
      () => this.local.cacheGet(key),
    );
  }

  async cacheSet(key: string, entry: CacheEntry, keepMs: number): Promise<void> {
    const keep = Math.max(1, Math.min(Math.round(keepMs), TAG_KEEP_MS - 60_000));
    // The local mirror runs on its own epochs: stamp the entry with the current local one.
    await this.local.cacheSet(key, { ...entry, epoch: await this.local.epoch() }, keep);
    await this.shared(
      async () => {
        const { value, ...meta } = entry;
        await runScript(
          this.client,
          CACHE_SET,
          [this.k("cache", key)],
          [this.k("tag", ""), JSON.stringify({ ...meta, tags: [...meta.tags] }), JSON.stringify(value ?? null), keep],
        );
      },
      async () => undefined,
    );
  }

  async invalidateTags(tags: readonly string[]): Promise<void> {
    if (!tags.length) return;
    await this.local.invalidateTags(tags);
    await this.shared(
      async () => void (await runScript(this.client, INVALIDATE, [this.k("epoch")], [this.k("tag", ""), TAG_KEEP_MS, ...tags])),
      async () => {
        for (const t of tags) this.pendingTags.add(t);
      },
    );
  }

  // --- single flight across instances -----------------------------------------------------

  async exclusive<T>(name: string, opts: ExclusiveOptions<T>): Promise<T> {
    if (!this.up()) {
      markDegraded();
      return opts.load();
    }
    try {
      return await singleFlight(this.client, { lockKey: this.k("lock", name), holdMs: opts.holdMs, ready: opts.ready, load: opts.load });
    } catch (err) {
      if (!(err instanceof SharedStateError)) throw err;
      markDegraded();
      return opts.load();
    }
  }
}
