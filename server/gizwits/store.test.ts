import { describe, expect, it } from "vitest";
import { PriorityLimiter } from "./limiter";
import { MemoryStateStore, type CacheEntry } from "./store";

const entry = (value: unknown, epoch: number, tags: string[], now = Date.now()): CacheEntry => ({
  value,
  bytes: 10,
  fetchedAt: now,
  freshUntil: now + 1000,
  tags,
  epoch,
});

describe("quota bookkeeping", () => {
  it("assumes the configured budget until an answer says otherwise, and counts calls in flight", async () => {
    const s = new MemoryStateStore(10);
    expect(s.quotaSnapshot(1000)).toMatchObject({ limit: 10, remaining: 10, known: false, resetAt: 4600 });
    for (let i = 0; i < 10; i++) expect(await s.takeQuota(0, 1000)).toEqual({ ok: true });
    expect(await s.takeQuota(0, 1000)).toEqual({ ok: false, resetAt: 4600 });
  });

  it("keeps the reserve away from background work", async () => {
    const s = new MemoryStateStore(5);
    await s.observeQuota({ limit: 5, remaining: 3, resetAt: 3600 }, 0, 1000);
    expect(await s.takeQuota(3, 1000)).toEqual({ ok: false, resetAt: 3600 });
    expect(await s.takeQuota(0, 1000)).toEqual({ ok: true });
  });

  it("adopts a new window, but within one window only ever lowers the count", async () => {
    const s = new MemoryStateStore(3600);
    await s.observeQuota({ limit: 100, remaining: 50, resetAt: 3600 }, 2, 1000);
    expect(s.quotaSnapshot(1000)).toMatchObject({ limit: 100, remaining: 48, resetAt: 3600, known: true });
    // A late answer from before other calls landed must not give budget back.
    await s.observeQuota({ limit: 100, remaining: 55, resetAt: 3600 }, 0, 1000);
    expect(s.quotaSnapshot(1000).remaining).toBe(48);
    await s.observeQuota({ limit: 100, remaining: 99, resetAt: 7200 }, 0, 3700);
    expect(s.quotaSnapshot(3700)).toMatchObject({ remaining: 99, resetAt: 7200 });
  });

  it("refuses everything after a 5013 until the reset, then starts over", async () => {
    const s = new MemoryStateStore(3600);
    await s.exhaustQuota(2000);
    expect(await s.takeQuota(0, 1500)).toEqual({ ok: false, resetAt: 2000 });
    expect(await s.takeQuota(0, 2000)).toEqual({ ok: true });
    expect(s.quotaSnapshot(2000)).toMatchObject({ remaining: 3599, known: false });
  });
});

describe("token entries", () => {
  it("drops a token only if it is still the current one", async () => {
    const s = new MemoryStateStore(10);
    await s.setToken("pk", { token: "new", usableUntil: 1 });
    await s.dropToken("pk", "old");
    expect((await s.getToken("pk"))?.token).toBe("new");
    await s.dropToken("pk", "new");
    expect(await s.getToken("pk")).toBeUndefined();
  });
});

describe("cache invalidation", () => {
  it("invalidates entries by tag and leaves others", async () => {
    const s = new MemoryStateStore(10);
    await s.cacheSet("a", entry(1, await s.epoch(), ["device:pk:1"]), 10_000);
    await s.cacheSet("b", entry(2, await s.epoch(), ["device:pk:2"]), 10_000);
    await s.invalidateTags(["device:pk:1"]);
    expect(await s.cacheGet("a")).toBeUndefined();
    expect((await s.cacheGet("b"))?.value).toBe(2);
  });

  it("does not store a read that was in flight when a write invalidated it", async () => {
    const s = new MemoryStateStore(10);
    const started = await s.epoch();
    await s.invalidateTags(["groups:pk"]);
    await s.cacheSet("tree", entry("before the write", started, ["groups:pk"]), 10_000);
    expect(await s.cacheGet("tree")).toBeUndefined();
    await s.cacheSet("tree", entry("after the write", await s.epoch(), ["groups:pk"]), 10_000);
    expect((await s.cacheGet("tree"))?.value).toBe("after the write");
  });

  it("bounds its memory by the size of the answers", async () => {
    const s = new MemoryStateStore(10);
    const big = (v: string) => ({ ...entry(v, 0, []), bytes: 20 * 1024 * 1024 });
    await s.cacheSet("a", big("a"), 60_000);
    await s.cacheSet("b", big("b"), 60_000);
    expect(await s.cacheGet("a")).toBeUndefined();
    expect((await s.cacheGet("b"))?.value).toBe("b");
  });

  it("keeps stale entries for the fallback until their keep time", async () => {
    const s = new MemoryStateStore(10);
    const e = { ...entry("old", 0, []), freshUntil: Date.now() - 1 };
    await s.cacheSet("k", e, 60_000);
    expect((await s.cacheGet("k"))?.value).toBe("old");
  });
});

describe("concurrency limiter", () => {
  it("never runs more than its limit and lets interactive work overtake background work", async () => {
    const l = new PriorityLimiter(2);
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const gates: (() => void)[] = [];
    const job = (name: string) => async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(name);
      await new Promise<void>((r) => gates.push(r));
      running--;
    };
    const all = [
      l.run("background", job("b1")),
      l.run("background", job("b2")),
      l.run("background", job("b3")),
      l.run("interactive", job("i1")),
    ];
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(["b1", "b2"]);
    expect(l.waiting).toBe(2);
    while (order.length < 4 || gates.length) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(all);
    expect(order).toEqual(["b1", "b2", "i1", "b3"]);
    expect(peak).toBe(2);
    expect(l.running).toBe(0);
  });
});
