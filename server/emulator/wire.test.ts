/**
 * Contract tests: token, authorisation, error envelope, rate limiting, IP whitelist, header
 * auth and the /__emulator control surface.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorConfig, emulatorConfigSchema, emulatorControl } from "../cli/emulator-control";
import { expectError, expectKeys, startKit, type Kit } from "./testkit";

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.emu.close();
});

const tokenUrl = (pk: string) => `${kit.url}/v1/products/${pk}/access_token`;
const creds = (n = 0) => ({
  enterprise_id: kit.tenant.enterprise_id,
  enterprise_secret: kit.tenant.enterprise_secret,
  product_secret: kit.tenant.products[n].product_secret,
});

describe("access_token", () => {
  it("returns 201 {token, expire_at} with a 7-day life, JSON parsed without a Content-Type", async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await fetch(tokenUrl(kit.tenant.products[0].product_key), { method: "POST", body: JSON.stringify(creds()) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { token: string; expire_at: number };
    expectKeys(body, ["token", "expire_at"]);
    expect(body.token).toMatch(/^[0-9a-f]{32}$/);
    expect(body.expire_at - before).toBeGreaterThanOrEqual(7 * 86400 - 2);
    expect(body.expire_at - before).toBeLessThanOrEqual(7 * 86400 + 2);
  });

  it("accepts a form Content-Type carrying JSON (PHP curl clients)", async () => {
    const res = await fetch(tokenUrl(kit.tenant.products[1].product_key), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: JSON.stringify(creds(1)),
    });
    expect(res.status).toBe(201);
  });

  it("5001 body json invalid", () =>
    expectError(fetch(tokenUrl(kit.tenant.products[0].product_key), { method: "POST", body: "{nope" }), 5001, 400));
  it("5002 form invalid (missing field)", () =>
    expectError(
      fetch(tokenUrl(kit.tenant.products[0].product_key), {
        method: "POST",
        body: JSON.stringify({ enterprise_id: kit.tenant.enterprise_id }),
      }),
      5002,
      400,
    ));
  it("5003 unknown enterprise", () =>
    expectError(
      fetch(tokenUrl(kit.tenant.products[0].product_key), {
        method: "POST",
        body: JSON.stringify({ ...creds(), enterprise_id: "0".repeat(32) }),
      }),
      5003,
      404,
    ));
  it("5004 wrong enterprise secret", () =>
    expectError(
      fetch(tokenUrl(kit.tenant.products[0].product_key), { method: "POST", body: JSON.stringify({ ...creds(), enterprise_secret: "x" }) }),
      5004,
      400,
    ));
  it("5005 wrong product secret", () =>
    expectError(
      fetch(tokenUrl(kit.tenant.products[0].product_key), { method: "POST", body: JSON.stringify({ ...creds(), product_secret: "x" }) }),
      5005,
      400,
    ));
  it("5015 unknown product", () =>
    expectError(fetch(tokenUrl("f".repeat(32)), { method: "POST", body: JSON.stringify(creds()) }), 5015, 404));
  it("5007 product of another enterprise", () =>
    expectError(
      fetch(tokenUrl("0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a"), {
        method: "POST",
        body: JSON.stringify({ ...creds(), product_secret: "ffeeddccbbaa99887766554433221100" }),
      }),
      5007,
      404,
    ));
});

describe("token authorisation", () => {
  const detail = (token?: string, header?: string) =>
    fetch(`${kit.url}/v1/products/${kit.tenant.products[0].product_key}/device_detail?mac=${kit.samples[0].online[0].mac}`, {
      headers: header !== undefined ? { Authorization: header } : token ? { Authorization: `token ${token}` } : {},
    });

  it("accepts Authorization: token <t>", async () => {
    expect((await detail(await kit.token(0))).status).toBe(200);
  });
  it("5009 when missing", () => expectError(detail(), 5009, 400));
  it("5009 when malformed (no 'token ' prefix)", async () => expectError(detail(undefined, await kit.token(0)), 5009, 400));
  it("5009 when unknown", () => expectError(detail("0123456789abcdef0123456789abcdef"), 5009, 400));
  it("5010 for another product's token", async () => expectError(detail(await kit.token(1)), 5010, 400));
  it("5015 for an unknown product in the path", async () =>
    expectError(
      fetch(`${kit.url}/v1/products/${"e".repeat(32)}/datapoint`, { headers: { Authorization: `token ${await kit.token(0)}` } }),
      5015,
      404,
    ));
  it("5011 after /__emulator/tokens/expire, and a new token works again", async () => {
    const t = await kit.token(0);
    const r = await kit.control("/tokens/expire", {});
    expect(r.status).toBe(200);
    await expectError(detail(t), 5011, 400);
    expect((await detail(await kit.token(0))).status).toBe(200);
  });
  it("5011 when the configured token life runs out", async () => {
    const issue = async () => {
      const res = await fetch(tokenUrl(kit.tenant.products[0].product_key), { method: "POST", body: JSON.stringify(creds()) });
      expect(res.status).toBe(201);
      return (await res.json()) as { token: string; expire_at: number };
    };
    await kit.control("/config", { tokenTtlSeconds: 60 });
    try {
      const before = Math.floor(Date.now() / 1000);
      const t = await issue();
      expect(t.expire_at - before).toBeGreaterThanOrEqual(60);
      expect(t.expire_at - before).toBeLessThanOrEqual(61);
      expect((await detail(t.token)).status).toBe(200);
      // A token issued with a zero life has reached its expire_at by the next request: expiry without waiting.
      await kit.control("/config", { tokenTtlSeconds: 0 });
      const expired = await issue();
      expect(expired.expire_at).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
      await expectError(detail(expired.token), 5011, 400);
    } finally {
      await kit.control("/config", { tokenTtlSeconds: 604800 });
    }
  });
});

describe("rate limit, whitelist, faults", () => {
  // Each test bends the configuration; put back the start-up one even when a test fails halfway.
  let initial: EmulatorConfig;
  beforeAll(async () => {
    initial = await emulatorControl(kit.url).config();
  });
  afterEach(async () => {
    await emulatorControl(kit.url).config(initial);
  });

  it("sends X-RateLimit-* on every /v1 response, errors included", async () => {
    const ok = await kit.api(0, "/datapoint");
    const bad = await fetch(`${kit.url}/v1/products/${kit.tenant.products[0].product_key}/datapoint`);
    for (const r of [ok, bad]) {
      expect(Number(r.headers.get("x-ratelimit-limit"))).toBe(3600);
      expect(Number(r.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(0);
      const reset = Number(r.headers.get("x-ratelimit-reset"));
      expect(reset % 3600).toBe(0);
      expect(reset).toBeGreaterThan(Date.now() / 1000);
    }
    const remainingAfter = Number(bad.headers.get("x-ratelimit-remaining"));
    expect(remainingAfter).toBe(Number(ok.headers.get("x-ratelimit-remaining")) - 1);
  });

  it("403/5013 once the hourly quota is spent; /__emulator calls do not count", async () => {
    const token = await kit.token(0);
    const stats = (await (await kit.control("/stats")).json()) as { quota: { used: number } };
    await kit.control("/config", { quota: stats.quota.used + 2 });
    await kit.control("/stats"); // not counted
    expect((await kit.api(0, "/datapoint", { token })).status).toBe(200);
    const last = await kit.api(0, "/datapoint", { token });
    expect(last.status).toBe(200);
    expect(last.headers.get("x-ratelimit-remaining")).toBe("0");
    await expectError(kit.api(0, "/datapoint", { token }), 5013, 403);
    await expectError(fetch(tokenUrl(kit.tenant.products[0].product_key), { method: "POST", body: JSON.stringify(creds()) }), 5013, 403);
    await kit.control("/config", { quota: 1_000_000 });
  });

  it("5012 when the caller's IP is not whitelisted", async () => {
    await kit.control("/config", { ipWhitelist: ["10.1.2.3"] });
    await expectError(kit.api(0, "/datapoint"), 5012, 400);
    await kit.control("/config", { ipWhitelist: ["127.0.0.1", "::1"] });
    expect((await kit.api(0, "/datapoint")).status).toBe(200);
  });

  it("injects latency, errors (default 5409/500) and hangs, optionally on one path only", async () => {
    await kit.control("/config", { latencyMs: 150 });
    const t0 = performance.now();
    await kit.api(0, "/datapoint");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    await kit.control("/config", { latencyMs: 0, errorRate: 1 });
    await expectError(kit.api(0, "/datapoint"), 5409, 500);
    await kit.control("/config", { errorRate: 1, errorCode: 5403, faultPath: "/control" });
    expect((await kit.api(0, "/datapoint")).status).toBe(200);
    await expectError(
      kit.api(0, `/devices/${kit.samples[0].online[0].did}/control`, { method: "POST", body: { attrs: { switch: true } } }),
      5403,
      400,
    );
    await kit.control("/config", { errorRate: 0, faultPath: "", hang: true });
    await expect(
      fetch(`${kit.url}/v1/products/${kit.tenant.products[0].product_key}/datapoint`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    await kit.control("/config", { hang: false });
    expect((await kit.api(0, "/datapoint")).status).toBe(200);
  });

  it("rejects unknown config keys", async () => {
    expect((await kit.control("/config", { latency: 5 })).status).toBe(400);
  });
});

describe("enterprise header auth (/v1/users/*)", () => {
  const users = (headers: Record<string, string>, q = `product_key=${kit.tenant.products[0].product_key}`) =>
    fetch(`${kit.url}/v1/users/search?${q}`, { headers });
  it("works with the EID alone on users/search", async () => {
    expect((await users({ "X-Gizwits-Enterprise-ID": kit.tenant.enterprise_id })).status).toBe(200);
  });
  it("5003 unknown EID", () => expectError(users({ "X-Gizwits-Enterprise-ID": "1".repeat(32) }), 5003, 404));
  it("5004 wrong secret", () =>
    expectError(users({ "X-Gizwits-Enterprise-ID": kit.tenant.enterprise_id, "X-Gizwits-Enterprise-Secret": "no" }), 5004, 400));
  it("5002 missing EID header", () => expectError(users({}), 5002, 400));
  it("5015 unknown product_key", () =>
    expectError(users({ "X-Gizwits-Enterprise-ID": kit.tenant.enterprise_id }, `product_key=${"9".repeat(32)}`), 5015, 404));
  it("5002 when liveness_total lacks the secret it requires", () =>
    expectError(
      fetch(
        `${kit.url}/v1/users/liveness_total?product_secret=${kit.tenant.products[0].product_secret}&start_date=2020-01-01&end_date=2020-01-02`,
        { headers: { "X-Gizwits-Enterprise-ID": kit.tenant.enterprise_id } },
      ),
      5002,
      400,
    ));
});

describe("/__emulator control surface", () => {
  it("GET /tenant has the launcher's exact shape", async () => {
    const t = kit.tenant;
    expectKeys(t, ["enterprise_id", "enterprise_secret", "products", "appids"]);
    expect(t.products.length).toBeGreaterThanOrEqual(2);
    for (const p of t.products) expectKeys(p, ["product_key", "product_secret", "name"]);
    for (const a of t.appids) expectKeys(a, ["appid", "product_key"]);
    expect(t.products[0].name).toContain("智能空调");
  });

  it("counts upstream calls in /stats and resets them", async () => {
    await kit.control("/stats/reset", {});
    await kit.api(0, "/datapoint");
    await kit.api(0, "/devices/search?limit=1");
    const s = (await (await kit.control("/stats")).json()) as {
      calls: number;
      callsByPath: Record<string, number>;
      callsByRoute: Record<string, number>;
    };
    expect(s.calls).toBe(2); // the kit reuses its cached token
    expect(s.callsByPath[`/v1/products/${kit.tenant.products[0].product_key}/devices/search`]).toBe(1);
    expect(s.callsByRoute["GET /v1/products/{product_key}/datapoint"]).toBe(1);
  });

  it("takes a device offline and back online", async () => {
    const { did, mac } = kit.samples[0].online[1];
    expect((await kit.control(`/devices/${did}/offline`, {})).status).toBe(200);
    const detail = await kit.json<{ is_online: boolean }>(await kit.api(0, `/device_detail?mac=${mac}`));
    expect(detail.is_online).toBe(false);
    await expectError(kit.api(0, `/devices/${did}/control`, { method: "POST", body: { attrs: { switch: true } } }), 5305, 400);
    const log = await kit.json<{ objects: { type: string; payload: { reason?: string } }[] }>(
      await kit.api(0, `/devices/${did}/online?limit=1`),
    );
    expect(log.objects[0].type).toBe("dev_offline");
    expect(log.objects[0].payload.reason).toBe("offline_exception");
    await kit.control(`/devices/${did}/online`, {});
    expect((await kit.json<{ is_online: boolean }>(await kit.api(0, `/device_detail?mac=${mac}`))).is_online).toBe(true);
  });

  it("answers in the shapes of the shared control client (server/cli/emulator-control.ts)", async () => {
    const client = emulatorControl(kit.url);
    const raw = (await (await kit.control("/config")).json()) as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(Object.keys(emulatorConfigSchema.shape).sort());
    expect(await client.config()).toEqual(raw);
    expect((await client.stats()).quota.limit).toBe(raw.quota);
    expect((await client.sample()).map((p) => p.product_key)).toEqual((await client.tenant()).products.map((p) => p.product_key));
  });

  it("resets state: config, quota and overrides", async () => {
    const { did, mac } = kit.samples[0].online[2];
    await kit.control(`/devices/${did}/offline`, {});
    await kit.control("/config", { latencyMs: 5 });
    const r = await kit.control("/reset", {});
    expect(r.status).toBe(200);
    const cfg = (await (await kit.control("/config")).json()) as { latencyMs: number };
    expect(cfg.latencyMs).toBe(0);
    expect((await kit.json<{ is_online: boolean }>(await kit.api(0, `/device_detail?mac=${mac}`))).is_online).toBe(true);
  });

  it("answers unknown /v1 paths with 404 and the rate headers", async () => {
    const r = await fetch(`${kit.url}/v1/nothing/here`);
    expect(r.status).toBe(404);
    expect(r.headers.get("x-ratelimit-limit")).not.toBeNull();
  });
});
