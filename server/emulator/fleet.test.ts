/**
 * Contract tests: device groups, bindings, users and every device/user report.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, expectKeys, startKit, todayCst, yesterday, type Kit } from "./testkit";

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.emu.close();
});

type Json = Record<string, unknown>;
type Page = { meta: Json; objects: Json[] };
const USER_KEYS = [
  "username",
  "remark",
  "uid",
  "is_anonymous",
  "gender",
  "created_at",
  "updated_at",
  "phone",
  "birthday",
  "address",
  "email",
];
const BOUND_USER_KEYS = [
  "username",
  "remark",
  "uid",
  "is_anonymous",
  "gender",
  "created_at",
  "auth_src",
  "phone",
  "birthday",
  "address",
  "email",
  "name",
];
const RESOLVED = ["total", "resolved", "unresolved"];
const enterpriseHeaders = () => ({
  "X-Gizwits-Enterprise-ID": kit.tenant.enterprise_id,
  "X-Gizwits-Enterprise-Secret": kit.tenant.enterprise_secret,
});

describe("device groups", () => {
  it("tree: one root with nested children, leaves as empty strings", async () => {
    const tree = await kit.json<Record<string, Record<string, unknown>>>(await kit.api(0, "/device_groups"));
    const roots = Object.keys(tree);
    expect(roots).toEqual([kit.samples[0].root_gid]);
    const depth = (node: unknown): number => (typeof node === "string" ? 0 : 1 + Math.max(...Object.values(node as Json).map(depth)));
    expect(depth(tree)).toBeGreaterThanOrEqual(4);
  });

  it("create child, assign/unassign with reassign and per-MAC results, delete only when empty", async () => {
    const root = String(kit.samples[0].root_gid);
    await expectError(kit.api(0, "/device_groups", { method: "POST", body: {} }), 5203, 400);
    await expectError(kit.api(0, "/device_groups", { method: "POST", body: { parent_gid: "b".repeat(32) } }), 5202, 404);
    await expectError(kit.api(0, "/device_groups", { method: "POST", body: { parent_gid: kit.samples[1].root_gid } }), 5201, 403);
    const created = await kit.api(0, "/device_groups", { method: "POST", body: { parent_gid: root } });
    expect(created.status).toBe(201);
    const { gid } = await kit.json<{ gid: string }>(created);
    expect(gid).toMatch(/^[0-9a-f]{32}$/);
    const tree = await kit.json<Record<string, Record<string, unknown>>>(await kit.api(0, "/device_groups"));
    expect(tree[root][gid]).toBe("");

    const sub = await kit.json<{ gid: string }>(await kit.api(0, "/device_groups", { method: "POST", body: { parent: gid } }));
    await expectError(kit.api(0, `/device_groups/${gid}`, { method: "DELETE" }), 5204, 400);

    // Find a grouped and an ungrouped device via search.
    const all = await kit.json<Page>(await kit.api(0, "/devices/search?limit=200"));
    const groupedMacs = new Set<string>();
    for (const g of Object.keys((await kit.json<Record<string, Json>>(await kit.api(0, "/device_groups")))[root])) {
      for (const m of (await kit.json<{ macs: string[] }>(await kit.api(0, `/device_groups/${g}`))).macs) groupedMacs.add(m);
    }
    const free = all.objects.map((o) => String(o.mac)).find((m) => !groupedMacs.has(m)) as string;
    const taken = [...groupedMacs][0];
    const foreign = kit.samples[1].online[0].mac;

    const put = (body: unknown) => kit.api(0, `/device_groups/${sub.gid}`, { method: "PUT", body });
    const r1 = await kit.json<{ success: string[]; failed: string[] }>(
      await put({ action: "assign", reassign: false, macs: [free, taken, foreign] }),
    );
    expectKeys(r1, ["failed", "success"]);
    expect(r1).toEqual({ failed: [taken, foreign], success: [free] });
    const r2 = await kit.json<{ success: string[] }>(await put({ action: "assign", reassign: true, macs: [taken] }));
    expect(r2.success).toEqual([taken]);
    expect((await kit.json<{ macs: string[] }>(await kit.api(0, `/device_groups/${sub.gid}`))).macs.sort()).toEqual([free, taken].sort());
    await expectError(kit.api(0, `/device_groups/${sub.gid}`, { method: "DELETE" }), 5205, 400);
    const r3 = await kit.json<{ success: string[]; failed: string[] }>(await put({ action: "unassign", macs: [free, taken, foreign] }));
    expect(r3).toEqual({ failed: [foreign], success: [free, taken] });
    await expectError(put({ action: "move", macs: [] }), 5002, 400);
    await expectError(put({ action: "assign", macs: Array.from({ length: 1001 }, () => free) }), 5002, 400);

    const del = await kit.api(0, `/device_groups/${sub.gid}`, { method: "DELETE" });
    expect(del.status).toBe(200);
    await expectError(kit.api(0, `/device_groups/${sub.gid}`), 5206, 404);
    await expectError(kit.api(1, `/device_groups/${gid}`), 5201, 403);
    expect((await kit.api(0, `/device_groups/${gid}`, { method: "DELETE" })).status).toBe(200);
  });
});

describe("bindings", () => {
  it("POST binds and DELETE unbinds, per-did success/failed", async () => {
    const bound = kit.samples[0].bound_user as { uid: string; appid: string; did: string };
    const target = kit.samples[0].offline[2].did;
    const body = { uid: bound.uid, appid: bound.appid, dids: [target, "AAAAAAAAAAAAAAAAAAAAAA", kit.samples[1].online[0].did] };
    const res = await kit.api(0, "/devices/bindings", { method: "POST", body });
    expect(res.status).toBe(201);
    const r = await kit.json<{ success: string[]; failed: string[] }>(res);
    expectKeys(r, ["failed", "success"]);
    expect(r.success).toEqual([target]);
    expect(r.failed).toHaveLength(2);
    const users = await kit.json<Page>(await kit.api(0, `/users/search?type=did&val=${target}`));
    expect(users.objects.map((o) => o.uid)).toContain(bound.uid);
    const del = await kit.json<{ success: string[] }>(
      await kit.api(0, "/devices/bindings", { method: "DELETE", body: { ...body, dids: [target] } }),
    );
    expect(del.success).toEqual([target]);
    const after = await kit.json<Page>(await kit.api(0, `/users/search?type=did&val=${target}`));
    expect(after.objects.map((o) => o.uid)).not.toContain(bound.uid);
  });

  it("5016 unknown appid, 5017 unknown uid, 5002 missing fields", async () => {
    const bound = kit.samples[0].bound_user as { uid: string; appid: string; did: string };
    await expectError(
      kit.api(0, "/devices/bindings", { method: "POST", body: { uid: bound.uid, appid: "c".repeat(32), dids: [bound.did] } }),
      5016,
      404,
    );
    await expectError(
      kit.api(0, "/devices/bindings", { method: "POST", body: { uid: "d".repeat(32), appid: bound.appid, dids: [bound.did] } }),
      5017,
      404,
    );
    await expectError(kit.api(0, "/devices/bindings", { method: "DELETE", body: { uid: bound.uid } }), 5002, 400);
  });
});

describe("users", () => {
  it("/v1/users/search: registered users with the example's keys, filters and paging", async () => {
    const pk = kit.tenant.products[0].product_key;
    const res = await fetch(`${kit.url}/v1/users/search?product_key=${pk}&limit=50`, { headers: enterpriseHeaders() });
    const body = await kit.json<Page>(res);
    expectKeys(body.meta, ["previous", "skip", "total", "limit", "next"]);
    for (const u of body.objects) expectKeys(u, USER_KEYS);
    expect(body.objects.some((u) => u.is_anonymous === true)).toBe(true);
    const named = body.objects.find((u) => typeof u.phone === "string") as Json;
    const byPhone = await kit.json<Page>(
      await fetch(`${kit.url}/v1/users/search?product_key=${pk}&phone=${named.phone}`, { headers: enterpriseHeaders() }),
    );
    expect(byPhone.objects.map((u) => u.uid)).toContain(named.uid);
    const app = kit.tenant.appids.filter((a) => a.product_key === pk)[1].appid;
    const byApp = await kit.json<Page>(
      await fetch(`${kit.url}/v1/users/search?product_key=${pk}&appid=${app}&limit=1`, { headers: enterpriseHeaders() }),
    );
    expect(Number(byApp.meta.total)).toBeLessThan(Number(body.meta.total));
    await expectError(
      fetch(`${kit.url}/v1/users/search?product_key=${pk}&appid=${"0".repeat(32)}`, { headers: enterpriseHeaders() }),
      5016,
      404,
    );
  });

  it("products/{pk}/users/search: bound users by every type; is_owner only by did", async () => {
    const list = await kit.json<Page>(await kit.api(0, "/users/search?limit=5"));
    for (const u of list.objects) expectKeys(u, BOUND_USER_KEYS);
    const bound = kit.samples[0].bound_user as { uid: string; did: string };
    const byDid = await kit.json<Page>(await kit.api(0, `/users/search?type=did&val=${bound.did}`));
    for (const u of byDid.objects) expectKeys(u, [...BOUND_USER_KEYS, "is_owner"]);
    expect(byDid.objects.find((u) => u.uid === bound.uid)?.is_owner).toBe(true);
    const byUid = await kit.json<Page>(await kit.api(0, `/users/search?type=uid&val=${bound.uid}`));
    expect(byUid.objects.map((u) => u.uid)).toEqual([bound.uid]);
    const mac = ((await kit.json<Json>(await kit.api(0, `/devices/search?type=did&val=${bound.did}`))) as unknown as Page).objects[0].mac;
    const byMac = await kit.json<Page>(await kit.api(0, `/users/search?type=mac&val=${mac}`));
    expect(byMac.objects.map((u) => u.uid)).toContain(bound.uid);
    const named = (await kit.json<Page>(await kit.api(0, "/users/search?limit=100"))).objects.find(
      (u) => typeof u.email === "string",
    ) as Json;
    for (const type of ["username", "email"]) {
      const r = await kit.json<Page>(await kit.api(0, `/users/search?type=${type}&val=${encodeURIComponent(String(named[type]))}`));
      expect(r.objects.map((u) => u.uid)).toContain(named.uid);
    }
    await expectError(kit.api(0, "/users/search?type=password&val=x"), 5002, 400);
  });

  it("user reports: new, total, liveness_total, location", async () => {
    const y = yesterday();
    const month = y.slice(0, 7);
    const nu = await kit.json<Json & { data: Json[] }>(await kit.api(0, `/users/report/new?cycle=month&start=${month}&end=${month}`));
    expectKeys(nu, ["start", "gid", "end", "data", "cycle"]);
    expectKeys(nu.data[0], ["count", "month"]);
    const days = await kit.json<{ data: Json[] }>(await kit.api(0, `/users/report/new?cycle=date&start=${y}&end=${y}`));
    expectKeys(days.data[0], ["count", "date"]);
    const total = await kit.json<Json>(await kit.api(0, "/users/report/total"));
    expectKeys(total, ["gid", "total"]);
    expect(Number(total.total)).toBeGreaterThan(0);
    const secret = kit.tenant.products[0].product_secret;
    const live = await kit.json<{ data: Json[] }>(
      await fetch(`${kit.url}/v1/users/liveness_total?product_secret=${secret}&start_date=${y}&end_date=${y}`, {
        headers: enterpriseHeaders(),
      }),
    );
    expectKeys(live, ["data"]);
    expectKeys(live.data[0], ["count", "date"]);
    expect(live.data[0].date).toBe(y);
    const loc = await kit.json<Record<string, Json>>(
      await fetch(`${kit.url}/v1/users/location?product_secret=${secret}`, { headers: enterpriseHeaders() }),
    );
    expect(loc.China.count).toBeGreaterThan(0);
    expect((loc.China.Beijing as Record<string, Json>).Beijing).toHaveProperty("count");
    await expectError(
      fetch(`${kit.url}/v1/users/liveness_total?product_secret=${secret}&start_date=${todayCst()}&end_date=${todayCst()}`, {
        headers: enterpriseHeaders(),
      }),
      5014,
      400,
    );
  });
});

describe("device reports", () => {
  it("locations: total + tree whose city leaf is a bare number; filters", async () => {
    const body = await kit.json<{ gid: null; total: number; location: Record<string, Record<string, Json>> }>(
      await kit.api(0, "/devices/locations"),
    );
    expectKeys(body, ["gid", "total", "location"]);
    expect(body.gid).toBeNull();
    expect(typeof body.location.China.Guangdong.Guangzhou).toBe("number");
    expect(body.location.China.Guangdong.count).toBeGreaterThan(0);
    const online = await kit.json<{ total: number }>(await kit.api(0, "/devices/locations?is_online=1"));
    const offline = await kit.json<{ total: number }>(await kit.api(0, "/devices/locations?is_online=0"));
    expect(online.total + offline.total).toBe(body.total);
    const countries = Object.keys(body.location);
    expect(countries.length).toBeGreaterThan(1);
    expect(Object.keys(body.location.China).length - 1).toBeGreaterThanOrEqual(30);
  });

  it("summary on both paths", async () => {
    for (const path of ["/devices/summary", "/summary"]) {
      const s = await kit.json<{ active: Json; new: Json }>(await kit.api(0, path));
      expectKeys(s, ["active", "new", "total", "online"]);
      expectKeys(s.active, ["7_day", "yesterday"]);
      expectKeys(s.new, ["7_day", "30_day", "yesterday", "today"]);
    }
  });

  it("incr_devices and active_devices: paginated rows with the example's keys; 5014 for today", async () => {
    const y = yesterday();
    const start = new Date(Date.parse(y) - 20 * 86400_000).toISOString().slice(0, 10);
    for (const path of ["/incr_devices", "/active_devices"]) {
      const body = await kit.json<Page>(await kit.api(0, `${path}?start=${start}&end=${y}&limit=3`));
      expectKeys(body.meta, ["previous", "skip", "total", "limit", "next"]);
      expect(body.objects.length).toBeGreaterThan(0);
      for (const o of body.objects) expectKeys(o, ["city", "country", "region", "report_date", "product_key", "mac", "created_at"]);
      expect(String(body.objects[0].created_at)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const gd = await kit.json<Page>(await kit.api(0, `${path}?start=${start}&end=${y}&region=Guangdong&limit=100`));
      expect(gd.objects.every((o) => o.region === "Guangdong")).toBe(true);
      await expectError(kit.api(0, `${path}?start=${todayCst()}&end=${todayCst()}`), 5014, 400);
      await expectError(kit.api(0, `${path}?start=2020-13-01`), 5002, 400);
    }
    const p2 = await kit.json<Page>(await kit.api(0, `/active_devices?start=${y}&end=${y}&limit=3&skip=3`));
    const p1 = await kit.json<Page>(await kit.api(0, `/active_devices?start=${y}&end=${y}&limit=6`));
    expect(p2.objects.map((o) => o.mac)).toEqual(p1.objects.slice(3).map((o) => o.mac));
  });

  it("liveness history: date/week/month formats, items keyed by cycle, limits, 5014", async () => {
    const y = yesterday();
    const d30 = new Date(Date.parse(y) - 29 * 86400_000).toISOString().slice(0, 10);
    const byDate = await kit.json<Json & { data: Json[] }>(
      await kit.api(0, `/devices/report/liveness/history?cycle=date&start=${d30}&end=${y}`),
    );
    expectKeys(byDate, ["start", "gid", "end", "data", "cycle"]);
    expect(byDate.data).toHaveLength(30);
    expectKeys(byDate.data[0], ["count", "location", "date"]);
    expect(
      (byDate.data[29].location as Record<string, Record<string, Record<string, Json>>>).China.Guangdong.Guangzhou.count,
    ).toBeGreaterThan(0);
    const d31 = new Date(Date.parse(y) - 30 * 86400_000).toISOString().slice(0, 10);
    await expectError(kit.api(0, `/devices/report/liveness/history?cycle=date&start=${d31}&end=${y}`), 5002, 400);
    await expectError(kit.api(0, `/devices/report/liveness/history?cycle=date&start=${todayCst()}&end=${todayCst()}`), 5014, 400);
    const weeks = await kit.json<{ data: Json[] }>(
      await kit.api(0, "/devices/report/liveness/history?cycle=week&start=2025-01&end=2025-52"),
    );
    expect(weeks.data[0]).toHaveProperty("week", "2025-01");
    expect(weeks.data).toHaveLength(52);
    // ISO 2025 has 52 weeks: week 53 does not exist.
    await expectError(kit.api(0, "/devices/report/liveness/history?cycle=week&start=2025-01&end=2025-53"), 5002, 400);
    await expectError(kit.api(0, "/devices/report/liveness/history?cycle=week&start=2024-01&end=2025-02"), 5002, 400);
    const months = await kit.json<{ data: Json[] }>(
      await kit.api(0, `/devices/report/liveness/history?cycle=month&start=${y.slice(0, 4)}-01&end=${y.slice(0, 7)}`),
    );
    expect(months.data[0]).toHaveProperty("month", `${y.slice(0, 4)}-01`);
    await expectError(kit.api(0, "/devices/report/liveness/history?cycle=month&start=2024-01&end=2025-01"), 5002, 400);
    await expectError(kit.api(0, "/devices/report/liveness/history?cycle=year&start=2024&end=2025"), 5002, 400);
    await expectError(kit.api(0, "/devices/report/liveness/history?cycle=date&start=2025-01-01"), 5002, 400);
    const gid = kit.samples[0].root_gid;
    const tree = await kit.json<Record<string, Json>>(await kit.api(0, "/device_groups"));
    const child = Object.keys(tree[String(gid)])[0];
    const g = await kit.json<Json>(await kit.api(0, `/devices/report/liveness/history?cycle=date&start=${y}&end=${y}&gid=${child}`));
    expect(g.gid).toBe(child);
  });

  it("activation (unspecified upstream) mirrors liveness history", async () => {
    const y = yesterday();
    const body = await kit.json<Json & { data: Json[] }>(
      await kit.api(0, `/devices/report/activation?cycle=month&start=${y.slice(0, 7)}&end=${y.slice(0, 7)}`),
    );
    expectKeys(body, ["start", "gid", "end", "data", "cycle"]);
    expectKeys(body.data[0], ["count", "location", "month"]);
  });

  it("realtime on both paths: count {faulty, activated, alert} and nested count objects", async () => {
    for (const path of ["/devices/report/rt", "/devices/report/devices/report/rt"]) {
      const body = await kit.json<{ count: Json; location: Record<string, Json> }>(await kit.api(0, path));
      expectKeys(body, ["count", "gid", "location"]);
      expectKeys(body.count, ["faulty", "activated", "alert"]);
      expect(body.location.China).toHaveProperty("count.activated");
    }
  });

  it("fault/alert device and event reports with per-datapoint detail", async () => {
    for (const kind of ["fault", "alert"]) {
      const dev = await kit.json<{ count: Json; location: Record<string, Record<string, Json>> }>(
        await kit.api(0, `/${kind}/report/devices`),
      );
      expectKeys(dev, ["gid", "count", "location"]);
      expectKeys(dev.count, RESOLVED);
      expect(Number(dev.count.total)).toBeGreaterThan(0);
      expectKeys(dev.location.China.count, RESOLVED);
    }
    const fe = await kit.json<{ detail: Record<string, Json>; location: Record<string, Json> }>(await kit.api(0, "/fault/report/events"));
    expectKeys(fe, ["count", "gid", "detail", "location"]);
    expectKeys(fe.detail, ["fault_roomtemp", "fault_compressor"]);
    expectKeys(fe.detail.fault_roomtemp, RESOLVED);
    expect(fe.location.China).toHaveProperty("detail.fault_roomtemp.total");
    for (const path of ["/alert/report/events", "/fault/alert/events"]) {
      const ae = await kit.json<{ detail: Record<string, Json> }>(await kit.api(0, path));
      expectKeys(ae.detail, ["alert_full", "alert_filter"]);
    }
    // The documented alert-events path is the alert-devices one; it keeps answering devices.
    const doc = await kit.json<Json>(await kit.api(0, "/alert/report/devices"));
    expect(doc).not.toHaveProperty("detail");
  });

  it("reports reject an unknown group with 5206", async () => {
    await expectError(kit.api(0, `/devices/report/rt?gid=${"9".repeat(32)}`), 5206, 404);
  });
});
