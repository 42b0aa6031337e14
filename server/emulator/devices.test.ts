/**
 * Contract tests: datapoint, device lookup, search, control, online/cmd/data logs and agg_data.
 * Expected keys are those of the Enterprise API reference's examples (and of the agg_data doc for agg_data).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledged, expectError, expectKeys, keys, startKit, type Kit } from "./testkit";

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.emu.close();
});

type Json = Record<string, unknown>;
type Page = { meta: Json; objects: Json[]; context?: string | null };
const META = ["previous", "skip", "total", "limit", "next"];
const SEARCH_KEYS = [
  "city",
  "mcu_hard_version",
  "mcu_soft_version",
  "did",
  "country",
  "region",
  "mac",
  "longitude",
  "wifi_hard_version",
  "online_latest",
  "wifi_soft_version",
  "is_online",
  "latitude",
  "is_alert",
  "created_at",
  "is_faulty",
];

describe("datapoint", () => {
  it("has the doc example's keys and covers every data_type and kind", async () => {
    const res = await kit.api(0, "/datapoint");
    expect(res.status).toBe(200);
    const doc = await kit.json<{ entities: { attrs: Json[] }[]; ui: Json }>(res);
    expectKeys(doc, ["name", "entities", "protocolType", "product_key", "packetVersion", "ui"]);
    expectKeys(doc.entities[0], ["id", "display_name", "attrs", "name"]);
    expectKeys(doc.ui, ["object", "sections"]);
    const attrs = doc.entities[0].attrs;
    for (const a of attrs)
      for (const k of ["display_name", "name", "data_type", "position", "type", "id", "desc"]) expect(a).toHaveProperty(k);
    const all = [...attrs];
    const docs2 = await kit.json<{ entities: { attrs: Json[] }[] }>(await kit.api(1, "/datapoint"));
    all.push(...docs2.entities[0].attrs);
    expect(new Set(all.map((a) => a.data_type))).toEqual(new Set(["bool", "enum", "uint8", "uint16", "uint32", "binary"]));
    expect(new Set(all.map((a) => a.type))).toEqual(new Set(["status_writable", "status_readonly", "alert", "fault"]));
    const room = attrs.find((a) => a.name === "room_temp") as { uint_spec: Json };
    expectKeys(room.uint_spec, ["min", "max", "ratio", "addition"]);
    expect((attrs.find((a) => a.name === "mode") as { enum: string[] }).enum).toContain("制冷");
  });
});

describe("device lookup", () => {
  it("devices?mac → {did, passcode}", async () => {
    const { mac, did } = kit.samples[0].online[0];
    const body = await kit.json<Json>(await kit.api(0, `/devices?mac=${mac}`));
    expectKeys(body, ["did", "passcode"]);
    expect(body.did).toBe(did);
  });
  it("device_detail has the doc example's keys", async () => {
    const { mac, did } = kit.samples[0].disabled[0];
    const body = await kit.json<Json>(await kit.api(0, `/device_detail?mac=${mac}`));
    expectKeys(body, ["did", "is_disabled", "product_key", "mac", "is_online", "type"]);
    expect(body).toMatchObject({ did, mac, is_disabled: true, is_online: false, type: "normal" });
  });
  it("5301 unknown device, 5302 another product's device, 5002 missing mac", async () => {
    await expectError(kit.api(0, "/device_detail?mac=000000000000"), 5301, 404);
    await expectError(kit.api(0, `/device_detail?mac=${kit.samples[1].online[0].mac}`), 5302, 403);
    await expectError(kit.api(0, "/device_detail"), 5002, 400);
    await expectError(kit.api(0, `/devices/${kit.samples[1].online[0].did}/data`), 5302, 403);
    await expectError(kit.api(0, "/devices/AAAAAAAAAAAAAAAAAAAAAA/data"), 5301, 404);
  });
});

describe("devices/search", () => {
  it("returns the meta/objects envelope with the example's keys and a next link", async () => {
    const body = await kit.json<Page>(await kit.api(0, "/devices/search?limit=5&country=China"));
    expectKeys(body, ["meta", "objects"]);
    expectKeys(body.meta, META);
    expect(body.objects).toHaveLength(5);
    for (const o of body.objects) expectKeys(o, SEARCH_KEYS);
    expect(body.meta.next).toMatch(/^\/v1\/products\/[0-9a-f]{32}\/devices\/search\?.*country=China.*skip=5/);
    expect(body.meta.previous).toBeNull();
    const next = await kit.json<Page>(await kit.api(0, String(body.meta.next).replace(/^\/v1\/products\/[0-9a-f]{32}/, "")));
    expect(next.meta.skip).toBe(5);
    expect(next.meta.previous).toMatch(/skip=0/);
    expect(next.objects[0].did).not.toBe(body.objects[0].did);
  });

  it("applies every filter consistently with the objects it returns", async () => {
    const all = await kit.json<Page>(await kit.api(0, "/devices/search?limit=1000&show_disabled=1"));
    const total = Number(all.meta.total);
    expect(total).toBe(kit.samples[0].devices);
    const count = async (q: string) => Number((await kit.json<Page>(await kit.api(0, `/devices/search?limit=1&${q}`))).meta.total);
    const online = await count("is_online=1&show_disabled=1");
    const offline = await count("is_online=0&show_disabled=1");
    expect(online + offline).toBe(total);
    // Compare the filter with the rows themselves, not with a fixed share (the share moves over the
    // day); the background sweep may flip a few in between.
    const rows: Page["objects"] = [];
    for (let skip = 0; skip < total; skip += 1000) {
      rows.push(...(await kit.json<Page>(await kit.api(0, `/devices/search?limit=1000&skip=${skip}&show_disabled=1`))).objects);
    }
    expect(rows).toHaveLength(total);
    const listedOnline = rows.filter((o) => o.is_online === true).length;
    expect(Math.abs(listedOnline - online)).toBeLessThanOrEqual(Math.ceil(total * 0.02));
    expect(online).toBeGreaterThan(0);
    expect(offline).toBeGreaterThan(0);
    expect(await count("show_disabled=0")).toBeLessThan(total);
    const faulty = await count("is_faulty=1");
    expect(faulty).toBeGreaterThan(0);
    const gd = await kit.json<Page>(await kit.api(0, "/devices/search?limit=1000&region=Guangdong&is_alert=0"));
    expect(gd.objects.every((o) => o.region === "Guangdong" && o.is_alert === false)).toBe(true);
    expect(gd.objects.length).toBe(gd.meta.total);
    const sz = await kit.json<Page>(await kit.api(0, "/devices/search?city=Shenzhen&limit=1000"));
    expect(sz.objects.every((o) => o.city === "Shenzhen")).toBe(true);
    const abroad = await count("country=Germany");
    expect(abroad).toBeGreaterThanOrEqual(0);
    const recent = Math.floor(Date.now() / 1000) - 86400;
    const live = await kit.json<Page>(await kit.api(0, `/devices/search?liveness_start=${recent}&limit=1000`));
    expect(live.objects.every((o) => Number(o.online_latest) >= recent)).toBe(true);
    // The liveness filter's total counts exactly the devices a plain listing shows as active since then.
    const liveAll = await kit.json<Page>(await kit.api(0, `/devices/search?liveness_start=${recent}&limit=1&show_disabled=1`));
    expect(liveAll.meta.total).toBe(rows.filter((o) => Number(o.online_latest) >= recent).length);
    const gdLive = await kit.json<Page>(
      await kit.api(0, `/devices/search?limit=1000&region=Guangdong&is_alert=0&liveness_start=${recent}`),
    );
    expect(gdLive.meta.total).toBe(gd.objects.filter((o) => Number(o.online_latest) >= recent).length);
    expect(gdLive.objects.length).toBe(gdLive.meta.total);
    const { did, mac } = kit.samples[0].online[0];
    expect((await kit.json<Page>(await kit.api(0, `/devices/search?type=did&val=${did}`))).objects.map((o) => o.mac)).toEqual([mac]);
    expect((await kit.json<Page>(await kit.api(0, `/devices/search?type=mac&val=${mac}`))).objects.map((o) => o.did)).toEqual([did]);
    const bound = kit.samples[0].bound_user;
    expect(bound).not.toBeNull();
    const byUid = await kit.json<Page>(await kit.api(0, `/devices/search?type=uid&val=${bound?.uid}&show_disabled=1`));
    expect(byUid.objects.map((o) => o.did)).toContain(bound?.did);
    const root = kit.samples[0].root_gid;
    const tree = await kit.json<Record<string, Record<string, unknown>>>(await kit.api(0, "/device_groups"));
    const child = Object.keys(tree[String(root)])[0];
    const inGroup = await kit.json<Page>(await kit.api(0, `/devices/search?gid=${child}&limit=1000&show_disabled=1`));
    const macs = await kit.json<{ macs: string[] }>(await kit.api(0, `/device_groups/${child}`));
    expect(inGroup.objects.map((o) => o.mac).sort()).toEqual([...macs.macs].sort());
  });

  it("5002 on malformed filters, 5206 unknown gid", async () => {
    await expectError(kit.api(0, "/devices/search?is_online=maybe"), 5002, 400);
    await expectError(kit.api(0, "/devices/search?type=serial&val=1"), 5002, 400);
    await expectError(kit.api(0, "/devices/search?limit=abc"), 5002, 400);
    await expectError(kit.api(0, `/devices/search?gid=${"a".repeat(32)}`), 5206, 404);
  });
});

describe("control", () => {
  const ctl = (n: number, did: string, body: unknown) => kit.api(n, `/devices/${did}/control`, { method: "POST", body });

  it("200 {} for attrs; the write shows up in the data and cmd logs", async () => {
    const { did } = kit.samples[0].online[3];
    const res = await ctl(0, did, { attrs: { switch: true, mode: "制冷", set_temp: 18, fan_swing: false, schedule: "1234567000" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    await acknowledged();
    const data = await kit.json<Page>(await kit.api(0, `/devices/${did}/data?limit=1`));
    expect(data.objects[0].attrs).toMatchObject({ switch: 1, mode: "制冷", set_temp: 18, fan_swing: 0, schedule: "1234567000" });
    const cmd = await kit.json<Page>(await kit.api(0, `/devices/${did}/cmd?limit=2`));
    expect(cmd.objects.map((o) => o.type)).toEqual(["dev2app", "app2dev"]);
    expect(String(cmd.objects[1].payload)).toMatch(/^00000003[0-9a-f]{2}000090/);
  });

  it("accepts raw as a decimal array, hex and base64 (binary_coding)", async () => {
    const { did } = kit.samples[0].online[3];
    expect((await ctl(0, did, { raw: [97, 98, 99] })).status).toBe(200);
    expect((await ctl(0, did, { raw: "616263", binary_coding: "hex" })).status).toBe(200);
    expect((await ctl(0, did, { raw: "YWJj", binary_coding: "base64" })).status).toBe(200);
    const cmd = await kit.json<Page>(await kit.api(0, `/devices/${did}/cmd?limit=3`));
    expect(cmd.objects.every((o) => String(o.payload).endsWith("616263"))).toBe(true);
    expect((await ctl(0, did, { attrs: { schedule: "AQIDBAU=" }, binary_coding: "base64" })).status).toBe(200);
  });

  it("5304 disabled, 5305 offline, 5404 remote control off, 5401/5405 bad attrs, 5408 bad raw, 5002 neither", async () => {
    await expectError(ctl(0, kit.samples[0].disabled[0].did, { attrs: { switch: true } }), 5304, 400);
    await expectError(ctl(0, kit.samples[0].offline[0].did, { attrs: { switch: true } }), 5305, 400);
    await expectError(ctl(2, kit.samples[2].online[0].did, { attrs: { led: true } }), 5404, 403);
    const { did } = kit.samples[0].online[4];
    await expectError(ctl(0, did, { attrs: { nope: 1 } }), 5405, 404);
    await expectError(ctl(0, did, { attrs: { set_temp: 99 } }), 5401, 400);
    await expectError(ctl(0, did, { attrs: { mode: "turbo" } }), 5401, 400);
    await expectError(ctl(0, did, { attrs: { room_temp: 20 } }), 5401, 400);
    await expectError(ctl(0, did, { attrs: { schedule: "1234567" } }), 5401, 400);
    await expectError(ctl(0, did, { raw: [300] }), 5408, 400);
    await expectError(ctl(0, did, {}), 5002, 400);
    await expectError(ctl(0, did, "not json"), 5001, 400);
  });

  it("remote control can be switched on for a product at runtime", async () => {
    await kit.control("/config", { remoteControlDisabled: [] });
    try {
      expect((await ctl(2, kit.samples[2].online[0].did, { attrs: { led: false, sample_rate: 10 } })).status).toBe(200);
    } finally {
      await kit.control("/config", { remoteControlDisabled: [kit.tenant.products[2].product_key] });
    }
  });
});

describe("online / cmd / data logs", () => {
  const did = () => kit.samples[0].online[0].did;

  it("online objects match the doc example", async () => {
    const body = await kit.json<Page>(await kit.api(0, `/devices/${did()}/online?limit=100`));
    expectKeys(body.meta, META);
    const on = body.objects.find((o) => o.type === "dev_online") as { timestamp: number; payload: Json };
    const off = body.objects.find((o) => o.type === "dev_offline") as { payload: { heartbeat: Json; reason: string } };
    expectKeys(on, ["timestamp", "type", "payload"]);
    expectKeys(on.payload, ["keep_alive"]);
    expectKeys(off.payload, ["duration", "heartbeat", "reason"]);
    expectKeys(off.payload.heartbeat, ["count", "max", "avg", "last", "min"]);
    expect([
      "mqtt_disconnect",
      "no_heartbeat",
      "tcp_closed",
      "ssl_closed",
      "offline_force",
      "offline_reset",
      "offline_exception",
      "offline_sending_density_overflow",
      "offline_sending_data_size_overflow",
    ]).toContain(off.payload.reason);
    const ts = body.objects.map((o) => Number(o.timestamp));
    expect(ts).toEqual([...ts].sort((a, b) => b - a)); // desc by default
  });

  it("cmd and data objects match the doc examples; sort=asc", async () => {
    const cmd = await kit.json<Page>(await kit.api(0, `/devices/${did()}/cmd?limit=5&sort=asc`));
    for (const o of cmd.objects) expectKeys(o, ["timestamp", "type", "payload"]);
    const ts = cmd.objects.map((o) => Number(o.timestamp));
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    const data = await kit.json<Page>(await kit.api(0, `/devices/${did()}/data?limit=5`));
    for (const o of data.objects) {
      expectKeys(o, ["ts", "attrs"]);
      expect(keys(o.attrs)).toEqual(expect.arrayContaining(["alert_full", "mode", "switch", "fault_roomtemp", "room_temp", "set_temp"]));
    }
  });

  it("context form (current doc): limit ≤ 100 and a context cursor until exhausted", async () => {
    const now = Math.floor(Date.now() / 1000);
    const q = `start_ts=${now - 86400}&end_ts=${now}&limit=40`;
    const first = await kit.json<Page>(await kit.api(0, `/devices/${did()}/data?${q}`));
    const total = Number(first.meta.total);
    const seen = [...first.objects];
    let ctx = first.context;
    for (let guard = 0; ctx && guard < 20; guard++) {
      const next = await kit.json<Page>(await kit.api(0, `/devices/${did()}/data?context=${encodeURIComponent(ctx)}`));
      seen.push(...next.objects);
      ctx = next.context;
    }
    expect(ctx).toBeNull();
    expect(seen.length).toBe(total);
    expect(new Set(seen.map((o) => o.ts)).size).toBe(total);
    await expectError(kit.api(0, `/devices/${did()}/data?limit=101`), 5002, 400);
    await expectError(kit.api(0, `/devices/${did()}/data?context=garbage.sig`), 5002, 400);
  });

  it("context is valid for a limited time and only for its own query", async () => {
    /** The emulator's reason for a 5002, from its X-Emulator-Detail header. */
    const refusal = async (path: string) => {
      const res = await kit.api(0, path);
      const detail = decodeURIComponent(res.headers.get("x-emulator-detail") ?? "");
      await expectError(res, 5002, 400);
      return detail;
    };
    const first = await kit.json<Page>(await kit.api(0, `/devices/${did()}/cmd?limit=1`));
    expect(typeof first.context).toBe("string");
    const context = encodeURIComponent(String(first.context));
    expect(await refusal(`/devices/${did()}/data?context=${context}`)).toMatch(/another query/);
    expect((await kit.api(0, `/devices/${did()}/cmd?context=${context}`)).status).toBe(200);
    // A context issued with a zero life is past it on the next request: expiry without waiting.
    await kit.control("/config", { contextTtlSeconds: 0 });
    try {
      const short = await kit.json<Page>(await kit.api(0, `/devices/${did()}/cmd?limit=1`));
      expect(typeof short.context).toBe("string");
      expect(await refusal(`/devices/${did()}/cmd?context=${encodeURIComponent(String(short.context))}`)).toMatch(/expired/);
    } finally {
      await kit.control("/config", { contextTtlSeconds: 3600 });
    }
  });

  it("skip form (2018 doc): limit+skip paging over the last 7 days", async () => {
    const now = Math.floor(Date.now() / 1000);
    const q = `start_ts=${now - 6 * 86400}&end_ts=${now - 4 * 86400}&limit=150&skip=10`;
    const body = await kit.json<Page>(await kit.api(0, `/devices/${did()}/online?${q}`));
    expect(body.meta.skip).toBe(10);
    expect(body).not.toHaveProperty("context");
    await expectError(kit.api(0, `/devices/${did()}/online?start_ts=${now - 9 * 86400}&end_ts=${now - 8 * 86400}&skip=0`), 5002, 400);
  });

  it("30-day window, 2-day span, default last 2 days", async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await kit.api(0, `/devices/${did()}/data?start_ts=${now - 29 * 86400}&end_ts=${now - 28 * 86400}`);
    expect(old.status).toBe(200);
    expect(Number((await kit.json<Page>(old)).meta.total)).toBeGreaterThan(0);
    await expectError(kit.api(0, `/devices/${did()}/data?start_ts=${now - 31 * 86400}&end_ts=${now - 30 * 86400}`), 5002, 400);
    await expectError(kit.api(0, `/devices/${did()}/data?start_ts=${now - 3 * 86400}&end_ts=${now}`), 5002, 400);
    await expectError(kit.api(0, `/devices/${did()}/data?sort=up`), 5002, 400);
    const def = await kit.json<Page>(await kit.api(0, `/devices/${did()}/online?limit=100&sort=asc`));
    expect(Number(def.objects[0]?.timestamp ?? now)).toBeGreaterThanOrEqual(now - 2 * 86400 - 5);
  });
});

describe("agg_data", () => {
  const did = () => kit.samples[1].online[0].did;
  const now = Date.now();

  it("aggregates several numeric attrs into datetime buckets (ms timestamps)", async () => {
    const q = `start_ts=${now - 3 * 86400_000}&end_ts=${now}&attrs=flow_rate,water_temp&aggregator=avg&unit=DAYS`;
    const res = await kit.api(1, `/devices/${did()}/agg_data?${q}`);
    expect(res.status).toBe(200);
    const body = await kit.json<{ query: Json; data: { attrs: Json; datetime: string }[] }>(res);
    expectKeys(body, ["query", "data"]);
    expect(body.query).toEqual({
      aggregator: "avg",
      end_ts: now,
      start_ts: now - 3 * 86400_000,
      attrs: "flow_rate,water_temp",
      unit: "DAYS",
    });
    expect(body.data.length).toBeGreaterThanOrEqual(3);
    for (const d of body.data) {
      expectKeys(d, ["attrs", "datetime"]);
      expect(d.datetime).toMatch(/^\d{8}$/);
      expectKeys(d.attrs, ["flow_rate", "water_temp"]);
    }
    for (const [unit, re] of [
      ["HOURS", /^\d{10}$/],
      ["WEEKS", /^\d{6}$/],
      ["MONTHS", /^\d{6}$/],
    ] as const) {
      const r = await kit.json<{ data: { datetime: string }[] }>(
        await kit.api(
          1,
          `/devices/${did()}/agg_data?start_ts=${now - 86400_000}&end_ts=${now}&attrs=total_flow&aggregator=max&unit=${unit}`,
        ),
      );
      expect(r.data.length).toBeGreaterThan(0);
      expect(r.data.every((d) => re.test(d.datetime))).toBe(true);
    }
    const sum = await kit.json<{ data: { attrs: { total_flow: number } }[] }>(
      await kit.api(1, `/devices/${did()}/agg_data?start_ts=${now - 86400_000}&end_ts=${now}&attrs=total_flow&aggregator=min&unit=HOURS`),
    );
    const mins = sum.data.map((d) => d.attrs.total_flow);
    expect(mins).toEqual([...mins].sort((a, b) => a - b)); // a cumulative meter never runs backwards
  });

  it("5024 for a product without aggregation, 5401 non-numeric, 5405 unknown, 5002 bad params or > 1 month", async () => {
    const q = `start_ts=${now - 86400_000}&end_ts=${now}&aggregator=sum&unit=DAYS`;
    await expectError(kit.api(0, `/devices/${kit.samples[0].online[0].did}/agg_data?${q}&attrs=room_temp`), 5024, 403);
    await expectError(kit.api(1, `/devices/${did()}/agg_data?${q}&attrs=valve`), 5401, 400);
    await expectError(kit.api(1, `/devices/${did()}/agg_data?${q}&attrs=nope`), 5405, 404);
    await expectError(
      kit.api(1, `/devices/${did()}/agg_data?start_ts=${now - 40 * 86400_000}&end_ts=${now}&attrs=flow_rate&aggregator=sum&unit=DAYS`),
      5002,
      400,
    );
    await expectError(kit.api(1, `/devices/${did()}/agg_data?${q.replace("sum", "median")}&attrs=flow_rate`), 5002, 400);
    await expectError(kit.api(1, `/devices/${did()}/agg_data?${q.replace("DAYS", "YEARS")}&attrs=flow_rate`), 5002, 400);
  });
});
