/**
 * Contract tests, 设备远程监控 + 高级数据接口: latest status (AppID only, 24-hour window),
 * datapoint (AppID ↔ product, super AppID), device detail, raw_data (cmd/online, paging, limits),
 * control (attrs and raw, every refusal) and agg_data — and the one device model shared with /v1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectKeys } from "../testkit";
import { acknowledged, expectAppError, startAppKit, type AppKit } from "./apptest";

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
const superAppid = () => kit.meta.apps.find((a) => a.super)?.appid ?? "";

/** A fresh user of product n's app bound to `did` through the Enterprise binding API (works for any device). */
async function userWith(n: number, ...dids: string[]): Promise<{ token: string; uid: string }> {
  const s = await kit.register(kit.appid(n));
  const res = await kit.api(n, "/devices/bindings", { method: "POST", body: { uid: s.uid, appid: kit.appid(n), dids } });
  expect(res.status).toBe(201);
  return s;
}

describe("devdata latest", () => {
  it("answers {did, updated_at, attr} with the AppID alone (enum labels, real numbers)", async () => {
    const d = kit.samples[0].online[0];
    const body = await json<{ did: string; updated_at: number; attr: Json }>(kit.call(`/app/devdata/${d.did}/latest`));
    expectKeys(body, ["did", "updated_at", "attr"]);
    expect(body.did).toBe(d.did);
    expect(Number.isInteger(body.updated_at)).toBe(true);
    expect(body.updated_at).toBeGreaterThan(Date.now() / 1000 - 86400);
    expect(["自动", "制冷", "制热", "送风", "除湿"]).toContain(body.attr.mode);
    expect(typeof body.attr.room_temp).toBe("number");
  });
  it("a device silent for more than 24 hours has no values (updated_at null, attr {})", async () => {
    const page = await json<{ objects: { did: string; online_latest: number }[] }>(kit.api(0, "/devices/search?is_online=0&limit=1000"));
    const silent = page.objects.find((o) => o.online_latest < Date.now() / 1000 - 3 * 86400);
    if (!silent) throw new Error("no silent device in the sample");
    expect(await json(kit.call(`/app/devdata/${silent.did}/latest`))).toEqual({ did: silent.did, updated_at: null, attr: {} });
  });
  it("9014 for an unknown device or one of a product the AppID is not associated with; the super AppID sees all", async () => {
    await expectAppError(kit.call("/app/devdata/nope/latest"), 9014, 404);
    const meter = kit.samples[1].online[0].did;
    await expectAppError(kit.call(`/app/devdata/${meter}/latest`, { appid: kit.appid(0) }), 9014, 404);
    expect((await kit.call(`/app/devdata/${meter}/latest`, { appid: superAppid() })).status).toBe(200);
  });
});

describe("datapoint", () => {
  it("the product document for an associated product; 9002 otherwise; the super AppID may read any", async () => {
    const doc = await json<Json>(kit.call(`/app/datapoint?product_key=${pk(0)}`));
    expectKeys(doc, ["name", "entities", "protocolType", "product_key", "packetVersion", "ui"]);
    expect(doc.product_key).toBe(pk(0));
    await expectAppError(kit.call(`/app/datapoint?product_key=${pk(1)}`), 9002, 400);
    await expectAppError(kit.call("/app/datapoint"), 9002, 400);
    expect((await json<Json>(kit.call(`/app/datapoint?product_key=${pk(2)}`, { appid: superAppid() }))).product_key).toBe(pk(2));
  });
});

describe("devices/{did}", () => {
  it("detail of a bound device with the example's keys; 9017 when not bound, 9004 without a token", async () => {
    const d = kit.samples[0].offline[0];
    const s = await userWith(0, d.did);
    const body = await json<Json>(kit.call(`/app/devices/${d.did}`, { token: s.token }));
    for (const k of [
      "remark",
      "ws_port",
      "did",
      "port_s",
      "is_disabled",
      "host",
      "product_key",
      "port",
      "mac",
      "role",
      "is_online",
      "passcode",
      "wss_port",
    ])
      expect(body).toHaveProperty(k);
    expect(body).toMatchObject({ did: d.did, mac: d.mac, is_online: false });
    const other = await kit.register();
    await expectAppError(kit.call(`/app/devices/${d.did}`, { token: other.token }), 9017, 400);
    await expectAppError(kit.call(`/app/devices/${d.did}`), 9004, 400);
  });
});

describe("control", () => {
  it("attrs change the shared state: /app latest, /v1 data and /v1 cmd (app2dev) all show the write", async () => {
    const d = await kit.freeDevice(0);
    const s = await userWith(0, d.did);
    const before = await json<{ attr: Json }>(kit.call(`/app/devdata/${d.did}/latest`));
    const target = before.attr.set_temp === 22 ? 23 : 22;
    const res = await kit.call(`/app/control/${d.did}`, { method: "POST", token: s.token, body: { attrs: { set_temp: target } } });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({});
    await acknowledged();
    expect((await json<{ attr: Json }>(kit.call(`/app/devdata/${d.did}/latest`))).attr.set_temp).toBe(target);
    const data = await json<{ objects: { attrs: Json }[] }>(kit.api(0, `/devices/${d.did}/data?limit=1`));
    expect(data.objects[0].attrs.set_temp).toBe(target);
    const cmd = await json<{ objects: { type: string }[] }>(kit.api(0, `/devices/${d.did}/cmd?limit=2`));
    expect(cmd.objects.map((o) => o.type)).toEqual(["dev2app", "app2dev"]);
    // raw_data names the sender of an Open API control.
    const raw = await json<{ objects: Json[] }>(kit.call(`/app/devices/${d.did}/raw_data?type=cmd&limit=5`, { token: s.token }));
    const mine = raw.objects.find((o) => o.type === "app2dev");
    expect(mine).toMatchObject({ uid: s.uid, appid: kit.appid(0), source: "client" });
  });
  it("a control through /v1 shows in /app latest", async () => {
    const d = await kit.freeDevice(0);
    const before = await json<{ attr: Json }>(kit.call(`/app/devdata/${d.did}/latest`));
    const mode = before.attr.mode === "送风" ? "除湿" : "送风";
    expect((await kit.api(0, `/devices/${d.did}/control`, { method: "POST", body: { attrs: { mode } } })).status).toBe(200);
    await acknowledged();
    expect((await json<{ attr: Json }>(kit.call(`/app/devdata/${d.did}/latest`))).attr.mode).toBe(mode);
  });
  it("raw: a decimal byte array (or hex with binary_coding) lands in the cmd log", async () => {
    const d = await kit.freeDevice(0);
    const s = await userWith(0, d.did);
    expect((await kit.call(`/app/control/${d.did}`, { method: "POST", token: s.token, body: { raw: [97, 98, 99] } })).status).toBe(200);
    const cmd = await json<{ objects: { type: string; payload_bin: string }[] }>(
      kit.call(`/app/devices/${d.did}/raw_data?type=cmd&limit=1`, { token: s.token }),
    );
    expect(cmd.objects[0].type).toBe("app2dev");
    expect(cmd.objects[0].payload_bin.endsWith("616263")).toBe(true);
    expect(
      (await kit.call(`/app/control/${d.did}`, { method: "POST", token: s.token, body: { raw: "0a0b", binary_coding: "hex" } })).status,
    ).toBe(200);
    await expectAppError(kit.call(`/app/control/${d.did}`, { method: "POST", token: s.token, body: { raw: [300] } }), 9015, 400);
  });
  it("9025 unknown, read-only or invalid attrs; 9015 nothing to send; 9017 not bound; 9014 unknown device", async () => {
    const d = await kit.freeDevice(0);
    const s = await userWith(0, d.did);
    const post = (body: Json, token = s.token, did = d.did) => kit.call(`/app/control/${did}`, { method: "POST", token, body });
    await expectAppError(post({ attrs: { nope: 1 } }), 9025, 400);
    await expectAppError(post({ attrs: { room_temp: 20 } }), 9025, 400);
    await expectAppError(post({ attrs: { set_temp: 99 } }), 9025, 400);
    await expectAppError(post({ attrs: { mode: "turbo" } }), 9025, 400);
    await expectAppError(post({}), 9015, 400);
    const other = await kit.register();
    await expectAppError(post({ attrs: { switch: true } }, other.token), 9017, 400);
    await expectAppError(post({ attrs: { switch: true } }, s.token, "unknown-did"), 9014, 404);
  });
  it("9042 offline, 9023 disabled, 9021 remote control off (the sensor product)", async () => {
    const off = kit.samples[0].offline[0].did;
    const dis = kit.samples[0].disabled[0].did;
    const s = await userWith(0, off, dis);
    await expectAppError(kit.call(`/app/control/${off}`, { method: "POST", token: s.token, body: { attrs: { switch: true } } }), 9042, 400);
    await expectAppError(kit.call(`/app/control/${dis}`, { method: "POST", token: s.token, body: { attrs: { switch: true } } }), 9023, 400);
    const sensor = kit.samples[2].online[0].did;
    const t = await userWith(2, sensor);
    await expectAppError(
      kit.call(`/app/control/${sensor}`, { method: "POST", appid: kit.appid(2), token: t.token, body: { attrs: { led: true } } }),
      9021,
      400,
    );
  });
});

describe("raw_data", () => {
  it("online log: meta keys, dev_online/dev_offline records, limit/skip paging, asc/desc", async () => {
    const d = kit.samples[0].online[1] ?? kit.samples[0].online[0];
    const s = await userWith(0, d.did);
    const end = Math.floor(Date.now() / 1000);
    const start = end - 47 * 3600;
    const q = (extra: string) => `/app/devices/${d.did}/raw_data?type=online&start_time=${start}&end_time=${end}${extra}`;
    const all = await json<{ meta: Json; objects: Json[] }>(kit.call(q("&limit=100"), { token: s.token }));
    expectKeys(all.meta, ["sort", "limit", "end_time", "did", "skip", "start_time", "total", "type"]);
    expect(all.meta).toMatchObject({ sort: "desc", limit: 100, end_time: end, start_time: start, did: d.did, type: "online", skip: 0 });
    expect(all.objects.length).toBe(all.meta.total);
    expect(all.objects.length).toBeGreaterThan(0);
    for (const o of all.objects) expect(["dev_online", "dev_re_online", "dev_offline"]).toContain(o.type);
    const ts = all.objects.map((o) => o.timestamp as number);
    expect([...ts].sort((a, b) => b - a)).toEqual(ts);
    const p2 = await json<{ objects: Json[] }>(kit.call(q("&limit=1&skip=1"), { token: s.token }));
    expect(p2.objects).toEqual(all.objects.slice(1, 2));
    const asc = await json<{ meta: Json; objects: Json[] }>(kit.call(q("&limit=100&sort=ase"), { token: s.token }));
    expect(asc.meta.sort).toBe("asc");
    expect(asc.objects.map((o) => o.timestamp)).toEqual([...ts].reverse());
  });
  it("9015: bad type, span of 48 h or more, end in the future, skip + limit over 5000, limit over 1000", async () => {
    const d = kit.samples[0].online[0];
    const s = await userWith(0, d.did);
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      "type=nope",
      `type=cmd&start_time=${now - 48 * 3600}&end_time=${now}`,
      `type=cmd&start_time=${now - 3600}&end_time=${now + 3600}`,
      `type=cmd&start_time=${now}&end_time=${now - 10}`,
      "type=cmd&skip=4990&limit=20",
      "type=cmd&limit=1001",
    ];
    for (const q of bad) await expectAppError(kit.call(`/app/devices/${d.did}/raw_data?${q}`, { token: s.token }), 9015, 400);
  });
});

describe("agg_data", () => {
  it("GET and PUT aggregate numeric datapoints of an aggregation-enabled product (the reference's keys)", async () => {
    const d = kit.samples[1].online[0].did;
    const s = await userWith(1, d);
    const end = Date.now();
    const start = end - 2 * 86400_000;
    for (const method of ["GET", "PUT"]) {
      const res = await kit.call(
        `/app/devdata/${d}/agg_data?start_ts=${start}&end_ts=${end}&attrs=total_flow,water_temp&aggregator=max&unit=day`,
        {
          method,
          appid: kit.appid(1),
          token: s.token,
        },
      );
      expect(res.status).toBe(200);
      const body = await json<{ query: Json; data: Json[] }>(res);
      expect(body.query).toEqual({ aggregator: "max", end_ts: end, start_ts: start, attrs: "total_flow,water_temp", unit: "DAYS" });
      expect(body.data.length).toBeGreaterThan(0);
      expectKeys(body.data[0], ["datatime", "datetime", "uid", "product_key", "attrs"]);
      expect(body.data[0]).toMatchObject({ uid: s.uid, product_key: pk(1) });
      expect(body.data[0].datatime).toMatch(/^\d{8}$/);
      expect(typeof (body.data[0].attrs as Json).total_flow).toBe("string");
    }
  });
  it("9039 for a product without aggregation, 9015 bad unit, 9025 non-numeric datapoint", async () => {
    const ac = await kit.freeDevice(0);
    const s = await userWith(0, ac.did);
    const now = Date.now();
    await expectAppError(
      kit.call(`/app/devdata/${ac.did}/agg_data?start_ts=${now - 3600_000}&attrs=set_temp&aggregator=sum&unit=hours`, { token: s.token }),
      9039,
      403,
    );
    const m = kit.samples[1].online[0].did;
    const t = await userWith(1, m);
    const call = (q: string) =>
      kit.call(`/app/devdata/${m}/agg_data?start_ts=${now - 3600_000}&${q}`, { appid: kit.appid(1), token: t.token });
    await expectAppError(call("attrs=total_flow&aggregator=sum&unit=years"), 9015, 400);
    await expectAppError(call("attrs=valve&aggregator=sum&unit=hours"), 9025, 400);
  });
});
