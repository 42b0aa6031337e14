import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/auth/session";
import { useThrowawayDatabase } from "@/server/db/testing";
import { emulator, type EmulatorSample } from "@/server/gizwits/test/emulator";
import { bindingResultSchema, userDetailSchema, userSearchResultSchema, appidListSchema } from "@/lib/schemas/users";

const emu = emulator();
emu.useEnv();
useThrowawayDatabase();

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", async (orig) => ({ ...(await orig<object>()), getSessionUser: async () => session.user }));

const { auditLog, closeDb, db } = await import("@/server/db");
const registered = await import("../../../users/route");
const bound = await import("./search/route");
const detail = await import("./[uid]/route");
const bindings = await import("../bindings/route");
const appids = await import("../appids/route");

const H = { host: "c.test", origin: "http://c.test", "content-type": "application/json", "accept-language": "en" };
const call = (method: string, url: string, body?: unknown, extra: Record<string, string> = {}) =>
  new NextRequest(`http://c.test${url}`, {
    method,
    headers: { ...H, ...extra },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

let sample: EmulatorSample;
let pk: string;
let bu: NonNullable<EmulatorSample["bound_user"]>;

beforeAll(async () => {
  await db();
  session.user = { id: "u-operator", username: "operator", name: "Op", role: "operator" };
  const s = (await emu.sample()).products.find((p) => p.bound_user !== null);
  if (!s?.bound_user) throw new Error("emulator sample has no bound user");
  sample = s;
  pk = s.product_key;
  bu = s.bound_user;
});
afterAll(() => closeDb());

async function userDetail(uid: string) {
  const res = await detail.GET(call("GET", `/api/products/${pk}/users/${uid}`), ctx({ pk, uid }));
  expect(res.status).toBe(200);
  return userDetailSchema.parse(await res.json());
}

describe("user search routes", () => {
  it("finds a registered user by phone prefix and marks anonymous users", async () => {
    const all = userSearchResultSchema.parse(
      await (await registered.GET(call("GET", `/api/users?product=${pk}&page_size=100`), ctx())).json(),
    );
    expect(all.users.some((u) => u.isAnonymous && u.username === null)).toBe(true);
    const withPhone = all.users.find((u) => u.phone);
    expect(withPhone).toBeDefined();
    const res = await registered.GET(call("GET", `/api/users?product=${pk}&type=phone&val=${withPhone!.phone}`), ctx());
    const found = userSearchResultSchema.parse(await res.json());
    expect(found.users.map((u) => u.uid)).toContain(withPhone!.uid);
    expect(found.users.every((u) => u.phone?.startsWith(withPhone!.phone!))).toBe(true);
  });

  it("answers an unknown product with 404 and an unconfigured appid with 400, before any upstream call", async () => {
    expect((await registered.GET(call("GET", "/api/users?product=nope"), ctx())).status).toBe(404);
    const before = (await emu.stats()).calls;
    const res = await registered.GET(call("GET", `/api/users?product=${pk}&appid=notanapp`), ctx());
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("notanapp");
    expect((await emu.stats()).calls).toBe(before);
  });

  it("bound users by did mark the owner; by uid find the user", async () => {
    const byDid = userSearchResultSchema.parse(
      await (await bound.GET(call("GET", `/api/products/${pk}/users/search?type=did&val=${bu.did}`), ctx({ pk }))).json(),
    );
    const u = byDid.users.find((x) => x.uid === bu.uid);
    expect(u).toBeDefined();
    expect(typeof u!.isOwner).toBe("boolean");
    const byUid = userSearchResultSchema.parse(
      await (await bound.GET(call("GET", `/api/products/${pk}/users/search?type=uid&val=${bu.uid}`), ctx({ pk }))).json(),
    );
    expect(byUid.users.map((x) => x.uid)).toEqual([bu.uid]);
  });

  it("the user page holds the profile and the devices bound to the user", async () => {
    const d = await userDetail(bu.uid);
    expect(d.user?.uid).toBe(bu.uid);
    expect(d.devices.map((x) => x.did)).toContain(bu.did);
    expect(d.devicesTotal).toBeGreaterThanOrEqual(1);
  });

  it("lists the product's configured appids", async () => {
    const r = appidListSchema.parse(await (await appids.GET(call("GET", `/api/products/${pk}/appids`), ctx({ pk }))).json());
    expect(r.appids.map((a) => a.appid)).toContain(bu.appid);
  });
});

describe("bindings", () => {
  it("refuses an unconfigured appid and malformed dids with 400, unsent and unaudited", async () => {
    const before = (await emu.stats()).calls;
    const a = await bindings.POST(
      call("POST", `/api/products/${pk}/bindings`, { uid: bu.uid, appid: "other", dids: [bu.did] }),
      ctx({ pk }),
    );
    expect(a.status).toBe(400);
    const b = await bindings.POST(
      call("POST", `/api/products/${pk}/bindings`, { uid: bu.uid, appid: bu.appid, dids: ["bad did!"] }),
      ctx({ pk }),
    );
    expect(b.status).toBe(400);
    const c = await bindings.POST(call("POST", `/api/products/${pk}/bindings`, { uid: bu.uid, appid: bu.appid, dids: [] }), ctx({ pk }));
    expect(c.status).toBe(400);
    expect((await emu.stats()).calls).toBe(before);
    expect((await (await db()).select().from(auditLog)).filter((r) => r.action.startsWith("binding."))).toHaveLength(0);
  });

  it("binds a device plus an unknown did (per-did result), shows it on the user page at once, unbinds it, and audits both", async () => {
    const current = await userDetail(bu.uid);
    const extra = [...sample.online, ...sample.offline].find((d) => !current.devices.some((x) => x.did === d.did));
    if (!extra) throw new Error("no spare device in the sample");
    const unknown = "NoSuchDid0000000000000";
    const body = { uid: bu.uid, appid: bu.appid, dids: [extra.did, unknown] };
    const bindRes = await bindings.POST(
      call("POST", `/api/products/${pk}/bindings`, body, { "idempotency-key": "test-bind-0001" }),
      ctx({ pk }),
    );
    expect(bindRes.status).toBe(200);
    expect(bindingResultSchema.parse(await bindRes.json())).toEqual({ success: [extra.did], failed: [unknown] });
    try {
      expect((await userDetail(bu.uid)).devices.map((x) => x.did)).toContain(extra.did);

      // A double submit answers from the first result without writing again.
      const before = (await emu.stats()).callsByPath;
      const replay = await bindings.POST(
        call("POST", `/api/products/${pk}/bindings`, body, { "idempotency-key": "test-bind-0001" }),
        ctx({ pk }),
      );
      expect(bindingResultSchema.parse(await replay.json())).toEqual({ success: [extra.did], failed: [unknown] });
      expect((await emu.stats()).callsByPath).toEqual(before);
    } finally {
      const un = await bindings.DELETE(
        call("DELETE", `/api/products/${pk}/bindings`, { uid: bu.uid, appid: bu.appid, dids: [extra.did] }),
        ctx({ pk }),
      );
      expect(bindingResultSchema.parse(await un.json())).toEqual({ success: [extra.did], failed: [] });
    }
    expect((await userDetail(bu.uid)).devices.map((x) => x.did)).not.toContain(extra.did);
    const rows = (await (await db()).select().from(auditLog).orderBy(auditLog.id)).filter((r) => r.action.startsWith("binding."));
    expect(rows.map((r) => [r.action, r.status, r.target])).toEqual([
      ["binding.create", "ok", bu.uid],
      ["binding.delete", "ok", bu.uid],
    ]);
  });

  it("is refused to a manager (403) without an upstream call", async () => {
    session.user = { id: "u-manager", username: "manager", name: "Mgr", role: "manager" };
    try {
      const before = (await emu.stats()).calls;
      const res = await bindings.POST(
        call("POST", `/api/products/${pk}/bindings`, { uid: bu.uid, appid: bu.appid, dids: [bu.did] }),
        ctx({ pk }),
      );
      expect(res.status).toBe(403);
      expect((await emu.stats()).calls).toBe(before);
    } finally {
      session.user = { id: "u-operator", username: "operator", name: "Op", role: "operator" };
    }
  });
});
