import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useThrowawayDatabase } from "@/server/db/testing";
import { startPrivateEmulator, type PrivateEmulator } from "./test/emulator";

/*
 * The Open API client against a real emulator of its own (it registers users, binds, controls
 * and injects faults), reached only over HTTP, with a throwaway database for the service user.
 */

// PGlite + a 2-core machine shared by parallel test files.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const emu = await startPrivateEmulator();
Object.assign(process.env, emu.env({ GIZWITS_TIMEOUT_MS: "1500" }));
useThrowawayDatabase();

const { AppError } = await import("@/server/errors");
const { closeDb, db, openapiServiceUsers } = await import("@/server/db");
const { openapi, appPath, resetOpenApiState } = await import("./client");
const { registerUser, loginUser, getCurrentUser } = await import("./users");
const { getDeviceLatest, getBoundDevice } = await import("./devices");
const { controlBoundDevice } = await import("./control");
const { bindMac, listBindings, unbindDevices } = await import("./bindings");
const svc = await import("./service-user");
const { searchDevices } = await import("@/server/gizwits/devices");
const groups = await import("./groups");
const sched = await import("./schedulers");
const { sessionSchema } = await import("./users.schema");
const { emptyAnswerSchema } = await import("./devices.schema");
const { appUserSchema } = await import("./users.schema");
const { readLiveStatus } = await import("@/server/console/live-status");
const { controlDevice } = await import("@/server/gizwits/control");
const { tags, TTL } = await import("@/server/gizwits/cache");

const logged: string[] = [];
let sample: Awaited<ReturnType<PrivateEmulator["sample"]>>;
let pk: string;
let appid: string;
let emuSharing: Set<string>;
let sharingPk: string;
let sharingPool: { did: string; mac: string }[] = [];
/** Enabled devices of the controllable product, from the Enterprise API; each test takes its own. */
let pool: { did: string; mac: string }[] = [];
/** The next unused device of the pool, switched online or offline on the emulator. */
async function take(state: "online" | "offline" = "online"): Promise<{ did: string; mac: string }> {
  const d = pool.shift();
  if (!d) throw new Error("device pool exhausted");
  await emu.control(`/devices/${d.did}/${state}`, {});
  return d;
}

async function calls(route: string): Promise<number> {
  return (await emu.stats()).callsByRoute[route] ?? 0;
}

async function rejection(p: Promise<unknown>): Promise<InstanceType<typeof AppError>> {
  const err = await p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as InstanceType<typeof AppError>;
}

/** A fresh plain app user (not the service user) with its own token source. */
async function plainUser(appidOf: string) {
  const username = `it_${Math.random().toString(36).slice(2, 10)}`;
  const session = await registerUser(appidOf, { username, password: "Test-pass-2026" });
  return {
    session,
    caller: { appid: appidOf, user: { key: username, token: async () => session.token, invalidate: async () => {} } },
  };
}

beforeAll(async () => {
  for (const m of ["warn", "error", "log", "info"] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
  await db();
  sample = await emu.sample();
  emuSharing = new Set((await emu.control<{ sharing_products: string[] }>("/openapi")).sharing_products);
  // Device sharing off: every user may bind a device (no owner to refuse them).
  const controllable = sample.products.find((p) => p.remote_control && !emuSharing.has(p.product_key));
  const sharing = sample.products.find((p) => p.remote_control && emuSharing.has(p.product_key));
  if (!controllable || !sharing) throw new Error("the emulator's tenant lacks a controllable product with and without sharing");
  pk = controllable.product_key;
  sharingPk = sharing.product_key;
  appid = svc.openApiAppidFor(pk);
  const page = await searchDevices(pk, { limit: 200 });
  pool = page.objects.filter((d) => !d.isDisabled).map((d) => ({ did: d.did, mac: d.mac }));
  sharingPool = (await searchDevices(sharingPk, { limit: 200 })).objects
    .filter((d) => !d.isDisabled)
    .map((d) => ({ did: d.did, mac: d.mac }));
});

beforeEach(async () => {
  await emu.control("/config", { latencyMs: 0, errorRate: 0, hang: false, faultPath: "" });
  resetOpenApiState();
});

afterAll(async () => {
  await closeDb();
  await emu.stop();
  // Nothing secret ever reached a log line.
  const rows = logged.join("\n");
  for (const p of emu.tenant.products) expect(rows).not.toContain(p.product_secret);
  expect(rows).not.toContain("Test-pass-2026");
});

/**
 * The device reports its new values a moment after it takes a command (the emulator: 1 ms later);
 * a status read in the same millisecond as the control's answer would still see the old ones.
 */
const acknowledged = () => new Promise((r) => setTimeout(r, 10));

describe("users", () => {
  it("registers, logs in (a new token each time) and reads the profile", async () => {
    const { session, caller } = await plainUser(appid);
    expect(session.uid).toMatch(/\S/);
    expect(session.expireAt).toBeGreaterThan(Date.now() / 1000);
    const again = await loginUser(appid, { username: caller.user.key, password: "Test-pass-2026" });
    expect(again.uid).toBe(session.uid);
    expect(again.token).not.toBe(session.token);
    const me = await getCurrentUser(caller);
    expect(me).toMatchObject({ uid: session.uid, username: caller.user.key, isAnonymous: false });
  });

  it("maps a wrong password to 9020 and an unknown AppID to a configuration error", async () => {
    const { caller } = await plainUser(appid);
    const bad = await rejection(loginUser(appid, { username: caller.user.key, password: "Wrong-pass-1" }));
    expect(bad.upstreamCode).toBe(9020);
    const unknown = await rejection(loginUser("0123456789abcdef0123456789abcdef", { username: "x", password: "Test-pass-2026" }));
    expect(unknown.upstreamCode).toBe(9003);
    expect(unknown.status).toBe(502);
    expect(unknown.text["zh-CN"]).toContain("应用 ID");
  });

  it("refuses a taken username with 9019 → 409", async () => {
    const { caller } = await plainUser(appid);
    const taken = await rejection(registerUser(appid, { username: caller.user.key, password: "Test-pass-2026" }));
    expect(taken).toMatchObject({ upstreamCode: 9019, status: 409, code: "CONFLICT" });
  });
});

describe("devices: bind, read, control", () => {
  it("binds by MAC with a signature, lists the binding, reads detail, controls and sees the change in latest", async () => {
    const dev = await take();
    const { caller } = await plainUser(appid);
    const bound = await bindMac(caller, { productKey: pk, mac: dev.mac });
    expect(bound).toMatchObject({ did: dev.did, productKey: pk });
    expect(bound.role).toMatch(/special|owner|guest|normal/);
    expect(bound).not.toHaveProperty("passcode");

    const list = await listBindings(caller);
    expect(list.devices.map((d) => d.did)).toContain(dev.did);
    const detail = await getBoundDevice(caller, dev.did);
    expect(detail.did).toBe(dev.did);

    const before = await getDeviceLatest(appid, dev.did);
    expect(before.did).toBe(dev.did);
    // A writable bool data point of this product (read from the Enterprise datapoint document).
    const { getProduct } = await import("@/server/gizwits/products");
    const { datapoints } = await getProduct(pk);
    const writableBool = (datapoints ?? []).find((a) => a.data_type === "bool" && a.type === "status_writable");
    expect(writableBool).toBeDefined();
    const current = before.attrs[writableBool!.name];
    const next = !(current === true || current === 1);
    await controlBoundDevice(caller, dev.did, { attrs: { [writableBool!.name]: next } });
    await acknowledged();
    const after = await getDeviceLatest(appid, dev.did);
    expect(Boolean(after.attrs[writableBool!.name])).toBe(next);
    expect(after.updatedAt).not.toBeNull();

    const un = await unbindDevices(caller, [dev.did]);
    expect(un.success).toEqual([dev.did]);
    expect((await listBindings(caller)).devices.map((d) => d.did)).not.toContain(dev.did);
  });

  it("refuses control of a device that is not bound (9017 → 409) and of an offline device (9042 → 409)", async () => {
    const { caller } = await plainUser(appid);
    const notBound = await rejection(controlBoundDevice(caller, (await take()).did, { raw: [1] }));
    expect(notBound).toMatchObject({ upstreamCode: 9017, status: 409 });
    const off = await take("offline");
    await bindMac(caller, { productKey: pk, mac: off.mac });
    const offline = await rejection(controlBoundDevice(caller, off.did, { raw: [1] }));
    expect(offline).toMatchObject({ upstreamCode: 9042, status: 409, code: "CONFLICT" });
    await unbindDevices(caller, [off.did]);
  });

  it("maps a bad bind signature to 9044 and a stale timestamp to 9043 (configuration errors)", async () => {
    const { caller } = await plainUser(appid);
    const { mac } = await take();
    const send = (headers: Record<string, string>) =>
      openapi({
        caller,
        userContext: true,
        method: "POST",
        path: appPath("bind_mac"),
        headers: () => headers,
        body: { product_key: pk, mac },
        schema: sessionSchema,
      });
    const now = Math.floor(Date.now() / 1000);
    const sig = await rejection(send({ "X-Gizwits-Timestamp": String(now), "X-Gizwits-Signature": "0".repeat(32) }));
    expect(sig).toMatchObject({ upstreamCode: 9044, status: 502 });
    const ts = await rejection(send({ "X-Gizwits-Timestamp": String(now - 3600), "X-Gizwits-Signature": "0".repeat(32) }));
    expect(ts.upstreamCode).toBe(9043);
  });

  it("rejects bad input before sending anything", async () => {
    const { caller } = await plainUser(appid);
    await emu.control("/stats/reset", {});
    expect((await rejection(controlBoundDevice(caller, "x", { attrs: {} }))).code).toBe("VALIDATION");
    expect((await rejection(unbindDevices(caller, []))).code).toBe("VALIDATION");
    expect((await rejection(bindMac(caller, { productKey: pk, mac: "not a mac!" }))).code).toBe("VALIDATION");
    expect(Object.keys((await emu.stats()).callsByRoute).filter((r) => r.includes("/app/"))).toEqual([]);
  });
});

describe("retries and timeouts", () => {
  it("retries a failing GET twice, then reports the upstream as unavailable", async () => {
    const did = sample.products.find((p) => p.product_key === pk)!.online[0]!.did;
    await emu.control("/config", { errorRate: 1, errorCode: 9008, faultPath: "/latest" });
    await emu.control("/stats/reset", {});
    const err = await rejection(getDeviceLatest(appid, did));
    expect(err).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", upstreamCode: 9008 });
    expect(await calls("GET /app/devdata/{did}/latest")).toBe(3);
  });

  it("sends a write once even when it fails with a transient code", async () => {
    const { caller } = await plainUser(appid);
    const did = sample.products.find((p) => p.product_key === pk)!.online[0]!.did;
    await emu.control("/config", { errorRate: 1, errorCode: 9008, faultPath: "/control" });
    await emu.control("/stats/reset", {});
    await rejection(controlBoundDevice(caller, did, { raw: [1] }));
    expect(await calls("POST /app/control/{did}")).toBe(1);
  });

  it("times out a hanging read after retries and a hanging write at once (result unknown)", async () => {
    const { caller } = await plainUser(appid);
    const did = sample.products.find((p) => p.product_key === pk)!.online[0]!.did;
    await emu.control("/config", { hang: true, faultPath: "/app/devdata" });
    const read = await rejection(getDeviceLatest(appid, did));
    expect(read).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", status: 504 });
    await emu.control("/config", { hang: true, faultPath: "/app/control" });
    const t0 = Date.now();
    const write = await rejection(controlBoundDevice(caller, did, { raw: [1] }));
    expect(write.status).toBe(504);
    expect(write.text.en).toContain("result is unknown");
    expect(Date.now() - t0).toBeLessThan(1500 * 2);
  });

  it("shares one upstream call among identical concurrent reads", async () => {
    const did = sample.products.find((p) => p.product_key === pk)!.online[0]!.did;
    await emu.control("/config", { latencyMs: 150, faultPath: "/latest" });
    await emu.control("/stats/reset", {});
    const all = await Promise.all(Array.from({ length: 10 }, () => getDeviceLatest(appid, did)));
    expect(new Set(all.map((a) => a.did))).toEqual(new Set([did]));
    expect(await calls("GET /app/devdata/{did}/latest")).toBe(1);
  });
});

describe("cached reads", () => {
  const LATEST = "GET /app/devdata/{did}/latest";

  /** A writable bool data point of the controllable product and the value that flips it on `did`. */
  async function flip(did: string): Promise<Record<string, boolean>> {
    const { getProduct } = await import("@/server/gizwits/products");
    const { datapoints } = await getProduct(pk);
    const b = (datapoints ?? []).find((a) => a.data_type === "bool" && a.type === "status_writable");
    expect(b).toBeDefined();
    const current = (await getDeviceLatest(appid, did)).attrs[b!.name];
    return { [b!.name]: !(current === true || current === 1) };
  }

  it("answers a second identical status read within the TTL from the cache: 0 upstream calls", async () => {
    const { did } = await take();
    await emu.control("/stats/reset", {});
    const first = await readLiveStatus(pk, did);
    const second = await readLiveStatus(pk, did);
    expect(await calls(LATEST)).toBe(1);
    expect(second).toMatchObject({ source: "openapi", ts: first.ts, attrs: first.attrs });
    // Several concurrent readers of a device not yet cached still make one call.
    const other = await take();
    await Promise.all(Array.from({ length: 5 }, () => readLiveStatus(pk, other.did)));
    await readLiveStatus(pk, other.did);
    expect(await calls(LATEST)).toBe(2);
    expect(TTL.deviceLatest).toBeGreaterThanOrEqual(1000);
    expect(TTL.deviceLatest).toBeLessThanOrEqual(10_000);
  });

  it("asks again once the TTL is over, and never caches a read that did not opt in", async () => {
    const { did } = await take();
    await emu.control("/stats/reset", {});
    const cache = { ttlMs: 300 };
    await getDeviceLatest(appid, did, { cache });
    await getDeviceLatest(appid, did, { cache });
    expect(await calls(LATEST)).toBe(1);
    await new Promise((r) => setTimeout(r, 350));
    await getDeviceLatest(appid, did, { cache });
    expect(await calls(LATEST)).toBe(2);
    await getDeviceLatest(appid, did);
    await getDeviceLatest(appid, did);
    expect(await calls(LATEST)).toBe(4);
  });

  it("sends the control read-back (fresh) upstream every time, and it refreshes the cached status", async () => {
    const { did, mac } = await take();
    await emu.control("/stats/reset", {});
    await readLiveStatus(pk, did);
    await readLiveStatus(pk, did, { fresh: true });
    await readLiveStatus(pk, did, { fresh: true });
    expect(await calls(LATEST)).toBe(3);
    // The value changes upstream behind the console's back (a control it did not send)…
    const { caller } = await plainUser(appid);
    await bindMac(caller, { productKey: pk, mac });
    const target = await flip(did);
    await controlBoundDevice(caller, did, { attrs: target });
    await acknowledged();
    // …a plain read still answers from the cache, the read-back sees the new value and caches it.
    const [name, value] = Object.entries(target)[0]!;
    const back = await readLiveStatus(pk, did, { fresh: true });
    expect(Boolean(back.attrs[name])).toBe(value);
    await emu.control("/stats/reset", {});
    expect(Boolean((await readLiveStatus(pk, did)).attrs[name])).toBe(value);
    expect(await calls(LATEST)).toBe(0);
    await unbindDevices(caller, [did]);
  });

  it("drops a device's cached status when the device is controlled", async () => {
    const { did } = await take();
    const target = await flip(did);
    const [name, value] = Object.entries(target)[0]!;
    await emu.control("/stats/reset", {});
    await readLiveStatus(pk, did);
    await controlDevice(pk, did, { attrs: target });
    await acknowledged();
    const after = await readLiveStatus(pk, did);
    expect(await calls(LATEST)).toBe(2);
    expect(Boolean(after.attrs[name])).toBe(value);
  });

  it("drops the members' cached live status when the group is controlled with their tags", async () => {
    const dev = await take();
    const { caller } = await plainUser(appid);
    await bindMac(caller, { productKey: pk, mac: dev.mac });
    const id = await groups.createAppGroup(caller, { name: "Invalidate", productKey: pk });
    await groups.addAppGroupDevices(caller, id, [dev.did]);
    const target = await flip(dev.did);
    const [name, value] = Object.entries(target)[0]!;
    await emu.control("/stats/reset", {});
    await readLiveStatus(pk, dev.did);
    await groups.controlAppGroup(caller, id, { attrs: target }, [tags.device(pk, dev.did)]);
    await acknowledged();
    const after = await readLiveStatus(pk, dev.did);
    expect(await calls(LATEST)).toBe(2);
    expect(Boolean(after.attrs[name])).toBe(value);
    await groups.deleteAppGroup(caller, id);
    await unbindDevices(caller, [dev.did]);
  });

  it("invalidates the tags an Open API write names, and keeps the users of user-context reads apart", async () => {
    const { did, mac } = await take();
    const { caller } = await plainUser(appid);
    await bindMac(caller, { productKey: pk, mac });
    const target = await flip(did);
    const cache = { ttlMs: 60_000, tags: [tags.device(pk, did)] };
    await emu.control("/stats/reset", {});
    await getDeviceLatest(appid, did, { cache });
    await openapi({
      caller,
      userContext: true,
      method: "POST",
      path: appPath("control", did),
      body: { attrs: target },
      schema: emptyAnswerSchema,
      invalidates: [tags.device(pk, did)],
    });
    await getDeviceLatest(appid, did, { cache });
    expect(await calls(LATEST)).toBe(2);

    const other = await plainUser(appid);
    await emu.control("/stats/reset", {});
    const read = (c: typeof caller) =>
      openapi({ caller: c, userContext: true, method: "GET", path: appPath("users"), schema: appUserSchema, cache: { ttlMs: 60_000 } });
    await read(caller);
    await read(other.caller);
    await read(caller);
    expect(await calls("GET /app/users")).toBe(2);
    await unbindDevices(caller, [did]);
  });

  it("shares one frozen parsed answer between cache hits, so no caller can change what the next one reads", async () => {
    const { did } = await take();
    const cache = { ttlMs: 60_000 };
    const a = await getDeviceLatest(appid, did, { cache });
    const b = await getDeviceLatest(appid, did, { cache });
    expect(b).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.attrs)).toBe(true);
    expect(() => {
      (a.attrs as Record<string, unknown>).injected = 1;
    }).toThrow(TypeError);
    expect((await getDeviceLatest(appid, did, { cache })).attrs).not.toHaveProperty("injected");
  });
});

describe("service user", () => {
  it("registers once for concurrent first callers and keeps uid, token and expiry in the database", async () => {
    svc.resetServiceUserState();
    await emu.control("/stats/reset", {});
    const sessions = await Promise.all(Array.from({ length: 20 }, () => svc.serviceSession(appid)));
    expect(new Set(sessions.map((s) => s.token)).size).toBe(1);
    expect((await calls("POST /app/users")) + (await calls("POST /app/login"))).toBe(1);
    const [row] = await (await db())
      .select()
      .from(openapiServiceUsers)
      .where((await import("drizzle-orm")).eq(openapiServiceUsers.appid, appid));
    expect(row).toMatchObject({
      uid: sessions[0]!.uid,
      token: sessions[0]!.token,
      username: svc.serviceUsername(emu.tenant.enterprise_id, appid),
    });
    expect(row!.password.length).toBeGreaterThanOrEqual(16);
    expect(row!.expireAt!.getTime()).toBe(sessions[0]!.expireAt * 1000);
    expect(logged.join("\n")).not.toContain(row!.password);
  });

  it("reuses the stored token after a restart without logging in", async () => {
    const first = await svc.serviceSession(appid);
    svc.resetServiceUserState();
    await emu.control("/stats/reset", {});
    const again = await svc.serviceSession(appid);
    expect(again.token).toBe(first.token);
    expect((await calls("POST /app/users")) + (await calls("POST /app/login"))).toBe(0);
  });

  it("logs in again exactly once when the token expires, and replays the refused calls", async () => {
    const dev = await take();
    await svc.bindToServiceUser(pk, dev.mac);
    await emu.control("/openapi/tokens/expire", {});
    await emu.control("/stats/reset", {});
    const pages = await Promise.all(Array.from({ length: 8 }, (_, i) => svc.serviceUserBindings(pk, { limit: 10 + i })));
    expect(pages.every((p) => p.devices.some((d) => d.did === dev.did))).toBe(true);
    expect(await calls("POST /app/login")).toBe(1);
    expect(await calls("POST /app/users")).toBe(0);
    await svc.unbindFromServiceUser(pk, [dev.did]);
  });

  it("binds a device next to a customer, is listed as the console's own, and unbinds only itself", async () => {
    const dev = await take();
    const customer = await plainUser(appid);
    await bindMac(customer.caller, { productKey: pk, mac: dev.mac });
    const d = await svc.bindToServiceUser(pk, dev.mac);
    expect(d.did).toBe(dev.did);
    const uid = await svc.serviceUserUid(pk);
    expect((await svc.consoleServiceUsers()).has({ uid })).toBe(true);
    expect((await svc.consoleServiceUsers()).has({ uid: customer.session.uid, username: "someone" })).toBe(false);
    // Known by its deterministic username even where this database has no uid for it.
    expect((await svc.consoleServiceUsers()).has({ uid: "unknown", username: svc.serviceUsername(emu.tenant.enterprise_id, appid) })).toBe(
      true,
    );
    const un = await svc.unbindFromServiceUser(pk, [dev.did]);
    expect(un.success).toEqual([dev.did]);
    // The customer's binding is untouched.
    expect((await listBindings(customer.caller)).devices.map((x) => x.did)).toContain(dev.did);
  });

  it("does not bind where the customer owns the device (9092 → 409) and leaves the customer bound", async () => {
    // A product with device sharing: a customer who binds as owner keeps everyone else out.
    const sharingAppid = svc.openApiAppidFor(sharingPk);
    const customer = await plainUser(sharingAppid);
    let owned: string | null = null;
    let ownedDid = "";
    for (let n = 0; n < 40 && !owned; n++) {
      const d = sharingPool.shift()!;
      const r = await bindMac(customer.caller, { productKey: sharingPk, mac: d.mac, setOwner: true }).then(
        (x) => x,
        () => null,
      );
      if (r?.role === "owner") {
        owned = d.mac;
        ownedDid = d.did;
        break;
      }
    }
    expect(owned).not.toBeNull();
    const err = await rejection(svc.bindToServiceUser(sharingPk, owned!));
    expect(err).toMatchObject({ upstreamCode: 9092, status: 409, code: "CONFLICT" });
    expect((await listBindings(customer.caller)).devices.find((x) => x.did === ownedDid)?.role).toBe("owner");
  });

  it("logs in with the stored password when the username exists already (registration answer lost)", async () => {
    // Another console process (or a lost answer) registered the user; this database only has the password.
    const d = await db();
    const used = new Set((await d.select().from(openapiServiceUsers)).map((r) => r.appid));
    const other = emu.tenant.appids.map((a) => a.appid).find((a) => !used.has(a))!;
    await d.insert(openapiServiceUsers).values({ appid: other, username: `lost_${Date.now()}`, password: "Lost-answer-2026!" });
    const [row] = await d
      .select()
      .from(openapiServiceUsers)
      .where((await import("drizzle-orm")).eq(openapiServiceUsers.appid, other));
    await registerUser(other, { username: row!.username, password: row!.password });
    await emu.control("/stats/reset", {});
    const s = await svc.serviceSession(other);
    expect(s.uid).toMatch(/\S/);
    expect(await calls("POST /app/users")).toBe(1);
    expect(await calls("POST /app/login")).toBe(1);
  });
});

describe("service user gone upstream", () => {
  /** A row for an AppID no other test uses, as if an earlier session had registered `username`. */
  async function storedUser(username: string, password: string) {
    const d = await db();
    const { eq } = await import("drizzle-orm");
    const used = new Set((await d.select().from(openapiServiceUsers)).map((r) => r.appid));
    const appidFree = emu.tenant.appids.map((a) => a.appid).find((a) => !used.has(a)) ?? emu.tenant.appids.at(-1)!.appid;
    await d.delete(openapiServiceUsers).where(eq(openapiServiceUsers.appid, appidFree));
    await d.insert(openapiServiceUsers).values({ appid: appidFree, username, password, uid: "gone-uid", token: null, expireAt: null });
    svc.resetServiceUserState();
    return appidFree;
  }

  it("registers again when Gizwits no longer knows the user (9020 on login)", async () => {
    const other = await storedUser(`gone_${Date.now()}`, "Gone-user-2026!");
    await emu.control("/stats/reset", {});
    const s = await svc.serviceSession(other);
    expect(s.uid).not.toBe("gone-uid");
    expect(await calls("POST /app/login")).toBe(1);
    expect(await calls("POST /app/users")).toBe(1);
    const [row] = await (await db())
      .select()
      .from(openapiServiceUsers)
      .where((await import("drizzle-orm")).eq(openapiServiceUsers.appid, other));
    expect(row!.uid).toBe(s.uid);
  });

  it("keeps the login error when the name is still taken (the stored password is wrong)", async () => {
    const username = `taken_${Date.now()}`;
    const other = await storedUser(username, "Wrong-password-2026!");
    await registerUser(other, { username, password: "Right-password-2026!" });
    const err = await rejection(svc.serviceSession(other));
    expect(err.upstreamCode).toBe(9020);
  });
});

describe("app groups", () => {
  it("creates, renames, fills, controls (a result per device), empties and deletes a group", async () => {
    const on = await take();
    const off = await take("offline");
    const { caller } = await plainUser(appid);
    await bindMac(caller, { productKey: pk, mac: on.mac });
    await bindMac(caller, { productKey: pk, mac: off.mac });

    const id = await groups.createAppGroup(caller, { name: "Floor 1", productKey: pk });
    await groups.renameAppGroup(caller, id, "Floor 2");
    const listed = await groups.listAppGroups(caller);
    expect(listed.find((g) => g.id === id)).toMatchObject({ name: "Floor 2", productKey: pk });

    const unknown = "NoSuchDid0000000000000";
    const added = await groups.addAppGroupDevices(caller, id, [on.did, off.did, unknown]);
    expect(added.success.sort()).toEqual([on.did, off.did].sort());
    expect(added.failed).toEqual([unknown]);
    expect(added.detail.find((d) => d.did === unknown)?.errorCode).toEqual(expect.any(Number));
    expect((await groups.listAppGroupDevices(caller, id)).map((d) => d.did).sort()).toEqual([on.did, off.did].sort());

    const results = await groups.controlAppGroup(caller, id, { raw: [1] });
    expect(Object.fromEntries(results.map((r) => [r.did, r.result]))).toEqual({ [on.did]: true, [off.did]: false });

    const removed = await groups.removeAppGroupDevices(caller, id, [off.did]);
    expect(removed.success).toEqual([off.did]);
    expect((await groups.listAppGroupDevices(caller, id)).map((d) => d.did)).toEqual([on.did]);
    await groups.deleteAppGroup(caller, id);
    expect((await groups.listAppGroups(caller)).some((g) => g.id === id)).toBe(false);
    await unbindDevices(caller, [on.did, off.did]);
  });

  it("refuses an empty group name and an empty member list before sending", async () => {
    const { caller } = await plainUser(appid);
    expect((await rejection(groups.createAppGroup(caller, { name: "  " }))).code).toBe("VALIDATION");
    expect((await rejection(groups.addAppGroupDevices(caller, "g", []))).code).toBe("VALIDATION");
  });
});

describe("schedules", () => {
  it("keeps device schedules (CRUD, UTC) and the emulator's clock runs them like a control", async () => {
    const dev = await take();
    const { caller } = await plainUser(appid);
    await bindMac(caller, { productKey: pk, mac: dev.mac });
    const { getProduct } = await import("@/server/gizwits/products");
    const { datapoints } = await getProduct(pk);
    const b = (datapoints ?? []).find((a) => a.data_type === "bool" && a.type === "status_writable")!;
    const before = await getDeviceLatest(appid, dev.did);
    const target = !(before.attrs[b.name] === true || before.attrs[b.name] === 1);

    const today = new Date().toISOString().slice(0, 10);
    const id = await sched.createDeviceSchedule(caller, dev.did, {
      attrs: { [b.name]: target },
      date: today,
      time: "23:59",
      repeat: "none",
      remark: "it",
    });
    let list = await sched.listDeviceSchedules(caller, dev.did);
    expect(list.find((x) => x.id === id)).toMatchObject({
      did: dev.did,
      date: today,
      time: "23:59",
      repeat: "none",
      enabled: true,
      attrs: { [b.name]: target },
    });

    await sched.updateDeviceSchedule(caller, dev.did, id, {
      attrs: { [b.name]: target },
      time: "00:00",
      repeat: ["mon", "fri"],
      enabled: false,
    });
    list = await sched.listDeviceSchedules(caller, dev.did);
    expect(list.find((x) => x.id === id)).toMatchObject({ time: "00:00", repeat: "mon,fri", enabled: false });

    await sched.updateDeviceSchedule(caller, dev.did, id, {
      attrs: { [b.name]: target },
      time: "00:00",
      repeat: "day",
      days: [1, 15, 28],
      enabled: true,
    });
    const monthly = (await sched.listDeviceSchedules(caller, dev.did)).find((x) => x.id === id)!;
    expect(monthly).toMatchObject({ repeat: "day", days: [1, 15, 28], enabled: true });
    // Run it now on the emulator's clock: it changes the device as a control would.
    await emu.control("/openapi/scheduler/run", { id });
    expect(Boolean((await getDeviceLatest(appid, dev.did)).attrs[b.name])).toBe(target);

    await sched.deleteDeviceSchedule(caller, dev.did, id);
    expect((await sched.listDeviceSchedules(caller, dev.did)).some((x) => x.id === id)).toBe(false);
    const gone = await rejection(sched.deleteDeviceSchedule(caller, dev.did, id));
    expect(gone.upstreamCode).toBe(9030);
    expect(gone.status).toBe(404);
    await unbindDevices(caller, [dev.did]);
  });

  it("keeps common schedules for a device and for an app group", async () => {
    const dev = await take();
    const { caller } = await plainUser(appid);
    await bindMac(caller, { productKey: pk, mac: dev.mac });
    const gid = await groups.createAppGroup(caller, { name: "Sched", productKey: pk });
    await groups.addAppGroupDevices(caller, gid, [dev.did]);

    const a = await sched.createCommonSchedule(caller, { did: dev.did }, { raw: "01", time: "08:30", repeat: "sat,sun" });
    const g = await sched.createCommonSchedule(caller, { groupId: gid }, { raw: "01", time: "09:00", repeat: "none", date: "2030-01-01" });
    const byDevice = await sched.listCommonSchedules(caller, { did: dev.did });
    expect(byDevice.find((x) => x.id === a)).toMatchObject({ did: dev.did, time: "08:30", repeat: "sat,sun" });
    const byGroup = await sched.listCommonSchedules(caller, { groupId: gid });
    expect(byGroup.find((x) => x.id === g)).toMatchObject({ groupId: gid, date: "2030-01-01" });

    await sched.updateCommonSchedule(caller, g, { groupId: gid }, { raw: "01", time: "10:15", repeat: "none", date: "2030-01-02" });
    expect((await sched.listCommonSchedules(caller, { groupId: gid })).find((x) => x.id === g)).toMatchObject({
      time: "10:15",
      date: "2030-01-02",
    });
    await sched.deleteCommonSchedule(caller, a);
    await sched.deleteCommonSchedule(caller, g);
    expect((await sched.listCommonSchedules(caller, { did: dev.did })).some((x) => x.id === a)).toBe(false);
    await groups.deleteAppGroup(caller, gid);
    await unbindDevices(caller, [dev.did]);
  });

  it("refuses invalid schedules before sending (no date for a one-off, both attrs and raw, no target)", async () => {
    const { caller } = await plainUser(appid);
    expect((await rejection(sched.createDeviceSchedule(caller, "d", { attrs: { a: 1 }, time: "10:00", repeat: "none" }))).code).toBe(
      "VALIDATION",
    );
    expect(
      (await rejection(sched.createDeviceSchedule(caller, "d", { attrs: { a: 1 }, raw: "01", time: "10:00", repeat: "mon" }))).code,
    ).toBe("VALIDATION");
    expect((await rejection(sched.createDeviceSchedule(caller, "d", { time: "10:00", repeat: "mon" }))).code).toBe("VALIDATION");
    const noTarget = sched.createCommonSchedule(caller, {} as { did: string }, { raw: "01", time: "10:00", repeat: "mon" });
    expect((await rejection(noTarget)).code).toBe("VALIDATION");
  });
});
