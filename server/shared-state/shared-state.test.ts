/**
 * The Redis backends against a real Redis (TEST_REDIS_URL, started by .ci/services.sh): two
 * RedisStateStores with their own connection and their own memory stand for two console
 * instances. Every test uses its own key prefix. Skipped, with a message, without TEST_REDIS_URL.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REDIS_URL = process.env.TEST_REDIS_URL;
if (!REDIS_URL) console.warn("[skip] server/shared-state/shared-state.test.ts: TEST_REDIS_URL is not set (bash .ci/services.sh start)");

Object.assign(process.env, {
  GIZWITS_API_BASE: "http://127.0.0.1:9",
  GIZWITS_ENTERPRISE_ID: "test-enterprise",
  GIZWITS_ENTERPRISE_SECRET: "test-enterprise-secret",
  GIZWITS_PRODUCTS: "pk_test:ps_test",
  NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdef",
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgres://unused@127.0.0.1:9/unused",
  REDIS_URL: REDIS_URL ?? "redis://127.0.0.1:9",
  REDIS_KEY_PREFIX: `t${randomBytes(4).toString("hex")}:`,
});

const { MemoryStateStore } = await import("@/server/gizwits/store");
const { RedisStateStore } = await import("./gizwits-store");
const { withUpstreamMeter } = await import("@/server/gizwits/meter");
const { closeRedis } = await import("./redis");
const { parseEnv, resetEnv } = await import("@/server/env");

const clients: Redis[] = [];
function connect(url = REDIS_URL!): Redis {
  const c = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1500, retryStrategy: () => 200 });
  c.on("error", () => undefined);
  clients.push(c);
  return c;
}
async function ready(c: Redis): Promise<void> {
  if (c.status === "ready") return;
  await new Promise<void>((resolve) => c.once("ready", () => resolve()));
}
/** A console instance's state: its own connection, its own memory. */
async function instance(quota = 100) {
  const c = connect();
  await ready(c);
  return new RedisStateStore(c, quota, new MemoryStateStore(quota));
}
const entry = (value: unknown, epoch: number, tags: string[], now = Date.now()) => ({
  value,
  bytes: 10,
  fetchedAt: now,
  freshUntil: now + 60_000,
  tags,
  epoch,
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await closeRedis();
});

describe("configuration", () => {
  const base = {
    GIZWITS_API_BASE: "http://127.0.0.1:9",
    GIZWITS_ENTERPRISE_ID: "e",
    GIZWITS_ENTERPRISE_SECRET: "s",
    GIZWITS_PRODUCTS: "pk:ps",
    NEXTAUTH_SECRET: "0123456789abcdef0123",
  };
  it("refuses REDIS_URL without DATABASE_URL and says why", () => {
    expect(() => parseEnv({ ...base, REDIS_URL: "redis://127.0.0.1:6379" })).toThrow(/DATABASE_URL.*REDIS_URL is set.*PostgreSQL/s);
    expect(parseEnv({ ...base, REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgres://u@h/db" }).REDIS_URL).toBe(
      "redis://127.0.0.1:6379",
    );
    expect(() => parseEnv({ ...base, REDIS_URL: "http://x" })).toThrow(/REDIS_URL must be a redis/);
  });
});

describe.skipIf(!REDIS_URL)("Gizwits state shared by two instances", () => {
  it("one token per product, and a late 5011 on one instance cannot drop the other's newer token", async () => {
    const [a, b] = [await instance(), await instance()];
    await a.setToken("pk", { token: "t1", usableUntil: Date.now() + 60_000 });
    expect((await b.getToken("pk"))?.token).toBe("t1");
    await b.setToken("pk", { token: "t2", usableUntil: Date.now() + 60_000 });
    await a.dropToken("pk", "t1");
    expect((await a.getToken("pk"))?.token).toBe("t2");
    await a.dropToken("pk", "t2");
    expect(await b.getToken("pk")).toBeUndefined();
  });

  it("one quota for the fleet: calls taken on both never exceed it, and the reserve holds fleet-wide", async () => {
    const now = Math.floor(Date.now() / 1000);
    const [a, b] = [await instance(10), await instance(10)];
    await a.observeQuota({ limit: 10, remaining: 10, resetAt: now + 600 }, 0, now);
    const takes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).takeQuota(0, now)));
    expect(takes.filter((t) => t.ok)).toHaveLength(10);
    expect(b.quotaSnapshot(now)).toMatchObject({ remaining: 0, known: true });

    const [c, d] = [await instance(10), await instance(10)];
    // fresh prefix space is shared by all four stores: reopen the window on c and keep 3 in reserve
    await c.observeQuota({ limit: 10, remaining: 4, resetAt: now + 1200 }, 0, now);
    expect(await d.takeQuota(3, now)).toEqual({ ok: true });
    expect(await c.takeQuota(3, now)).toEqual({ ok: false, resetAt: now + 1200 });
    expect(await d.takeQuota(0, now)).toEqual({ ok: true });
  });

  it("a cache entry stored by one instance is served by the other; a write on either invalidates it for both", async () => {
    const [a, b] = [await instance(), await instance()];
    await a.cacheSet("k1", entry({ rows: [1, 2] }, await a.epoch(), ["device:pk:1"]), 60_000);
    expect((await b.cacheGet("k1"))?.value).toEqual({ rows: [1, 2] });
    await b.invalidateTags(["device:pk:1"]);
    expect(await a.cacheGet("k1")).toBeUndefined();
    // A load that began before the write may not store its (older) answer.
    const before = await a.epoch();
    await b.invalidateTags(["device:pk:2"]);
    await a.cacheSet("k2", entry(1, before, ["device:pk:2"]), 60_000);
    expect(await b.cacheGet("k2")).toBeUndefined();
    await a.cacheSet("k3", entry(3, before, ["device:pk:3"]), 60_000);
    expect((await b.cacheGet("k3"))?.value).toBe(3);
  });

  it("runs work once across instances: the other waits for the result", async () => {
    const [a, b] = [await instance(), await instance()];
    let loads = 0;
    const work = (s: InstanceType<typeof RedisStateStore>) =>
      s.exclusive("job", {
        holdMs: 5000,
        ready: async () => (await s.cacheGet("job-result"))?.value as string | undefined,
        load: async () => {
          loads += 1;
          await new Promise((r) => setTimeout(r, 150));
          await s.cacheSet("job-result", entry("done", await s.epoch(), []), 60_000);
          return "done";
        },
      });
    expect(await Promise.all([work(a), work(b), work(a)])).toEqual(["done", "done", "done"]);
    expect(loads).toBe(1);
  });

  it("falls back to process memory while Redis is unreachable, marks the request, and catches up afterwards", async () => {
    const dead = connect("redis://127.0.0.1:9");
    const memory = new MemoryStateStore(10);
    const s = new RedisStateStore(dead, 10, memory);
    const { result, degraded } = await withUpstreamMeter(async () => {
      await s.setToken("pk", { token: "local", usableUntil: Date.now() + 60_000 });
      await s.cacheSet("k", entry("v", await s.epoch(), ["t"]), 60_000);
      return [(await s.getToken("pk"))?.token, (await s.cacheGet("k"))?.value, await s.takeQuota(0, 1000)];
    });
    expect(result).toEqual(["local", "v", { ok: true }]);
    expect(degraded).toBe(true);
    const fresh = await withUpstreamMeter(async () => (await instance()).epoch());
    expect(fresh.degraded).toBe(false);
  });
});

describe.skipIf(!REDIS_URL)("idempotency records in Redis", () => {
  beforeAll(async () => {
    const { redis } = await import("./redis");
    await ready(redis()!);
  });

  it("a retry on another instance gets the first answer; another payload is refused", async () => {
    const { withIdempotency } = await import("@/server/idempotency");
    let sent = 0;
    const send = async () => ({ sentAt: ++sent });
    const key = `k-${randomBytes(6).toString("hex")}`;
    const first = await withIdempotency("u1", key, { did: "d", attrs: { a: 1 } }, send);
    // Another instance = another process memory; the record is only in Redis.
    const second = await withIdempotency("u1", key, { attrs: { a: 1 }, did: "d" }, send);
    expect(second).toEqual(first);
    expect(sent).toBe(1);
    await expect(withIdempotency("u1", key, { did: "d", attrs: { a: 2 } }, send)).rejects.toMatchObject({ status: 409 });
    // Other users' keys are theirs.
    await withIdempotency("u2", key, { did: "d", attrs: { a: 1 } }, send);
    expect(sent).toBe(2);
  });

  it("refuses a write that needs the record while Redis is unreachable, without sending it", async () => {
    const { closeRedis: close } = await import("./redis");
    const { withIdempotency } = await import("@/server/idempotency");
    await close();
    process.env.REDIS_URL = "redis://127.0.0.1:9";
    resetEnv();
    let sent = 0;
    const err = await withIdempotency("u1", "key-unreachable", { x: 1 }, async () => ++sent).catch((e: unknown) => e);
    expect(sent).toBe(0);
    expect(err).toMatchObject({ status: 503 });
    const text = (err as { text: { en: string; "zh-CN": string } }).text;
    expect(text.en).toMatch(/cannot be reached, so nothing was sent/);
    expect(text["zh-CN"]).toMatch(/未发送/);
    await close();
    process.env.REDIS_URL = REDIS_URL;
    resetEnv();
  });
});

describe.skipIf(!REDIS_URL)("sign-in throttle shared through Redis", () => {
  it("failures counted on one instance slow the username on the other; a success clears it everywhere", async () => {
    const { redis } = await import("./redis");
    await ready(redis()!);
    const { RateLimiterThrottleStore, delayAfter } = await import("@/server/auth/throttle");
    const { sharedThrottleLimiters } = await import("./throttle");
    const windows = { failureWindowSec: 3600, knownClientSec: 3600 };
    const a = new RateLimiterThrottleStore(sharedThrottleLimiters(windows)!);
    const b = new RateLimiterThrottleStore(sharedThrottleLimiters(windows)!);
    const key = `u:user-${randomBytes(4).toString("hex")}`;
    const now = Date.now();
    for (let i = 0; i < 6; i++) await (i % 2 ? a : b).fail(key, now, (n) => delayAfter(n, 5));
    const seen = await b.state(key, now);
    expect(seen.failures).toBe(6);
    expect(seen.waitUntil).toBeGreaterThan(now);
    await a.clear(key);
    expect(await b.state(key, now)).toEqual({ failures: 0, waitUntil: 0 });
  });
});

describe.skipIf(!REDIS_URL)("quota gate shared through Redis", () => {
  it("a contradicted 5013 on one instance holds every instance, then one probe goes out for the fleet", async () => {
    const { MemoryQuotaGate, PROBE_BACKOFF_SEC } = await import("@/server/gizwits/quota");
    const { RedisQuotaGate } = await import("./quota-gate");
    const gate = async () => {
      const c = connect();
      await ready(c);
      return new RedisQuotaGate(c, new MemoryQuotaGate(), PROBE_BACKOFF_SEC);
    };
    const [a, b] = [await gate(), await gate()];
    const t = Date.now();
    expect(await b.admit(t, 10_000)).toEqual({ ok: true, probe: false });
    const hold = await a.refused(t, t + 3_600_000);
    expect(hold).toBe(t + PROBE_BACKOFF_SEC[0] * 1000);
    expect(await b.admit(t + 1000, 10_000)).toEqual({ ok: false, retryAtMs: hold });
    // After the hold, exactly one probe for both instances.
    expect(await b.admit(hold, 10_000)).toEqual({ ok: true, probe: true });
    expect(await a.admit(hold + 1, 10_000)).toEqual({ ok: false, retryAtMs: hold + 10_000 });
    // The probe's answer reopens the gate everywhere.
    await b.answered();
    expect(await a.admit(hold + 2, 10_000)).toEqual({ ok: true, probe: false });
    // The upstream's figures seen on one instance are what the other reports.
    await a.recordSighting({ limit: 3600, remaining: 1234, resetAt: 99, at: t });
    await b.recordSighting({ limit: 3600, remaining: 2000, resetAt: 99, at: t - 5 });
    // b's figures are older than a's: the fleet keeps a's, and b reports them.
    expect(b.sighting()).toEqual({ limit: 3600, remaining: 1234, resetAt: 99, at: t });
  });
});
