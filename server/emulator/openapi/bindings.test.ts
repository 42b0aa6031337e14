/**
 * Contract tests, 绑定管理: signed bind_mac and its errors, roles, the bindings list with paging
 * and show_disabled, alias/remark/labels, unbinding, QR binding (bind_latest), the owner's guest
 * queries and unbinds, and the shared model with the Enterprise API (an Enterprise binding
 * shows in /app/bindings).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectKeys } from "../testkit";
import { expectAppError, startAppKit, type AppKit } from "./apptest";

let kit: AppKit;
beforeAll(async () => {
  kit = await startAppKit();
});
afterAll(async () => {
  await kit.emu.close();
});

type Json = Record<string, unknown>;
const json = async <T = Json>(r: Response | Promise<Response>) => (await (await r).json()) as T;
const pk = (n: number) => kit.tenant.products[n].product_key;

function bindMac(token: string, n: number, mac: string, extra: Json = {}, headers = kit.signed(pk(n)), appid = kit.appid(n)) {
  return kit.call("/app/bind_mac", { method: "POST", token, appid, headers, body: { product_key: pk(n), mac, ...extra } });
}

async function login(username: string, appid = kit.appid(0)): Promise<string> {
  const r = await json<{ token: string }>(
    kit.call("/app/login", { method: "POST", appid, body: { username, password: kit.meta.demo_password } }),
  );
  return r.token;
}

const DEVICE_KEYS = [
  "product_key",
  "did",
  "mac",
  "is_online",
  "passcode",
  "host",
  "port",
  "port_s",
  "ws_port",
  "wss_port",
  "remark",
  "is_disabled",
  "type",
  "dev_alias",
  "dev_label",
  "role",
];

describe("bind_mac", () => {
  it("binds with a valid signature: 201 with the seed example's keys; again → 200", async () => {
    const s = await kit.register();
    const d = await kit.freeDevice(0);
    const res = await bindMac(s.token, 0, d.mac, { remark: "备注信息", dev_alias: "设备别名" });
    expect(res.status).toBe(201);
    const body = await json(res);
    expectKeys(body, DEVICE_KEYS);
    expect(body).toMatchObject({
      did: d.did,
      mac: d.mac,
      product_key: pk(0),
      remark: "备注信息",
      dev_alias: "设备别名",
      dev_label: [],
      type: "normal",
      host: "m2m.gizwits.com",
      port: 1883,
      port_s: 8883,
      ws_port: 8080,
      wss_port: 8880,
    });
    expect(body.passcode).toMatch(/^[A-Z]{10}$/);
    expect((await bindMac(s.token, 0, d.mac)).status).toBe(200);
  });
  it("accepts a timestamp up to 5 minutes off; 9043 beyond, or missing; 9044 bad signature", async () => {
    const s = await kit.register();
    const now = Math.floor(Date.now() / 1000);
    const d = await kit.freeDevice(0);
    expect((await bindMac(s.token, 0, d.mac, {}, kit.signed(pk(0), now - 290))).status).toBe(201);
    const d2 = await kit.freeDevice(0);
    await expectAppError(bindMac(s.token, 0, d2.mac, {}, kit.signed(pk(0), now - 400)), 9043, 400);
    await expectAppError(bindMac(s.token, 0, d2.mac, {}, kit.signed(pk(0), now + 400)), 9043, 400);
    await expectAppError(bindMac(s.token, 0, d2.mac, {}, { "X-Gizwits-Signature": "0".repeat(32) }), 9043, 400);
    await expectAppError(
      bindMac(s.token, 0, d2.mac, {}, { "X-Gizwits-Timestamp": String(now), "X-Gizwits-Signature": "0".repeat(32) }),
      9044,
      400,
    );
    // Signed with another product's secret.
    await expectAppError(bindMac(s.token, 0, d2.mac, {}, kit.signed(pk(1), now)), 9044, 400);
    // Upper-case hex is the same signature.
    const sig = kit.signed(pk(0), now);
    expect(
      (await bindMac(s.token, 0, d2.mac, {}, { ...sig, "X-Gizwits-Signature": sig["X-Gizwits-Signature"].toUpperCase() })).status,
    ).toBe(201);
  });
  it("9002 product not associated with the AppID, 9014 unknown MAC, 9015 bad body, 9004 no token, 9023 disabled device", async () => {
    const s = await kit.register();
    const d = await kit.freeDevice(1);
    await expectAppError(bindMac(s.token, 1, d.mac, {}, kit.signed(pk(1)), kit.appid(0)), 9002, 400);
    await expectAppError(bindMac(s.token, 0, "000000000000"), 9014, 404);
    await expectAppError(
      kit.call("/app/bind_mac", { method: "POST", token: s.token, headers: kit.signed(pk(0)), body: { mac: d.mac } }),
      9015,
      400,
    );
    await expectAppError(
      kit.call("/app/bind_mac", { method: "POST", headers: kit.signed(pk(0)), body: { product_key: pk(0), mac: d.mac } }),
      9004,
      400,
    );
    await expectAppError(bindMac(s.token, 0, kit.samples[0].disabled[0].mac), 9023, 400);
  });
  it("roles: without sharing (water meter) first binder special, later normal; with sharing, set_owner=1 → owner and nobody else may bind (9092)", async () => {
    const a = await kit.register(kit.appid(1));
    const b = await kit.register(kit.appid(1));
    const meter = await kit.freeDevice(1);
    expect(await json(bindMac(a.token, 1, meter.mac))).toMatchObject({ role: "special" });
    expect(await json(bindMac(b.token, 1, meter.mac))).toMatchObject({ role: "normal" });
    const c = await kit.register();
    const e = await kit.register();
    const ac = await kit.freeDevice(0);
    expect(await json(bindMac(c.token, 0, ac.mac, { set_owner: 1 }))).toMatchObject({ role: "owner" });
    await expectAppError(bindMac(e.token, 0, ac.mac), 9092, 400);
    await expectAppError(bindMac(e.token, 0, ac.mac, { set_owner: 2 }), 9015, 400);
  });
});

describe("bindings", () => {
  it("lists the user's devices ({devices}) with limit/skip; keys of the example; show_proto_ver=0 drops proto_ver", async () => {
    const s = await kit.register();
    const dids: string[] = [];
    for (let k = 0; k < 3; k++) {
      const d = await kit.freeDevice(0);
      dids.push(d.did);
      expect((await bindMac(s.token, 0, d.mac)).status).toBe(201);
    }
    const all = await json<{ devices: Json[] }>(kit.call("/app/bindings", { token: s.token }));
    expectKeys(all, ["devices"]);
    expect(all.devices.map((d) => d.did).sort()).toEqual([...dids].sort());
    expectKeys(all.devices[0], [...DEVICE_KEYS, "proto_ver", "wifi_soft_version", "is_sandbox"]);
    const p1 = await json<{ devices: Json[] }>(kit.call("/app/bindings?limit=2&skip=0", { token: s.token }));
    const p2 = await json<{ devices: Json[] }>(kit.call("/app/bindings?limit=2&skip=2", { token: s.token }));
    expect([...p1.devices, ...p2.devices].map((d) => d.did)).toEqual(all.devices.map((d) => d.did));
    expect(p1.devices).toHaveLength(2);
    expect(p2.devices).toHaveLength(1);
    expectKeys((await json<{ devices: Json[] }>(kit.call("/app/bindings?show_proto_ver=0", { token: s.token }))).devices[0], DEVICE_KEYS);
    await expectAppError(kit.call("/app/bindings?limit=abc", { token: s.token }), 9015, 400);
  });
  it("an Enterprise binding (POST /v1/.../devices/bindings) shows in /app/bindings; disabled devices only with show_disabled=1", async () => {
    const s = await kit.register(kit.appid(0));
    const disabled = kit.samples[0].disabled[0].did;
    const online = (await kit.freeDevice(0)).did;
    const res = await kit.api(0, "/devices/bindings", {
      method: "POST",
      body: { uid: s.uid, appid: kit.appid(0), dids: [online, disabled] },
    });
    expect(res.status).toBe(201);
    const shown = await json<{ devices: Json[] }>(kit.call("/app/bindings", { token: s.token }));
    expect(shown.devices.map((d) => d.did)).toEqual([online]);
    const withDisabled = await json<{ devices: Json[] }>(kit.call("/app/bindings?show_disabled=1", { token: s.token }));
    expect(withDisabled.devices.map((d) => d.did).sort()).toEqual([online, disabled].sort());
    expect(withDisabled.devices.find((d) => d.did === disabled)).toMatchObject({ is_disabled: true });
  });
  it("PUT /app/bindings/{did}: alias, remark and labels per user; 9015 empty body; 9017 not bound", async () => {
    const s = await kit.register();
    const d = await kit.freeDevice(0);
    await bindMac(s.token, 0, d.mac);
    const res = await kit.call(`/app/bindings/${d.did}`, {
      method: "PUT",
      token: s.token,
      body: { remark: "备注", dev_alias: "设备别名", dev_label: ["标签1", "标签2"] },
    });
    expect(await json(res)).toEqual({ remark: "备注", dev_label: ["标签1", "标签2"], dev_alias: "设备别名" });
    expect((await json<{ devices: Json[] }>(kit.call("/app/bindings", { token: s.token }))).devices[0]).toMatchObject({
      dev_alias: "设备别名",
      dev_label: ["标签1", "标签2"],
    });
    await expectAppError(kit.call(`/app/bindings/${d.did}`, { method: "PUT", token: s.token, body: {} }), 9015, 400);
    const other = await kit.register();
    await expectAppError(kit.call(`/app/bindings/${d.did}`, { method: "PUT", token: other.token, body: { remark: "x" } }), 9017, 400);
  });
  it("DELETE /app/bindings: {failed, success} per did; the Enterprise side sees the unbinding", async () => {
    const s = await kit.register();
    const d = await kit.freeDevice(0);
    await bindMac(s.token, 0, d.mac);
    const res = await kit.call("/app/bindings", { method: "DELETE", token: s.token, body: { devices: [{ did: d.did }, { did: "nope" }] } });
    expect(await json(res)).toEqual({ failed: ["nope"], success: [d.did] });
    expect((await json<{ devices: Json[] }>(kit.call("/app/bindings", { token: s.token }))).devices).toEqual([]);
    const users = await json<{ objects: Json[] }>(kit.api(0, `/users/search?type=did&val=${d.did}`));
    expect(users.objects.map((u) => u.uid)).not.toContain(s.uid);
    await expectAppError(kit.call("/app/bindings", { method: "DELETE", token: s.token, body: { devices: [] } }), 9015, 400);
  });
});

describe("bind_latest (QR)", () => {
  it("binds with the QR content of /__emulator/openapi/qr/{did}; 9040 bad content", async () => {
    const s = await kit.register();
    const d = await kit.freeDevice(0);
    const { qr_content } = await json<{ qr_content: string }>(fetch(`${kit.url}/__emulator/openapi/qr/${d.did}`));
    const res = await kit.call("/app/bind_latest", { method: "POST", token: s.token, body: { qr_content } });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ did: d.did });
    await expectAppError(kit.call("/app/bind_latest", { method: "POST", token: s.token, body: { qr_content: "garbage" } }), 9040, 400);
  });
});

describe("owner's guests", () => {
  it("GET /app/{did}/bindings lists masked guests (owner only, 9093); DELETE ?uid unbinds a guest (9095 self, 9082 not a guest)", async () => {
    const aliceMeta = kit.meta.demo_users.find((u) => u.username === "demo_alice" && u.appid === kit.appid(0));
    const bobMeta = kit.meta.demo_users.find((u) => u.username === "demo_bob" && u.appid === kit.appid(0));
    if (!aliceMeta || !bobMeta) throw new Error("demo users missing");
    const alice = await login("demo_alice");
    const bob = await login("demo_bob");
    const bobDevices = await json<{ devices: Json[] }>(kit.call("/app/bindings", { token: bob }));
    const shared = bobDevices.devices.find((d) => d.role === "guest");
    if (!shared) throw new Error("bob has no guest binding");
    const did = shared.did as string;
    const guests = await json<Json[]>(kit.call(`/app/${did}/bindings`, { token: alice }));
    expect(guests).toHaveLength(1);
    expectKeys(guests[0], ["username", "phone", "created_at", "uid", "email"]);
    expect(guests[0]).toMatchObject({ uid: bobMeta.uid, username: "d****b" });
    expect(guests[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(guests[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    await expectAppError(kit.call(`/app/${did}/bindings`, { token: bob }), 9093, 403);
    await expectAppError(kit.call(`/app/${did}/bindings?uid=${aliceMeta.uid}`, { method: "DELETE", token: alice }), 9095, 400);
    await expectAppError(kit.call(`/app/${did}/bindings?uid=${"a".repeat(32)}`, { method: "DELETE", token: alice }), 9082, 404);
    expect((await kit.call(`/app/${did}/bindings?uid=${bobMeta.uid}`, { method: "DELETE", token: alice })).status).toBe(200);
    expect((await json<{ devices: Json[] }>(kit.call("/app/bindings", { token: bob }))).devices.map((d) => d.did)).not.toContain(did);
  });
});
