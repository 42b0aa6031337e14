import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { quotaSchema } from "@/lib/schemas/api";
import { productsResponseSchema } from "@/lib/schemas/products";
import { AppError, toErrorResponse } from "@/server/errors";
import { gizwits, quotaStatus, resetGizwitsState } from "./client";
import { resetQuotaGate } from "./quota";
import { controlDevice } from "./control";
import { getDeviceDetail, searchDevices } from "./devices";
import { withUpstreamMeter } from "./meter";
import { emulator, type EmulatorSample } from "./test/emulator";

/*
 * The client against the real emulator (its own instance, started by test/global-setup.ts),
 * counting upstream calls with the emulator's /__emulator/stats. The tests reconfigure that
 * emulator, so they all live in this one file, run in sequence, and reset it (and the client's
 * process state) before each test.
 */

vi.mock("@/server/auth/session", () => ({
  getSessionUser: async () => ({ id: "u1", username: "manager", name: "Manager", role: "manager" }),
}));

const emu = emulator({ exclusive: true });
const TIMEOUT_MS = 1000;
const RESERVE = 3;
const TOKEN_ROUTE = "POST /v1/products/{product_key}/access_token";
const DETAIL_ROUTE = "GET /v1/products/{product_key}/device_detail";
const SEARCH_ROUTE = "GET /v1/products/{product_key}/devices/search";
const CONTROL_ROUTE = "POST /v1/products/{product_key}/devices/{did}/control";

let pk: string;
let controllable: EmulatorSample;
/** A product whose history logs answer (unpublished, or enabled by Gizwits: issue 12). */
let withHistory: EmulatorSample;
const logged: string[] = [];

async function routeCalls(route: string): Promise<number> {
  return (await emu.stats()).callsByRoute[route] ?? 0;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** An online device of a product whose remote control is enabled. */
async function onlineDevice(): Promise<{ did: string; mac: string }> {
  const d = controllable.online[0] ?? controllable.offline[0];
  await emu.control(`/devices/${d.did}/online`, {});
  return d;
}

beforeAll(async () => {
  // Failures are logged; keep them out of the test output but check them for secrets below.
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  emu.useEnv({ GIZWITS_TIMEOUT_MS: String(TIMEOUT_MS), GIZWITS_INTERACTIVE_RESERVE: String(RESERVE), GIZWITS_QUOTA_PER_HOUR: "3600" });
  await emu.reset();
  const { products } = await emu.sample();
  pk = products[0].product_key;
  const c = products.find((p) => p.remote_control && (p.online.length || p.offline.length));
  if (!c) throw new Error("the emulator's demo tenant has no remotely controllable product");
  controllable = c;
  const h = products.find((p) => p.history && p.online.length);
  if (!h) throw new Error("the emulator's demo tenant has no product with history logs");
  withHistory = h;
});

beforeEach(async () => {
  await emu.reset();
  resetGizwitsState();
  await emu.control("/stats/reset", {});
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(() => {
  const secrets = [emu.tenant.enterprise_secret, ...emu.tenant.products.map((p) => p.product_secret)];
  for (const line of logged) for (const s of secrets) expect(line).not.toContain(s);
});

describe("tokens", () => {
  it("fetches one token for 50 concurrent requests", async () => {
    const pages = await Promise.all(Array.from({ length: 50 }, (_, i) => searchDevices(pk, { skip: i, limit: 1 })));
    expect(pages.every((p) => p.objects.length === 1)).toBe(true);
    expect(await routeCalls(TOKEN_ROUTE)).toBe(1);
    expect(await routeCalls(SEARCH_ROUTE)).toBe(50);
  });

  it("reuses the token for later requests", async () => {
    await searchDevices(pk, { limit: 1 });
    await searchDevices(pk, { limit: 2 });
    expect(await routeCalls(TOKEN_ROUTE)).toBe(1);
  });

  it("renews the token after 5011 and replays the request once", async () => {
    await searchDevices(pk, { limit: 1 });
    await emu.expireTokens();
    await emu.control("/stats/reset", {});
    const page = await searchDevices(pk, { limit: 3 });
    expect(page.objects).toHaveLength(3);
    expect(await routeCalls(TOKEN_ROUTE)).toBe(1);
    // The first attempt was refused with 5011, the replay succeeded.
    expect(await routeCalls(SEARCH_ROUTE)).toBe(2);
  });

  it("renews only once when many requests meet the expired token together", async () => {
    await searchDevices(pk, { limit: 1 });
    await emu.expireTokens();
    await emu.control("/stats/reset", {});
    const pages = await Promise.all(Array.from({ length: 20 }, (_, i) => searchDevices(pk, { skip: i, limit: 1 })));
    expect(pages).toHaveLength(20);
    expect(await routeCalls(TOKEN_ROUTE)).toBe(1);
    expect(await routeCalls(SEARCH_ROUTE)).toBeLessThanOrEqual(40);
  });

  it("replays a write refused for its token (it was not executed)", async () => {
    const d = await onlineDevice();
    await searchDevices(controllable.product_key, { limit: 1 });
    await emu.expireTokens();
    await emu.control("/stats/reset", {});
    await controlDevice(controllable.product_key, d.did, { raw: [1, 2, 3] });
    expect(await routeCalls(CONTROL_ROUTE)).toBe(2);
    expect(await routeCalls(TOKEN_ROUTE)).toBe(1);
  });
});

describe("reads: cache and coalescing", () => {
  it("shares one upstream call among identical concurrent reads", async () => {
    await emu.config({ latencyMs: 100 });
    const mac = controllable.online[0]?.mac ?? controllable.offline[0].mac;
    const metered = await Promise.all(
      Array.from({ length: 20 }, () => withUpstreamMeter(() => getDeviceDetail(controllable.product_key, mac))),
    );
    expect(new Set(metered.map((m) => m.result.did)).size).toBe(1);
    expect(await routeCalls(DETAIL_ROUTE)).toBe(1);
    // Token + read, counted once, by whichever request made them.
    expect(metered.reduce((s, m) => s + m.calls, 0)).toBe(2);
  });

  it("serves repeated reads from cache until a write invalidates them", async () => {
    const d = await onlineDevice();
    await getDeviceDetail(controllable.product_key, d.mac);
    const again = await withUpstreamMeter(() => getDeviceDetail(controllable.product_key, d.mac));
    expect(again.calls).toBe(0);
    expect(await routeCalls(DETAIL_ROUTE)).toBe(1);
    await controlDevice(controllable.product_key, d.did, { raw: [1] });
    await getDeviceDetail(controllable.product_key, d.mac);
    expect(await routeCalls(DETAIL_ROUTE)).toBe(2);
  });

  it("does not let a read asked after a write join a read that was in flight before it", async () => {
    const d = await onlineDevice();
    await searchDevices(controllable.product_key, { limit: 1 });
    await emu.config({ latencyMs: 300, faultPath: "/device_detail" });
    await emu.control("/stats/reset", {});
    const before = getDeviceDetail(controllable.product_key, d.mac);
    // In flight: the emulator has received it (it counts a call on arrival, before the latency).
    await expect.poll(() => routeCalls(DETAIL_ROUTE), { interval: 10, timeout: 5_000 }).toBe(1);
    await controlDevice(controllable.product_key, d.did, { raw: [1] });
    const after = getDeviceDetail(controllable.product_key, d.mac);
    await Promise.all([before, after]);
    expect(await routeCalls(DETAIL_ROUTE)).toBe(2);
  });

  it("serves labelled stale data instead of an error when the quota is spent", async () => {
    const d = controllable.offline[0] ?? controllable.online[0];
    const fresh = await getDeviceDetail(controllable.product_key, d.mac);
    const fetchedAround = Date.now();
    await emu.config({ quota: 0 });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60_000);
    const stale = await withUpstreamMeter(() => getDeviceDetail(controllable.product_key, d.mac));
    expect(stale.result).toEqual(fresh);
    expect(stale.staleSince).not.toBeNull();
    expect(Math.abs(stale.staleSince! - fetchedAround)).toBeLessThan(5_000);
  });
});

describe("quota governor", () => {
  // The emulator's quota window ends on the hour (X-RateLimit-Reset), and the console rightly opens a
  // fresh budget once that moment passes: a test that straddles the hour sees the new window instead
  // of the one it spent (3 failures in a test run that reached this file at 09:00:00). Start each test
  // well clear of the hour.
  beforeEach(async () => {
    const toHour = 3_600_000 - (Date.now() % 3_600_000);
    if (toHour < 15_000) await new Promise((r) => setTimeout(r, toHour + 1_000));
  });

  it("turns the upstream's 5013 into 429 with Retry-After, then stops calling", async () => {
    await emu.config({ quota: 0 });
    const err = await rejection(searchDevices(pk, { limit: 1 }));
    expect(err.code).toBe("QUOTA_EXHAUSTED");
    const res = toErrorResponse(err, "zh-CN");
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/额度/);
    const calls = (await emu.stats()).calls;
    await rejection(searchDevices(pk, { limit: 2 }));
    expect((await emu.stats()).calls).toBe(calls);
    expect(quotaStatus()).toMatchObject({ remaining: 0, known: true });
  });

  it("never sends more calls than the upstream allows", async () => {
    await emu.config({ quota: 5 });
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      outcomes.push(
        await searchDevices(pk, { skip: i, limit: 1 }).then(
          () => "ok",
          (e: AppError) => e.code,
        ),
      );
    }
    // 1 token + 4 searches use the 5 calls; the rest are refused here, never sent.
    expect(outcomes).toEqual(["ok", "ok", "ok", "ok", "QUOTA_EXHAUSTED", "QUOTA_EXHAUSTED", "QUOTA_EXHAUSTED", "QUOTA_EXHAUSTED"]);
    expect((await emu.stats()).calls).toBe(5);
  });

  it("keeps the reserve for interactive work", async () => {
    await emu.config({ quota: 6 });
    await searchDevices(pk, { limit: 1 }); // token + search: 4 left
    await searchDevices(pk, { limit: 2 }, { priority: "background" }); // 3 left = the reserve
    const err = await rejection(searchDevices(pk, { limit: 3 }, { priority: "background" }));
    expect(err.code).toBe("QUOTA_EXHAUSTED");
    expect(err.text.en).toMatch(/reserved for interactive use/);
    await searchDevices(pk, { limit: 4 });
    expect(quotaStatus()).toMatchObject({ limit: 6, remaining: 2, reserved: RESERVE });
  });

  it("after a lone 5013 that the upstream's figures contradict, probes once after a short hold and recovers", async () => {
    resetQuotaGate();
    await searchDevices(pk, { limit: 1 }); // token + search: figures seen, thousands left
    expect(quotaStatus().upstream).toMatchObject({ limit: 3600, remaining: 3598 });
    await emu.config({ errorRate: 1, errorCode: 5013, faultPath: "/devices/search" });
    const err = await rejection(searchDevices(pk, { limit: 2 }));
    expect(err.code).toBe("QUOTA_EXHAUSTED");
    expect(err.retryAfter).toBeLessThanOrEqual(5);
    // Held, not closed until the hour ends: nothing is sent during the hold.
    const held = quotaStatus().heldUntil;
    expect(held).not.toBeNull();
    expect(held! - Date.now()).toBeLessThanOrEqual(5_000);
    const calls = (await emu.stats()).calls;
    await rejection(searchDevices(pk, { limit: 3 }));
    expect((await emu.stats()).calls).toBe(calls);
    // Still refused at the probe: the hold grows, and only the probe went out.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(held! + 10);
    // Both settle (the probe's answer is awaited, not only the call refused at once).
    const again = await Promise.all([rejection(searchDevices(pk, { limit: 4 })), rejection(searchDevices(pk, { limit: 5 }))]);
    expect(again.map((e) => e.code)).toEqual(["QUOTA_EXHAUSTED", "QUOTA_EXHAUSTED"]);
    expect((await emu.stats()).calls).toBe(calls + 1);
    const held2 = quotaStatus().heldUntil!;
    expect(held2 - Date.now()).toBeGreaterThan(5_000);
    expect(held2 - Date.now()).toBeLessThanOrEqual(15_000);
    // The fault clears: the next probe succeeds and every call flows again, well within a minute.
    await emu.config({ errorRate: 0, faultPath: "" });
    vi.setSystemTime(held2 + 10);
    await searchDevices(pk, { limit: 6 });
    await searchDevices(pk, { limit: 7 });
    expect(quotaStatus()).toMatchObject({ heldUntil: null, known: true });
    expect(quotaStatus().upstream!.remaining).toBeGreaterThan(3500);
  });

  it("closes until the reset when the 5013's own figures say nothing is left", async () => {
    resetQuotaGate();
    await emu.config({ quota: 2 });
    await searchDevices(pk, { limit: 1 }); // token + search: 0 left
    const err = await rejection(getDeviceDetail(pk, "aabbccddeeff"));
    expect(err.retryAfter).toBeGreaterThan(0);
    expect(quotaStatus()).toMatchObject({ remaining: 0, heldUntil: null });
  });
});

describe("failures, timeouts and retries", () => {
  it("never retries a write that got no answer, and says its result is unknown", async () => {
    const d = await onlineDevice();
    await searchDevices(controllable.product_key, { limit: 1 });
    await emu.config({ hang: true, faultPath: "/control" });
    await emu.control("/stats/reset", {});
    const started = Date.now();
    const err = await rejection(controlDevice(controllable.product_key, d.did, { raw: [1] }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(err).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", status: 504 });
    expect(err.text.en).toMatch(/result is unknown/);
    expect(await routeCalls(CONTROL_ROUTE)).toBe(1);
  });

  it("never retries a write that failed upstream", async () => {
    const d = await onlineDevice();
    await emu.config({ errorRate: 1, errorCode: 5409, faultPath: "/control" });
    const err = await rejection(controlDevice(controllable.product_key, d.did, { raw: [1] }));
    expect(err).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", upstreamCode: 5409 });
    // The command may have been carried out: never "try again", which invites a duplicate.
    expect(err.text.en).toMatch(/result is unknown.*Check the device before resending/);
    expect(err.text["zh-CN"]).toMatch(/结果未知/);
    expect(err.text.en).not.toMatch(/try again/i);
    expect(await routeCalls(CONTROL_ROUTE)).toBe(1);
  });

  it("retries a failing read twice with backoff, then reports it", async () => {
    await emu.config({ errorRate: 1, errorCode: 5409, faultPath: "/device_detail" });
    const err = await rejection(getDeviceDetail(pk, "any-mac"));
    expect(err).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", status: 502, upstreamCode: 5409 });
    expect(await routeCalls(DETAIL_ROUTE)).toBe(3);
  });

  it("times out a hung read on every attempt", async () => {
    await emu.config({ hang: true, faultPath: "/device_detail" });
    const started = Date.now();
    const err = await rejection(getDeviceDetail(pk, "any-mac"));
    expect(err).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", status: 504 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * TIMEOUT_MS - 100);
    expect(await routeCalls(DETAIL_ROUTE)).toBe(3);
  });

  it("does not retry errors that cannot pass, and maps them for the caller", async () => {
    const err = await rejection(getDeviceDetail(pk, "00:00:00:00:00:00"));
    expect(err.code).toBe("NOT_FOUND");
    expect(await routeCalls(DETAIL_ROUTE)).toBe(1);
    const offline = controllable.offline[0];
    if (offline) {
      await emu.control(`/devices/${offline.did}/offline`, {});
      const e2 = await rejection(controlDevice(controllable.product_key, offline.did, { raw: [1] }));
      expect(e2).toMatchObject({ code: "CONFLICT", status: 409, upstreamCode: 5305 });
    }
  });

  it("refuses products that are not configured before calling anyone", async () => {
    const err = await rejection(
      gizwits({ productKey: "not-configured", method: "GET", path: "/v1/products/not-configured/datapoint", schema: quotaSchema }),
    );
    expect(err.code).toBe("NOT_FOUND");
    expect((await emu.stats()).calls).toBe(0);
  });
});

describe("route handlers", () => {
  // Imported lazily: the route modules pull in the platform's session and audit modules.
  const routes = { products: () => import("@/app/api/products/route"), quota: () => import("@/app/api/quota/route") };
  const call = async (path: keyof typeof routes) => {
    const { GET } = await routes[path]();
    return GET(new NextRequest(`http://localhost/api/${path}`), { params: Promise.resolve({}) });
  };

  it("GET /api/products lists the configured products with names and data points, and no secret", async () => {
    const res = await call("products");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const text = await res.text();
    const products = productsResponseSchema.parse(JSON.parse(text));
    expect(products.map((p) => p.productKey)).toEqual(emu.tenant.products.map((p) => p.product_key));
    expect(products.map((p) => p.name)).toEqual(emu.tenant.products.map((p) => p.name));
    expect(products.every((p) => (p.datapoints?.length ?? 0) > 0)).toBe(true);
    for (const secret of [emu.tenant.enterprise_secret, ...emu.tenant.products.map((p) => p.product_secret)])
      expect(text).not.toContain(secret);
    expect(Number(res.headers.get("X-Upstream-Calls"))).toBe(2 * emu.tenant.products.length);
    const again = await call("products");
    expect(again.headers.get("X-Upstream-Calls")).toBe("0");
  });

  it("GET /api/quota reports the budget learnt from the upstream's headers", async () => {
    await emu.config({ quota: 50 });
    await searchDevices(pk, { limit: 1 });
    const res = await call("quota");
    expect(res.status).toBe(200);
    const q = quotaSchema.parse(await res.json());
    expect(q).toMatchObject({ limit: 50, remaining: 48, reserved: RESERVE, known: true });
    expect(q.resetAt).toBeGreaterThan(Date.now() / 1000);
  });
});

describe("resource modules read the emulator's answers", () => {
  // Batch reports cover completed days only (T+1), so ranges end yesterday.
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

  it("products and devices", async () => {
    const { getProduct } = await import("./products");
    const product = await getProduct(pk);
    expect(product.name).toBe(emu.tenant.products[0].name);
    expect(product.datapoints?.length).toBeGreaterThan(0);
    const d = controllable.online[0] ?? controllable.offline[0];
    const { getDeviceDid } = await import("./devices");
    expect(await getDeviceDid(controllable.product_key, d.mac)).toEqual({ did: d.did });
    expect(await getDeviceDetail(controllable.product_key, d.mac)).toMatchObject({ did: d.did, mac: d.mac, isDisabled: false });
    const page = await searchDevices(pk, { isOnline: true, limit: 5 });
    expect(page.objects.length).toBeGreaterThan(0);
    expect(page.objects.every((o) => o.isOnline)).toBe(true);
    expect(page.total).toBeGreaterThanOrEqual(page.objects.length);
  });

  it("history in both paging forms, and aggregates", async () => {
    const { getCmdLog, getDataLog, getOnlineLog } = await import("./history");
    const did = withHistory.online[0]!.did;
    const now = Math.floor(Date.now() / 1000);
    const window = { startTs: now - 2 * 86400, endTs: now };
    const online = await getOnlineLog(withHistory.product_key, did, { ...window, limit: 5 });
    expect(online.objects.every((o) => typeof o.timestamp === "number" && typeof o.type === "string")).toBe(true);
    const data = await getDataLog(withHistory.product_key, did, { ...window, limit: 3, skip: 0 });
    expect(data.objects.length).toBeGreaterThan(0);
    const first = await getCmdLog(withHistory.product_key, did, { ...window, limit: 2, context: undefined, sort: "asc" });
    expect(first.objects.length).toBeGreaterThan(0);
    // Two days of a device's cmd log hold more than two records: there is a next page.
    expect(first.context).toEqual(expect.any(String));
    const next = await getCmdLog(withHistory.product_key, did, { ...window, limit: 2, context: first.context ?? undefined, sort: "asc" });
    expect(next.objects.length).toBeGreaterThan(0);
    expect(next.objects[0].timestamp).toBeGreaterThanOrEqual(first.objects[first.objects.length - 1].timestamp);
    // The demo water meter has agg_data on and online devices.
    const agg = (await emu.sample()).products.find((p) => p.agg_data && p.online.length);
    if (!agg) throw new Error("the emulator's sample has no product with agg_data and an online device");
    const { getAggData } = await import("./agg");
    const { getProduct } = await import("./products");
    const numeric = (await getProduct(agg.product_key)).datapoints?.find((p) => p.data_type.startsWith("uint"));
    if (!numeric) throw new Error(`product ${agg.product_key} has no numeric data point`);
    const r = await getAggData(agg.product_key, agg.online[0].did, {
      startMs: Date.now() - 3 * 86_400_000,
      endMs: Date.now(),
      attrs: [numeric.name],
      aggregator: "avg",
      unit: "DAYS",
    });
    expect(r.data.length).toBeGreaterThan(0);
  });

  it("groups: create, assign, list, unassign, delete", async () => {
    const groups = await import("./groups");
    const pkey = controllable.product_key;
    const before = await groups.getGroupTree(pkey);
    const parent = before[0]?.gid ?? (await groups.createGroup(pkey)).gid;
    const { gid } = await groups.createGroup(pkey, parent);
    const tree = await groups.getGroupTree(pkey);
    const flat = (nodes: typeof tree): string[] => nodes.flatMap((n) => [n.gid, ...flat(n.children)]);
    expect(flat(tree)).toContain(gid);
    const mac = (controllable.offline[0] ?? controllable.online[0]).mac;
    const assigned = await groups.updateGroupMacs(pkey, gid, { action: "assign", macs: [mac], reassign: true });
    expect(assigned.success).toEqual([mac]);
    expect(await groups.getGroupMacs(pkey, gid)).toEqual([mac]);
    await expect(groups.deleteGroup(pkey, gid)).rejects.toMatchObject({ code: "CONFLICT", upstreamCode: 5205 });
    await groups.updateGroupMacs(pkey, gid, { action: "unassign", macs: [mac] });
    await groups.deleteGroup(pkey, gid);
    expect(flat(await groups.getGroupTree(pkey))).not.toContain(gid);
    await expect(
      groups.updateGroupMacs(pkey, parent, { action: "assign", macs: Array.from({ length: 1001 }, (_, i) => `m${i}`) }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("bindings and users", async () => {
    const sample = (await emu.sample()).products.find((p) => p.bound_user);
    // The demo fleet always has bound users: a sample without one is a failure, not a skip.
    if (!sample?.bound_user) throw new Error("the emulator's sample has no bound user");
    const { uid, appid, did } = sample.bound_user;
    const users = await import("./users");
    const bound = await users.searchBoundUsers(sample.product_key, { type: "did", val: did });
    expect(bound.objects.map((u) => u.uid)).toContain(uid);
    const { unbindDevices, bindDevices } = await import("./bindings");
    expect(await unbindDevices(sample.product_key, { uid, appid, dids: [did] })).toEqual({ success: [did], failed: [] });
    expect((await users.searchBoundUsers(sample.product_key, { type: "did", val: did })).objects.map((u) => u.uid)).not.toContain(uid);
    expect((await bindDevices(sample.product_key, { uid, appid, dids: [did] })).success).toEqual([did]);
    const registered = await users.searchRegisteredUsers(sample.product_key, { limit: 5 });
    expect(registered.objects.length).toBeGreaterThan(0);
    const active = await users.getActiveUsersTotal(sample.product_key, { startDate: day(-7), endDate: day(-1) });
    expect(Array.isArray(active)).toBe(true);
    const located = await users.getUsersLocation(sample.product_key);
    expect(located.nodes.length).toBeGreaterThan(0);
  });

  it("reports", async () => {
    const r = await import("./reports");
    const locations = await r.getDeviceLocations(pk);
    expect(locations.total).toBeGreaterThan(0);
    const summary = await r.getDeviceSummary(pk);
    expect(summary.total).toBeGreaterThan(0);
    expect((await r.getNewDevices(pk, { start: day(-30), end: day(-1), limit: 5 })).objects.length).toBeLessThanOrEqual(5);
    await r.getActiveDevices(pk, { start: day(-2), end: day(-1), limit: 5 });
    const liveness = await r.getLivenessHistory(pk, { cycle: "date", start: day(-7), end: day(-1) });
    expect(liveness.data.length).toBeGreaterThan(0);
    expect(liveness.data.every((d) => d.period !== null)).toBe(true);
    await r.getActivationReport(pk, { cycle: "month", start: day(-60).slice(0, 7), end: day(-1).slice(0, 7) });
    const rt = await r.getRealtimeReport(pk);
    expect(Object.keys(rt.counts ?? {})).toEqual(expect.arrayContaining(["activated", "faulty", "alert"]));
    for (const kind of ["fault", "alert"] as const) {
      await r.getFaultAlertDevices(pk, kind);
      await r.getFaultAlertEvents(pk, kind);
    }
    const newUsers = await r.getNewUsersReport(pk, { cycle: "date", start: day(-7), end: day(-1) });
    expect(newUsers.data.every((d) => typeof d.count === "number")).toBe(true);
    expect((await r.getUsersTotal(pk)).total).toBeGreaterThanOrEqual(0);
  });
});
