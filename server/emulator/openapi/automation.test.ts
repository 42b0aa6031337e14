/**
 * Contract tests, 设备分组 / 用户场景 / 定时任务: app group CRUD, members and group control with
 * per-device results; scenes (both documented body forms) and their tasks; device schedulers and
 * the common scheduler (UTC date/time/repeat/days/start/end/enabled), run by the emulator's clock
 * through POST /__emulator/openapi/scheduler/run — a due schedule changes the device like a control.
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

async function userWith(n: number, dids: string[], appid = kit.appid(n)): Promise<{ token: string; uid: string }> {
  const s = await kit.register(appid);
  for (const k of new Set(dids.map((d) => kit.tenant.products.findIndex((p) => p.product_key === pkOf(d))))) {
    const mine = dids.filter((d) => pkOf(d) === pk(k));
    const res = await kit.api(k, "/devices/bindings", { method: "POST", body: { uid: s.uid, appid, dids: mine } });
    expect(res.status).toBe(201);
  }
  return s;
}

const owners = new Map<string, string>();
const macs = new Map<string, string>();
function macOf(did: string): string {
  const m = macs.get(did);
  if (!m) throw new Error(`no mac for ${did}`);
  return m;
}
function pkOf(did: string): string {
  const known = owners.get(did);
  if (known) return known;
  for (const [n, smp] of kit.samples.entries()) {
    for (const list of [smp.online, smp.offline, smp.disabled, smp.faulty, smp.alerting]) if (list.some((d) => d.did === did)) return pk(n);
  }
  throw new Error(`unknown sample did ${did}`);
}

async function free(n: number): Promise<string> {
  const d = await kit.freeDevice(n);
  owners.set(d.did, pk(n));
  macs.set(d.did, d.mac);
  return d.did;
}

/** The device's latest status, read once any control sent just before was acknowledged. */
const latest = async (did: string, appid = kit.appid(0)) => {
  await acknowledged();
  return (await json<{ attr: Json }>(kit.call(`/app/devdata/${did}/latest`, { appid }))).attr;
};

describe("app groups", () => {
  it("CRUD: create (201 {id}), list with the example's keys, rename, delete; 9015 unknown group", async () => {
    const s = await kit.register();
    const res = await kit.call("/app/group", { method: "POST", token: s.token, body: { product_key: pk(0), group_name: "客厅" } });
    expect(res.status).toBe(201);
    const { id } = await json<{ id: string }>(res);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    await kit.call("/app/group", { method: "POST", token: s.token, body: { group_name: "混合" } });
    const list = await json<Json[]>(kit.call("/app/group", { token: s.token }));
    expect(list).toHaveLength(2);
    expectKeys(list[0], ["created_at", "updated_at", "product_key", "group_name", "verbose_name", "id"]);
    expect(list.find((g) => g.id === id)).toMatchObject({
      product_key: pk(0),
      group_name: "客厅",
      verbose_name: "Smart Air Conditioner / 智能空调",
    });
    expect(list.find((g) => g.id !== id)).toMatchObject({ product_key: "", verbose_name: "" });
    expect((await kit.call(`/app/group/${id}`, { method: "PUT", token: s.token, body: { group_name: "卧室" } })).status).toBe(200);
    expect((await json<Json[]>(kit.call("/app/group", { token: s.token }))).find((g) => g.id === id)?.group_name).toBe("卧室");
    expect((await kit.call(`/app/group/${id}`, { method: "DELETE", token: s.token })).status).toBe(200);
    await expectAppError(kit.call(`/app/group/${id}/devices`, { token: s.token }), 9015, 400);
    await expectAppError(
      kit.call("/app/group", { method: "POST", token: s.token, body: { product_key: pk(1), group_name: "x" } }),
      9002,
      400,
    );
    await expectAppError(kit.call("/app/group", { method: "POST", token: s.token, body: {} }), 9015, 400);
    // Another user's group does not exist for me.
    const other = await kit.register();
    const g2 = await json<{ id: string }>(kit.call("/app/group", { method: "POST", token: other.token, body: { group_name: "他的" } }));
    await expectAppError(kit.call(`/app/group/${g2.id}`, { method: "DELETE", token: s.token }), 9015, 400);
  });

  it("members: add with per-did failures (show_detail), list, remove", async () => {
    const a = await free(0);
    const b = await free(0);
    const s = await userWith(0, [a, b]);
    const { id } = await json<{ id: string }>(
      kit.call("/app/group", { method: "POST", token: s.token, body: { product_key: pk(0), group_name: "g" } }),
    );
    const unbound = await free(0);
    const res = await json<Json>(
      kit.call(`/app/group/${id}/devices?show_detail=1`, { method: "POST", token: s.token, body: { dids: [a, b, unbound, "nope"] } }),
    );
    expect(res.success).toEqual([a, b]);
    expect(res.failed).toEqual([unbound, "nope"]);
    expect((res.detail as Json[]).map((d) => d.error_code)).toEqual([9017, 9014]);
    expectKeys((res.detail as Json[])[0], ["did", "error_message", "error_code", "detail_msg"]);
    const plain = await json<Json>(kit.call(`/app/group/${id}/devices`, { method: "POST", token: s.token, body: { dids: [unbound] } }));
    expectKeys(plain, ["failed", "success"]);
    const members = await json<Json[]>(kit.call(`/app/group/${id}/devices`, { token: s.token }));
    expect(members.map((m) => m.did)).toEqual([a, b]);
    expectKeys(members[0], ["did", "type", "verbose_name", "dev_alias", "product_key"]);
    expect(await json(kit.call(`/app/group/${id}/devices`, { method: "DELETE", token: s.token, body: { dids: [a, "nope"] } }))).toEqual({
      failed: ["nope"],
      success: [a],
    });
    expect((await json<Json[]>(kit.call(`/app/group/${id}/devices`, { token: s.token }))).map((m) => m.did)).toEqual([b]);
  });

  it("a single-product group refuses another product's device (9002); a mixed group cannot be controlled (9002)", async () => {
    const superAppid = kit.meta.apps.find((x) => x.super)?.appid ?? "";
    const ac = await free(0);
    const meter = await free(1);
    // The super AppID is not an app of any one product, so its user binds by MAC (signed).
    const s = await kit.register(superAppid);
    for (const [n, did] of [[0, ac] as const, [1, meter] as const]) {
      const bind = await kit.call("/app/bind_mac", {
        method: "POST",
        appid: superAppid,
        token: s.token,
        headers: kit.signed(pk(n)),
        body: { product_key: pk(n), mac: macOf(did) },
      });
      expect(bind.status).toBe(201);
    }
    const single = await json<{ id: string }>(
      kit.call("/app/group", { method: "POST", appid: superAppid, token: s.token, body: { product_key: pk(0), group_name: "ac" } }),
    );
    const res = await json<Json>(
      kit.call(`/app/group/${single.id}/devices?show_detail=1`, {
        method: "POST",
        appid: superAppid,
        token: s.token,
        body: { dids: [ac, meter] },
      }),
    );
    expect(res.success).toEqual([ac]);
    expect((res.detail as Json[])[0].error_code).toBe(9002);
    const mixed = await json<{ id: string }>(
      kit.call("/app/group", { method: "POST", appid: superAppid, token: s.token, body: { group_name: "mixed" } }),
    );
    await kit.call(`/app/group/${mixed.id}/devices`, { method: "POST", appid: superAppid, token: s.token, body: { dids: [ac, meter] } });
    await expectAppError(
      kit.call(`/app/group/${mixed.id}/control`, { method: "POST", appid: superAppid, token: s.token, body: { attrs: { switch: true } } }),
      9002,
      400,
    );
  });

  it("group control answers [{did, result}]: offline and disabled members false, the online one changes state", async () => {
    const on = await free(0);
    const off = kit.samples[0].offline[0].did;
    const dis = kit.samples[0].disabled[0].did;
    const s = await userWith(0, [on, off, dis]);
    const { id } = await json<{ id: string }>(
      kit.call("/app/group", { method: "POST", token: s.token, body: { product_key: pk(0), group_name: "all" } }),
    );
    await kit.call(`/app/group/${id}/devices`, { method: "POST", token: s.token, body: { dids: [on, off, dis] } });
    const target = (await latest(on)).set_temp === 18 ? 19 : 18;
    const res = await kit.call(`/app/group/${id}/control`, { method: "POST", token: s.token, body: { attrs: { set_temp: target } } });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual([
      { did: on, result: true },
      { did: off, result: false },
      { did: dis, result: false },
    ]);
    expect((await latest(on)).set_temp).toBe(target);
    await expectAppError(
      kit.call(`/app/group/${id}/control`, { method: "POST", token: s.token, body: { attrs: { set_temp: 99 } } }),
      9025,
      400,
    );
  });

  it("remote control off: every member of a sensor group reports false", async () => {
    const sensor = await free(2);
    const s = await userWith(2, [sensor]);
    const { id } = await json<{ id: string }>(
      kit.call("/app/group", { method: "POST", appid: kit.appid(2), token: s.token, body: { product_key: pk(2), group_name: "s" } }),
    );
    await kit.call(`/app/group/${id}/devices`, { method: "POST", appid: kit.appid(2), token: s.token, body: { dids: [sensor] } });
    expect(
      await json(
        kit.call(`/app/group/${id}/control`, { method: "POST", appid: kit.appid(2), token: s.token, body: { attrs: { led: true } } }),
      ),
    ).toEqual([{ did: sensor, result: false }]);
  });
});

describe("scenes", () => {
  it("create (tasks array or flat task), list with task keys, run → status 1, update by PUT and POST, delete; 9220 / 9221", async () => {
    const on = await free(0);
    const s = await userWith(0, [on]);
    const { id: gid } = await json<{ id: string }>(
      kit.call("/app/group", { method: "POST", token: s.token, body: { product_key: pk(0), group_name: "g" } }),
    );
    await kit.call(`/app/group/${gid}/devices`, { method: "POST", token: s.token, body: { dids: [on] } });
    const created = await kit.call("/app/scene", {
      method: "POST",
      token: s.token,
      body: {
        scene_name: "回家",
        remark: "备注",
        tasks: [
          { task_type: "device", did: on, attrs: { switch: true, mode: 2 } },
          { task_type: "delay", time: 0 },
          { task_type: "group", group_id: gid, attrs: { fan_speed: 1 } },
        ],
      },
    });
    expect(created.status).toBe(201);
    const { id } = await json<{ id: string }>(created);
    const flat = await kit.call("/app/scene", {
      method: "POST",
      token: s.token,
      body: { scene_name: "离家", task_type: "device", did: on, attrs: { switch: false } },
    });
    expect(flat.status).toBe(201);
    const list = await json<Json[]>(kit.call("/app/scene", { token: s.token }));
    expect(list).toHaveLength(2);
    const scene = list.find((x) => x.id === id) as Json;
    expectKeys(scene, ["remark", "tasks", "created_at", "updated_at", "scene_name", "id"]);
    const tasks = scene.tasks as Json[];
    expect(tasks).toHaveLength(3);
    expectKeys(tasks[0], [
      "task_type",
      "did",
      "product_key",
      "group_name",
      "raw",
      "attrs",
      "dev_remark",
      "time",
      "group_id",
      "verbose_name",
      "dev_alias",
    ]);
    expect(tasks[2]).toMatchObject({ task_type: "group", group_id: gid, group_name: "g", product_key: pk(0) });
    expect(await json(kit.call(`/app/scene/${id}/task`, { token: s.token }))).toEqual({ status: 3 });
    expect((await kit.call(`/app/scene/${id}/task`, { method: "POST", token: s.token })).status).toBe(200);
    expect(await json(kit.call(`/app/scene/${id}/task`, { token: s.token }))).toEqual({ status: 1 });
    expect(await latest(on)).toMatchObject({ switch: 1, mode: "制热", fan_speed: "中风" });
    for (const method of ["PUT", "POST"]) {
      expect((await kit.call(`/app/scene/${id}`, { method, token: s.token, body: { scene_name: `改名${method}` } })).status).toBe(200);
      expect((await json<Json[]>(kit.call("/app/scene", { token: s.token }))).find((x) => x.id === id)?.scene_name).toBe(`改名${method}`);
    }
    const other = await kit.register();
    await expectAppError(kit.call(`/app/scene/${id}/task`, { token: other.token }), 9221, 400);
    await expectAppError(kit.call("/app/scene/000000000000000000000000/task", { token: s.token }), 9220, 404);
    await expectAppError(
      kit.call("/app/scene", { method: "POST", token: s.token, body: { scene_name: "x", tasks: [{ task_type: "delay", time: 4000 }] } }),
      9015,
      400,
    );
    await expectAppError(
      kit.call("/app/scene", {
        method: "POST",
        token: s.token,
        body: { scene_name: "x", tasks: [{ task_type: "device", did: on, attrs: { nope: 1 } }] },
      }),
      9025,
      400,
    );
    expect((await kit.call(`/app/scene/${id}`, { method: "DELETE", token: s.token })).status).toBe(200);
    await expectAppError(kit.call(`/app/scene/${id}`, { method: "DELETE", token: s.token }), 9220, 404);
  });
});

describe("schedulers", () => {
  const utc = (ts: number) => {
    const d = new Date(ts * 1000).toISOString();
    return { date: d.slice(0, 10), time: d.slice(11, 16) };
  };
  const run = (at: number, id?: string) =>
    fetch(`${kit.url}/__emulator/openapi/scheduler/run`, { method: "POST", body: JSON.stringify({ at, ...(id ? { id } : {}) }) });

  it("a one-off device schedule (UTC date + time) runs when the clock reaches it: the change shows in /v1 data and cmd", async () => {
    const did = await free(0);
    const s = await userWith(0, [did]);
    const due = Math.floor(Date.now() / 1000) + 180;
    const target = (await latest(did)).set_temp === 27 ? 28 : 27;
    const created = await kit.call(`/app/devices/${did}/scheduler`, {
      method: "POST",
      token: s.token,
      body: { ...utc(due), repeat: "none", attrs: { set_temp: target }, remark: "备注", enabled: true },
    });
    expect(created.status).toBe(201);
    const { id } = await json<{ id: string }>(created);
    const list = await json<Json[]>(kit.call(`/app/devices/${did}/scheduler`, { token: s.token }));
    expect(list).toHaveLength(1);
    expectKeys(list[0], [
      "remark",
      "repeat",
      "end_date",
      "did",
      "created_at",
      "enabled",
      "days",
      "product_key",
      "id",
      "raw",
      "attrs",
      "time",
      "date",
      "start_date",
    ]);
    expect(list[0]).toMatchObject({ id, did, product_key: pk(0), repeat: "none", ...utc(due), enabled: true, attrs: { set_temp: target } });
    // Not due yet.
    expect((await json<{ runs: { id: string }[] }>(run(due - 120))).runs.map((r) => r.id)).not.toContain(id);
    expect((await latest(did)).set_temp).not.toBe(target);
    const fired = await json<{ runs: { id: string; results: Json[] }[] }>(run(due + 30));
    expect(fired.runs.find((r) => r.id === id)).toEqual({
      id,
      occurrence: Math.floor(due / 60) * 60,
      results: [{ did, result: true, error: null }],
    });
    expect((await latest(did)).set_temp).toBe(target);
    const data = await json<{ objects: { attrs: Json }[] }>(kit.api(0, `/devices/${did}/data?limit=1`));
    expect(data.objects[0].attrs.set_temp).toBe(target);
    expect((await json<{ objects: { type: string }[] }>(kit.api(0, `/devices/${did}/cmd?limit=2`))).objects.map((o) => o.type)).toEqual([
      "dev2app",
      "app2dev",
    ]);
    // A one-off schedule runs once.
    expect((await json<{ runs: { id: string }[] }>(run(due + 3600))).runs.map((r) => r.id)).not.toContain(id);
  });

  it("weekly and monthly-day repeats with start/end dates; disabled schedules do not run; PUT, DELETE, 9030", async () => {
    const did = await free(0);
    const s = await userWith(0, [did]);
    const now = Math.floor(Date.now() / 1000);
    const wd = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][new Date((now + 86400) * 1000).getUTCDay()];
    const { id } = await json<{ id: string }>(
      kit.call(`/app/devices/${did}/scheduler`, {
        method: "POST",
        token: s.token,
        body: { time: "03:00", repeat: `${wd}`, attrs: { switch: true } },
      }),
    );
    const tomorrow3 = Math.floor(now / 86400 + 1) * 86400 + 3 * 3600;
    // (The demo users' schedules may be due in the same window; only ours is asserted.)
    expect((await json<{ runs: { id: string }[] }>(run(tomorrow3 + 60))).runs.map((r) => r.id)).toContain(id);
    // Edit: disabled → nothing runs a week later.
    expect(
      await json(kit.call(`/app/devices/${did}/scheduler/${id}`, { method: "PUT", token: s.token, body: { enabled: false } })),
    ).toEqual({ id });
    expect((await json<{ runs: { id: string }[] }>(run(tomorrow3 + 7 * 86400 + 60))).runs.map((r) => r.id)).not.toContain(id);
    const monthly = await kit.call(`/app/devices/${did}/scheduler`, {
      method: "POST",
      token: s.token,
      body: { time: "01:30", repeat: "day", days: ["1", 15], start_date: "2020-01-01", end_date: "2099-12-31", attrs: { switch: false } },
    });
    expect(monthly.status).toBe(201);
    const mid = (await json<{ id: string }>(monthly)).id;
    const got = (await json<Json[]>(kit.call(`/app/devices/${did}/scheduler`, { token: s.token }))).find((x) => x.id === mid);
    expect(got).toMatchObject({ repeat: "day", days: [1, 15], start_date: "2020-01-01", end_date: "2099-12-31" });
    // Paging.
    expect(await json<Json[]>(kit.call(`/app/devices/${did}/scheduler?limit=1&skip=1`, { token: s.token }))).toHaveLength(1);
    expect((await kit.call(`/app/devices/${did}/scheduler/${id}`, { method: "DELETE", token: s.token })).status).toBe(200);
    await expectAppError(kit.call(`/app/devices/${did}/scheduler/${id}`, { method: "DELETE", token: s.token }), 9030, 404);
    await expectAppError(
      kit.call(`/app/devices/${did}/scheduler/${id}`, { method: "PUT", token: s.token, body: { enabled: true } }),
      9030,
      404,
    );
  });

  it("9015 for bad timing (repeat none without date, bad time, bad weekday, days out of range); 9025 bad attrs; 9017 unbound device", async () => {
    const did = await free(0);
    const s = await userWith(0, [did]);
    const post = (body: Json, token = s.token) => kit.call(`/app/devices/${did}/scheduler`, { method: "POST", token, body });
    await expectAppError(post({ time: "10:00", repeat: "none", attrs: { switch: true } }), 9015, 400);
    await expectAppError(post({ time: "25:00", repeat: "mon", attrs: { switch: true } }), 9015, 400);
    await expectAppError(post({ time: "10:00", repeat: "someday", attrs: { switch: true } }), 9015, 400);
    await expectAppError(post({ time: "10:00", repeat: "day", days: [32], attrs: { switch: true } }), 9015, 400);
    await expectAppError(post({ time: "10:00", repeat: "mon" }), 9015, 400);
    await expectAppError(post({ time: "10:00", repeat: "mon", attrs: { set_temp: 99 } }), 9025, 400);
    const other = await kit.register();
    await expectAppError(post({ time: "10:00", repeat: "mon", attrs: { switch: true } }, other.token), 9017, 400);
  });

  it("common_scheduler: a group schedule runs every member with per-device results; did and scene targets; filters; 9030", async () => {
    const on = await free(0);
    const off = kit.samples[0].offline[1]?.did ?? kit.samples[0].offline[0].did;
    const s = await userWith(0, [on, off]);
    const { id: gid } = await json<{ id: string }>(
      kit.call("/app/group", { method: "POST", token: s.token, body: { product_key: pk(0), group_name: "g" } }),
    );
    await kit.call(`/app/group/${gid}/devices`, { method: "POST", token: s.token, body: { dids: [on, off] } });
    const due = Math.floor(Date.now() / 1000) + 240;
    const target = (await latest(on)).set_temp === 20 ? 21 : 20;
    const created = await kit.call("/app/common_scheduler", {
      method: "POST",
      token: s.token,
      body: { group_id: gid, ...utc(due), repeat: "none", attrs: { set_temp: target } },
    });
    expect(created.status).toBe(201);
    const { id } = await json<{ id: string }>(created);
    const { id: sceneId } = await json<{ id: string }>(
      kit.call("/app/scene", {
        method: "POST",
        token: s.token,
        body: { scene_name: "s", task_type: "device", did: on, attrs: { switch: true } },
      }),
    );
    const byScene = await json<{ id: string }>(
      kit.call("/app/common_scheduler", {
        method: "POST",
        token: s.token,
        body: { scene_id: sceneId, time: "04:00", repeat: "sat,sun", attrs: { ignored: 1 } },
      }),
    );
    const byDid = await json<{ id: string }>(
      kit.call("/app/common_scheduler", {
        method: "POST",
        token: s.token,
        body: { did: on, time: "05:00", repeat: "day", days: [2], raw: "0102" },
      }),
    );
    const all = await json<Json[]>(kit.call("/app/common_scheduler", { token: s.token }));
    expect(all.map((x) => x.id).sort()).toEqual([id, byScene.id, byDid.id].sort());
    expectKeys(all[0], [
      "remark",
      "repeat",
      "end_date",
      "did",
      "created_at",
      "enabled",
      "days",
      "product_key",
      "id",
      "raw",
      "attrs",
      "time",
      "date",
      "scene_id",
      "group_id",
      "start_date",
    ]);
    expect((await json<Json[]>(kit.call(`/app/common_scheduler?group_id=${gid}`, { token: s.token }))).map((x) => x.id)).toEqual([id]);
    expect((await json<Json[]>(kit.call(`/app/common_scheduler?scene_id=${sceneId}`, { token: s.token }))).map((x) => x.id)).toEqual([
      byScene.id,
    ]);
    expect(await json<Json[]>(kit.call("/app/common_scheduler?limit=2&skip=2", { token: s.token }))).toHaveLength(1);
    const fired = await json<{ runs: { id: string; results: Json[] }[] }>(run(due + 10, id));
    expect(fired.runs[0].results).toEqual([
      { did: on, result: true, error: null },
      { did: off, result: false, error: 9042 },
    ]);
    expect((await latest(on)).set_temp).toBe(target);
    expect(await json(kit.call(`/app/common_scheduler/${id}`, { method: "PUT", token: s.token, body: { remark: "改" } }))).toEqual({ id });
    expect((await kit.call(`/app/common_scheduler/${id}`, { method: "DELETE", token: s.token })).status).toBe(200);
    await expectAppError(kit.call(`/app/common_scheduler/${id}`, { method: "DELETE", token: s.token }), 9030, 404);
    await expectAppError(
      kit.call("/app/common_scheduler", {
        method: "POST",
        token: s.token,
        body: { time: "04:00", repeat: "mon", attrs: { switch: true } },
      }),
      9015,
      400,
    );
  });

  it("the demo users' schedules are listed on /__emulator/openapi/scheduler with their next run", async () => {
    const view = await json<{ clock: number; schedules: Json[] }>(fetch(`${kit.url}/__emulator/openapi/scheduler`));
    expect(view.schedules.length).toBeGreaterThanOrEqual(8);
    const weekly = view.schedules.find((x) => x.repeat === "mon,tue,wed,thu,fri");
    expect(typeof weekly?.next_run).toBe("number");
    expect(weekly?.next_run as number).toBeGreaterThan(view.clock);
  });
});
