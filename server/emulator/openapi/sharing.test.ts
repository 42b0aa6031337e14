/**
 * Contract tests, 设备分享 and 设备联动: invitations by user and by QR code, listing with paging,
 * accept/refuse, cancel/revoke, alias, owner transfer and every sharing error code; rule params
 * and rule CRUD with their errors.
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

/** An owner (bound by MAC, still "special") and a would-be guest in product n's app. */
async function pair(n = 0) {
  const owner = await kit.register(kit.appid(n));
  const guest = await kit.register(kit.appid(n));
  const d = await kit.freeDevice(n);
  const bind = await kit.call("/app/bind_mac", {
    method: "POST",
    appid: kit.appid(n),
    token: owner.token,
    headers: kit.signed(pk(n)),
    body: { product_key: pk(n), mac: d.mac },
  });
  expect(bind.status).toBe(201);
  return { owner, guest, did: d.did };
}

const roleOf = async (token: string, did: string, appid = kit.appid(0)) =>
  (await json<{ devices: Json[] }>(kit.call("/app/bindings", { appid, token }))).devices.find((d) => d.did === did)?.role ?? null;

describe("sharing by user", () => {
  it("create → list (both sides, masked) → accept: guest bound, roles owner/guest, messages for both", async () => {
    const { owner, guest, did } = await pair();
    expect(await roleOf(owner.token, did)).toBe("special");
    const res = await kit.call("/app/sharing", {
      method: "POST",
      token: owner.token,
      body: { type: 0, did, username: guest.username, duration: 60 },
    });
    expect(res.status).toBe(201);
    const created = await json<{ id: number; qr_content: null }>(res);
    expect(created.qr_content).toBeNull();
    expect(Number.isInteger(created.id)).toBe(true);
    expect(await roleOf(owner.token, did)).toBe("owner");

    const mine = await json<{ meta: Json; objects: Json[] }>(kit.call("/app/sharing?sharing_type=0", { token: owner.token }));
    expectKeys(mine.meta, ["total", "limit", "skip", "previous", "next"]);
    expect(mine.meta).toMatchObject({ total: 1, limit: 20, skip: 0, previous: null, next: null });
    expectKeys(mine.objects[0], [
      "status",
      "username",
      "uid",
      "did",
      "created_at",
      "updated_at",
      "email",
      "phone",
      "dev_alias",
      "id",
      "user_alias",
      "type",
      "product_name",
      "expired_at",
    ]);
    expect(mine.objects[0]).toMatchObject({ id: created.id, status: 0, type: 0, uid: guest.uid, did });
    expect(mine.objects[0].username).toMatch(/^u\*{4}\d$/);
    const received = await json<{ objects: Json[] }>(kit.call("/app/sharing?sharing_type=1", { token: guest.token }));
    expect(received.objects[0]).toMatchObject({ id: created.id, uid: owner.uid });

    await expectAppError(kit.call(`/app/sharing/${created.id}?status=1`, { method: "PUT", token: owner.token }), 9096, 403);
    expect(await json(kit.call(`/app/sharing/${created.id}?status=1`, { method: "PUT", token: guest.token }))).toEqual({ id: created.id });
    expect(await roleOf(guest.token, did)).toBe("guest");
    await expectAppError(kit.call(`/app/sharing/${created.id}?status=1`, { method: "PUT", token: guest.token }), 9089, 400);
    for (const token of [owner.token, guest.token]) {
      const msgs = await json<{ meta: { total: number } }>(kit.call("/app/messages?type=1", { token }));
      expect(msgs.meta.total).toBeGreaterThanOrEqual(1);
    }
    // The owner's alias for the guest; 9100 for anyone else.
    expect((await kit.call(`/app/sharing/${created.id}/alias?user_alias=小王`, { method: "PUT", token: owner.token })).status).toBe(200);
    expect((await json<{ objects: Json[] }>(kit.call("/app/sharing?sharing_type=0", { token: owner.token }))).objects[0].user_alias).toBe(
      "小王",
    );
    const stranger = await kit.register();
    await expectAppError(kit.call(`/app/sharing/${created.id}/alias?user_alias=x`, { method: "PUT", token: stranger.token }), 9100, 403);

    // Revoke: the guest loses the device; cancelled twice → 9094; only the owner may (9093).
    await expectAppError(kit.call(`/app/sharing/${created.id}`, { method: "DELETE", token: guest.token }), 9093, 403);
    expect(await json(kit.call(`/app/sharing/${created.id}`, { method: "DELETE", token: owner.token }))).toEqual({ id: created.id });
    expect(await roleOf(guest.token, did)).toBeNull();
    await expectAppError(kit.call(`/app/sharing/${created.id}`, { method: "DELETE", token: owner.token }), 9094, 400);
    expect(
      (await json<{ objects: Json[] }>(kit.call("/app/sharing?sharing_type=0&status=3", { token: owner.token }))).objects.map((o) => o.id),
    ).toEqual([created.id]);
  });

  it("refuse (status=2); 9080 self, 9082 unknown guest, 9083 already bound, 9087 pending twice, 9084 unknown record, 9015 bad input", async () => {
    const { owner, guest, did } = await pair();
    const share = (body: Json) => kit.call("/app/sharing", { method: "POST", token: owner.token, body: { type: 0, did, ...body } });
    await expectAppError(share({ uid: owner.uid }), 9080, 400);
    await expectAppError(share({ username: "no_such_user_here" }), 9082, 404);
    await expectAppError(share({}), 9015, 400);
    await expectAppError(share({ uid: guest.uid, duration: 5000 }), 9015, 400);
    const { id } = await json<{ id: number }>(share({ uid: guest.uid }));
    await expectAppError(share({ uid: guest.uid }), 9087, 400);
    expect(await json(kit.call(`/app/sharing/${id}?status=2`, { method: "PUT", token: guest.token }))).toEqual({ id });
    expect(
      (await json<{ objects: Json[] }>(kit.call("/app/sharing?sharing_type=1&status=2", { token: guest.token }))).objects,
    ).toHaveLength(1);
    await expectAppError(kit.call(`/app/sharing/${id}?status=1`, { method: "PUT", token: guest.token }), 9089, 400);
    await expectAppError(kit.call("/app/sharing/999999?status=1", { method: "PUT", token: guest.token }), 9084, 404);
    await expectAppError(kit.call("/app/sharing", { token: guest.token }), 9015, 400);
    // A guest already bound cannot be invited again.
    const { id: id2 } = await json<{ id: number }>(share({ uid: guest.uid }));
    await kit.call(`/app/sharing/${id2}?status=1`, { method: "PUT", token: guest.token });
    await expectAppError(share({ uid: guest.uid }), 9083, 400);
    // Guests (and products without sharing) cannot share: 9081.
    const third = await kit.register();
    await expectAppError(
      kit.call("/app/sharing", { method: "POST", token: guest.token, body: { type: 0, did, uid: third.uid } }),
      9081,
      403,
    );
    const meter = await pair(1);
    await expectAppError(
      kit.call("/app/sharing", {
        method: "POST",
        appid: kit.appid(1),
        token: meter.owner.token,
        body: { type: 0, did: meter.did, uid: meter.guest.uid },
      }),
      9081,
      403,
    );
  });

  it("list paging: limit/skip with previous/next links", async () => {
    const { owner, did } = await pair();
    const ids: number[] = [];
    for (let k = 0; k < 3; k++) {
      const g = await kit.register();
      ids.push(
        (await json<{ id: number }>(kit.call("/app/sharing", { method: "POST", token: owner.token, body: { type: 0, did, uid: g.uid } })))
          .id,
      );
    }
    const p = await json<{ meta: Json; objects: Json[] }>(kit.call("/app/sharing?sharing_type=0&limit=2&skip=1", { token: owner.token }));
    expect(p.meta).toMatchObject({ total: 3, limit: 2, skip: 1 });
    expect(p.meta.previous).toBe("/app/sharing?sharing_type=0&limit=2&skip=0");
    expect(p.meta.next).toBeNull();
    expect(p.objects.map((o) => o.id)).toEqual([...ids].reverse().slice(1));
  });
});

describe("sharing duration", () => {
  it("a guest's binding ends `duration` minutes after accepting (the emulator's clock, advanced with scheduler/run)", async () => {
    const { owner, guest, did } = await pair();
    const { id } = await json<{ id: number }>(
      kit.call("/app/sharing", { method: "POST", token: owner.token, body: { type: 0, did, uid: guest.uid, duration: 2 } }),
    );
    await kit.call(`/app/sharing/${id}?status=1`, { method: "PUT", token: guest.token });
    expect(await roleOf(guest.token, did)).toBe("guest");
    const run = (at: number) =>
      json<{ expired_shares: number[] }>(
        fetch(`${kit.url}/__emulator/openapi/scheduler/run`, { method: "POST", body: JSON.stringify({ at }) }),
      );
    const now = Math.floor(Date.now() / 1000);
    expect((await run(now + 60)).expired_shares).not.toContain(id);
    expect(await roleOf(guest.token, did)).toBe("guest");
    expect((await run(now + 130)).expired_shares).toContain(id);
    expect(await roleOf(guest.token, did)).toBeNull();
    expect(await roleOf(owner.token, did)).toBe("owner");
  });
});

describe("sharing by QR code", () => {
  it("type 1 → qr_content; the guest reads it (owner: 9096) and accepts it; a used code → 9089", async () => {
    const { owner, guest, did } = await pair();
    const res = await json<{ id: null; qr_content: string }>(
      kit.call("/app/sharing", { method: "POST", token: owner.token, body: { type: 1, did } }),
    );
    expect(res.id).toBeNull();
    expect(res.qr_content).toMatch(/^type=share&code=[0-9a-f]{32}$/);
    const code = res.qr_content.split("code=")[1];
    const info = await json<Json>(kit.call(`/app/sharing/code/${code}`, { token: guest.token }));
    expectKeys(info, ["owner", "product_name", "dev_alias", "expired_at"]);
    await expectAppError(kit.call(`/app/sharing/code/${code}`, { token: owner.token }), 9096, 403);
    expect((await kit.call(`/app/sharing/code/${code}`, { method: "POST", token: guest.token })).status).toBe(200);
    expect(await roleOf(guest.token, did)).toBe("guest");
    await expectAppError(kit.call(`/app/sharing/code/${code}`, { token: guest.token }), 9089, 400);
    await expectAppError(kit.call("/app/sharing/code/ffffffffffffffffffffffffffffffff", { token: guest.token }), 9084, 404);
  });
});

describe("owner transfer", () => {
  it("POST /app/sharing/{did}/transfer?uid: the guest becomes owner, the old owner is unbound; 9082 / 9093", async () => {
    const { owner, guest, did } = await pair();
    const { id } = await json<{ id: number }>(
      kit.call("/app/sharing", { method: "POST", token: owner.token, body: { type: 0, did, uid: guest.uid } }),
    );
    await kit.call(`/app/sharing/${id}?status=1`, { method: "PUT", token: guest.token });
    const stranger = await kit.register();
    await expectAppError(kit.call(`/app/sharing/${did}/transfer?uid=${stranger.uid}`, { method: "POST", token: owner.token }), 9082, 404);
    await expectAppError(kit.call(`/app/sharing/${did}/transfer?uid=${owner.uid}`, { method: "POST", token: guest.token }), 9093, 403);
    expect((await kit.call(`/app/sharing/${did}/transfer?uid=${guest.uid}`, { method: "POST", token: owner.token })).status).toBe(200);
    expect(await roleOf(guest.token, did)).toBe("owner");
    expect(await roleOf(owner.token, did)).toBeNull();
    // The Enterprise API sees the new owner.
    const users = await json<{ objects: Json[] }>(kit.api(0, `/users/search?type=did&val=${did}`));
    expect(users.objects.find((u) => u.is_owner === true)?.uid).toBe(guest.uid);
  });
});

describe("rules", () => {
  it("params: datapoints of the AppID's products (int/bool/enum/binary), filtered by product_key", async () => {
    const s = await kit.register();
    const all = await json<Record<string, Json[]>>(kit.call("/app/rules/params", { token: s.token }));
    expect(Object.keys(all)).toEqual([pk(0)]);
    expectKeys(all[pk(0)][0], ["display_name", "enum", "type", "name"]);
    expect(new Set(all[pk(0)].map((a) => a.type))).toEqual(new Set(["bool", "enum", "int", "binary"]));
    expect(all[pk(0)].find((a) => a.name === "mode")?.enum).toContain("制冷");
    expect(Object.keys(await json(kit.call(`/app/rules/params?product_key=${pk(0)},${pk(1)}`, { token: s.token })))).toEqual([pk(0)]);
  });

  it("CRUD with validation: 201 {rule_id}, {rules} list with paging, PUT/DELETE → {rule_id}; 9036, 9017, 9025, 9015", async () => {
    const a = await kit.freeDevice(0);
    const b = await kit.freeDevice(0);
    const s = await kit.register();
    for (const d of [a, b])
      await kit.call("/app/bind_mac", {
        method: "POST",
        token: s.token,
        headers: kit.signed(pk(0)),
        body: { product_key: pk(0), mac: d.mac },
      });
    const rule = {
      name: "打开开关",
      remark: "",
      did: a.did,
      product_key: pk(0),
      interval: 0,
      event: "data",
      input: [{ did: a.did, prefix: "device1", product_key: pk(0) }],
      condition: [[{ opt: "==", right: "1", left: "device1.switch" }]],
      output: [
        [
          { did: b.did, type: "devctrl", attrs: { fan_swing: true } },
          { type: "delay", delay: 5 },
          { did: b.did, type: "devctrl", raw: [1, 2, 3] },
        ],
      ],
    };
    const res = await kit.call("/app/rules", { method: "POST", token: s.token, body: rule });
    expect(res.status).toBe(201);
    const { rule_id } = await json<{ rule_id: number }>(res);
    await kit.call("/app/rules", {
      method: "POST",
      token: s.token,
      body: { ...rule, name: "second", event: "alert", event_attr: { attr_name: "alert_full", value: "1" } },
    });
    const list = await json<{ rules: Json[] }>(kit.call("/app/rules", { token: s.token }));
    expectKeys(list, ["rules"]);
    expect(list.rules).toHaveLength(2);
    expect(list.rules[0]).toMatchObject({ rule_id, name: "打开开关", did: a.did, product_key: pk(0), event: "data", interval: 0 });
    for (const k of ["remark", "name", "did", "interval", "product_key", "rule_id", "event", "input", "condition", "output"])
      expect(list.rules[0]).toHaveProperty(k);
    expect((await json<{ rules: Json[] }>(kit.call("/app/rules?limit=1&skip=1", { token: s.token }))).rules.map((r) => r.name)).toEqual([
      "second",
    ]);
    expect(await json(kit.call(`/app/rules/${rule_id}`, { method: "PUT", token: s.token, body: { name: "改名", interval: 60 } }))).toEqual({
      rule_id,
    });
    expect((await json<{ rules: Json[] }>(kit.call("/app/rules", { token: s.token }))).rules[0]).toMatchObject({
      name: "改名",
      interval: 60,
    });
    expect(await json(kit.call(`/app/rules/${rule_id}`, { method: "DELETE", token: s.token }))).toEqual({ rule_id });
    await expectAppError(kit.call(`/app/rules/${rule_id}`, { method: "DELETE", token: s.token }), 9015, 400);

    const post = (body: Json) => kit.call("/app/rules", { method: "POST", token: s.token, body: { ...rule, ...body } });
    await expectAppError(post({ event: "sunrise" }), 9036, 400);
    await expectAppError(post({ output: [[{ did: kit.samples[0].offline[0].did, type: "devctrl", attrs: { switch: true } }]] }), 9017, 400);
    await expectAppError(post({ output: [[{ did: b.did, type: "devctrl", attrs: { nope: 1 } }]] }), 9025, 400);
    await expectAppError(post({ event: "fault", event_attr: { attr_name: "switch", value: "1" } }), 9025, 400);
    await expectAppError(post({ output: [] }), 9015, 400);
    await expectAppError(post({ condition: [[{ opt: "=~", right: "1", left: "device1.switch" }]] }), 9015, 400);
  });
});
