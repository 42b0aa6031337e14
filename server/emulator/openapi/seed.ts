/**
 * Demo app users, deterministic from the tenant seed: for every AppID, `demo_alice` (binds three
 * devices, shares one with bob and invites carol to another on sharing products, owns an app
 * group, a device schedule, a common schedule on the group, a scene and a linkage rule),
 * `demo_bob` (alice's guest, or a normal co-binder on the water meter) and `demo_carol` (a pending
 * invitation); the super AppID gets `demo_super` bound to one device of each product. All share
 * the password DEMO_PASSWORD. Devices are the first enabled, unbound ones of each product, so the
 * same seed gives the same users, uids, devices and record ids.
 */
import type { Ctx } from "../http";
import type { RawState } from "../products";
import type { EmulatorState } from "../state";
import { CLS_DISABLED, type ProductState } from "../tenant";
import { bindDevice } from "./bindings";
import type { AppCtx } from "./context";
import { hashPassword, SUPER_APPID, type AppInfo, type AppStore, type UserRec } from "./store";

export const DEMO_PASSWORD = "Demo-pass-2026";

const ALIASES = ["客厅", "卧室", "书房"];

function freeDevices(state: EmulatorState, p: ProductState, n: number): number[] {
  const t = state.tenant;
  const out: number[] = [];
  for (let i = p.start; i < p.end && out.length < n; i++) if (t.owner[i] < 0 && (t.cls[i] & 3) !== CLS_DISABLED) out.push(i);
  return out;
}

/** A harmless command for the product: its first writable bool (or the first enum's first label). */
function sampleAttrs(p: ProductState, on: boolean): Record<string, unknown> {
  const b = p.def.attrs.find((a) => a.type === "status_writable" && a.data_type === "bool");
  if (b) return { [b.name]: on };
  const e = p.def.attrs.find((a) => a.type === "status_writable" && a.data_type === "enum");
  return e ? { [e.name]: e.enum?.[0] ?? 0 } : {};
}

function numericAttr(p: ProductState): string {
  return p.def.attrs.find((a) => a.data_type.startsWith("uint") && a.type !== "status_writable")?.name ?? p.def.attrs[0].name;
}

export function seedDemo(state: EmulatorState, store: AppStore): void {
  const t = state.tenant;
  const now = t.builtAt;
  const ctxFor = (app: AppInfo): AppCtx => {
    const base: Ctx = { method: "SEED", path: "", query: new URLSearchParams(), params: {}, headers: {}, rawBody: "", remote: "", now };
    return { ...base, state, store, app };
  };
  const user = (app: AppInfo, name: string, k: number, n: number): UserRec => {
    const rec = store.createUser(
      app,
      {
        username: `demo_${name}`,
        phone: `1380000${String(k).padStart(2, "0")}${String(n).padStart(2, "0")}`,
        email: `${name}.${k}@demo.gizwits.test`,
        lang: "zh-cn",
        name,
      },
      now,
    );
    rec.passwordHash = hashPassword(rec.uid, DEMO_PASSWORD);
    return rec;
  };

  let k = 0;
  for (const app of store.apps.values()) {
    if (app.superApp) continue;
    k++;
    const p = t.products[app.products[0]];
    const c = ctxFor(app);
    const alice = user(app, "alice", k, 1);
    const bob = user(app, "bob", k, 2);
    const carol = user(app, "carol", k, 3);
    const devices = freeDevices(state, p, 3);
    devices.forEach((i, n) => {
      bindDevice(c, alice, i, false, { dev_alias: `${ALIASES[n]}${p.def.name}`, remark: n === 0 ? "demo" : "" });
    });
    const [d1, d2] = devices;
    if (d1 === undefined || d2 === undefined) continue;
    if (store.sharingEnabled(p)) {
      store.ownerMode.set(d1, true);
      store.ownerMode.set(d2, true);
      const accepted = store.nextSharingId();
      t.bind(d1, bob.u);
      store.setMeta(d1, bob.u, { createdAt: now }, now);
      store.addSharing({
        id: accepted,
        type: 0,
        device: d1,
        owner: alice.u,
        guest: bob.u,
        status: 1,
        code: null,
        duration: null,
        acceptedAt: now,
        userAlias: "Bob",
        createdAt: now,
        updatedAt: now,
        expiredAt: now + 86400,
      });
      store.notify(alice.u, 1, `您给 138****${bob.phone?.slice(-4)} 共享了设备 ${ALIASES[0]}${p.def.name}!`, now);
      store.notify(bob.u, 1, `138****${alice.phone?.slice(-4)} 给您共享了设备 ${ALIASES[0]}${p.def.name}!`, now);
      const pending = store.nextSharingId();
      store.addSharing({
        id: pending,
        type: 0,
        device: d2,
        owner: alice.u,
        guest: carol.u,
        status: 0,
        code: null,
        duration: 60,
        acceptedAt: null,
        userAlias: null,
        createdAt: now,
        updatedAt: now,
        expiredAt: now + 86400,
      });
      store.notify(carol.u, 1, `138****${alice.phone?.slice(-4)} 给您共享了设备 ${ALIASES[1]}${p.def.name}!`, now);
    } else {
      bindDevice(c, bob, d1, false, { dev_alias: "家里的表" });
    }
    const groupId = store.objectId();
    store.addGroup({
      id: groupId,
      owner: alice.u,
      appid: app.appid,
      productKey: p.def.key,
      name: `全部${p.def.name}`,
      devices: [d1, d2],
      createdAt: now,
      updatedAt: now,
    });
    const schedule = (
      api: "device" | "common",
      target: { did?: string; groupId?: string },
      attrs: RawState | Record<string, unknown>,
      timing: { repeat: string; days: number[]; time: string },
    ) =>
      store.addSchedule({
        id: store.objectId(),
        api,
        owner: alice.u,
        did: target.did ?? "",
        groupId: target.groupId ?? "",
        sceneId: "",
        productKey: p.def.key,
        raw: "",
        attrs,
        date: "",
        time: timing.time,
        repeat: timing.repeat,
        days: timing.days,
        startDate: "",
        endDate: "",
        enabled: true,
        remark: api === "device" ? "工作日晚上关" : "每月 1 日和 15 日开",
        createdAt: now,
        lastRun: now,
        runs: [],
      });
    schedule("device", { did: t.did(d1) }, sampleAttrs(p, false), { repeat: "mon,tue,wed,thu,fri", days: [], time: "14:30" });
    schedule("common", { groupId }, sampleAttrs(p, true), { repeat: "day", days: [1, 15], time: "00:00" });
    store.addScene({
      id: store.objectId(),
      owner: alice.u,
      name: "回家",
      remark: "demo",
      tasks: [
        { task_type: "device", did: t.did(d1), group_id: "", time: 0, attrs: sampleAttrs(p, true), raw: "" },
        { task_type: "delay", did: "", group_id: "", time: 5, attrs: null, raw: "" },
        { task_type: "group", did: "", group_id: groupId, time: 0, attrs: sampleAttrs(p, true), raw: "" },
      ],
      createdAt: now,
      updatedAt: now,
      status: 3,
    });
    store.addRule({
      rule_id: store.nextRuleId(),
      owner: alice.u,
      body: {
        remark: "",
        name: "上线后联动",
        did: t.did(d1),
        interval: 0,
        product_key: p.def.key,
        event: "data",
        input: [{ did: t.did(d1), prefix: "device1", product_key: p.def.key }],
        condition: [[{ opt: ">", right: "30", left: `device1.${numericAttr(p)}` }]],
        output: [[{ did: t.did(d2), type: "devctrl", attrs: sampleAttrs(p, true) }]],
      },
    });
  }

  const superApp = store.apps.get(SUPER_APPID);
  if (superApp) {
    const c = ctxFor(superApp);
    const su = user(superApp, "super", 0, 9);
    for (const p of t.products) for (const i of freeDevices(state, p, 1)) bindDevice(c, su, i, false, { dev_alias: p.def.name });
  }
}
