import "server-only";
import { createHash, randomBytes, randomInt } from "node:crypto";
import { eq, and, isNotNull } from "drizzle-orm";
import { db, openapiServiceUsers } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { unknownProduct } from "@/server/gizwits/errors";
import { bindMac, listBindings, unbindDevices, type BindingsQuery } from "./bindings";
import type { BindingsPage, DidResult } from "./bindings.schema";
import type { OpenApiCaller, UserTokenSource } from "./client";
import type { AppDevice } from "./devices.schema";
import { loginUser, registerUser } from "./users";
import type { AppSession } from "./users.schema";
import { processSingleton } from "@/server/process-singleton";
import { serverText } from "@/server/text";

/*
 * The console's own Open API app user, one per AppID. Some Open API calls need a user context
 * (control, app groups, schedules); the console never borrows a customer's account for them. It
 * registers its own user (deterministic username from the enterprise id and the AppID, a generated
 * strong password stored in the database before registering), keeps uid + token + expire_at in
 * the database, and logs in again before expiry or when Gizwits calls the token invalid/expired.
 * Concurrent callers in a process share one login. The password and token never leave the server
 * and are never logged.
 *
 * Devices are bound to it with bind_mac only when a feature needs a user-context call, and it
 * unbinds only itself. A device whose owner forbids other bindings (9092) stays as it is: the
 * console never unbinds a customer to make room.
 */

/** A token is renewed this long before Gizwits says it expires. */
const RENEW_MARGIN_S = 10 * 60;
/** How long the list of service-user uids (for marking user lists) is reused. */
const UIDS_TTL_MS = 30_000;

interface Session {
  uid: string;
  token: string;
  /** Unix seconds. */
  expireAt: number;
}
interface ServiceUserState {
  sessions: Map<string, Session>;
  logins: Map<string, Promise<Session>>;
  uids: { at: number; set: ConsoleServiceUsers } | null;
}
const serviceUsers = processSingleton<ServiceUserState>("__openapiServiceUsers", () => ({
  sessions: new Map(),
  logins: new Map(),
  uids: null,
}));
const state = (): ServiceUserState => serviceUsers.get();

/** Tests only: forgets sessions held in memory (the database keeps them). */
export function resetServiceUserState(): void {
  serviceUsers.reset();
}

const nowSec = () => Math.floor(Date.now() / 1000);
const usable = (s: { expireAt: number }) => s.expireAt - RENEW_MARGIN_S > nowSec();

/** The service user's username for an AppID: stable for the enterprise, recognisably the console's. */
export function serviceUsername(enterpriseId: string, appid: string): string {
  return `gzconsole_${createHash("sha256").update(`${enterpriseId}:${appid}`).digest("hex").slice(0, 20)}`;
}

/**
 * A strong random password: 32 characters from upper, lower, digits and symbols, each class
 * present (the Open API wants 8+ characters of at least 3 classes).
 */
export function generatePassword(): string {
  const classes = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!#%+-.=?@_~"];
  const all = classes.join("");
  const chars = classes.map((c) => c[randomInt(c.length)]!);
  const bytes = randomBytes(28);
  for (const b of bytes) chars.push(all[b % all.length]!);
  // Fisher–Yates, so the guaranteed characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

/** The AppID the console uses for a product: its first appid listed with that product key, else the first without one. */
export function openApiAppidFor(productKey: string): string {
  const e = env();
  if (!e.GIZWITS_PRODUCTS.some((p) => p.productKey === productKey)) throw unknownProduct(productKey);
  const a = e.GIZWITS_APPIDS.find((x) => x.productKey === productKey) ?? e.GIZWITS_APPIDS.find((x) => x.productKey === null);
  if (!a) {
    throw new AppError("UPSTREAM", serverText("openApiNoAppid", { pk: productKey }), { status: 502 });
  }
  return a.appid;
}

function isCode(err: unknown, ...codes: number[]): boolean {
  return err instanceof AppError && err.upstreamCode !== undefined && codes.includes(err.upstreamCode);
}

async function loadRow(appid: string) {
  const d = await db();
  // The password is stored before anything is sent, and only the first writer's survives, so
  // concurrent processes all register/log in with the same one.
  await d
    .insert(openapiServiceUsers)
    .values({ appid, username: serviceUsername(env().GIZWITS_ENTERPRISE_ID, appid), password: generatePassword() })
    .onConflictDoNothing();
  const [row] = await d.select().from(openapiServiceUsers).where(eq(openapiServiceUsers.appid, appid));
  if (!row) throw new Error(`openapi_service_users row for ${appid} vanished`);
  return row;
}

async function login(appid: string, staleToken: string | null): Promise<Session> {
  const row = await loadRow(appid);
  // Another process may have logged in since this one's token went stale.
  if (row.uid && row.token && row.expireAt && row.token !== staleToken) {
    const s = { uid: row.uid, token: row.token, expireAt: Math.floor(row.expireAt.getTime() / 1000) };
    if (usable(s)) return s;
  }
  const creds = { username: row.username, password: row.password };
  let s: AppSession;
  if (row.uid === null) {
    try {
      s = await registerUser(appid, creds);
    } catch (err) {
      // 9019: registered before (e.g. the answer was lost); 9046: another process is registering it.
      if (!isCode(err, 9019, 9046)) throw err;
      s = await loginUser(appid, creds);
    }
  } else {
    try {
      s = await loginUser(appid, creds);
    } catch (err) {
      // 9020: Gizwits does not know this user (or not with this password). If the user is gone
      // upstream (an app's users were reset), register it again; if the name is still taken
      // (9019), the stored password is wrong and the original error stands.
      if (!isCode(err, 9020)) throw err;
      try {
        s = await registerUser(appid, creds);
      } catch (again) {
        if (isCode(again, 9019)) throw err;
        throw again;
      }
    }
  }
  const d = await db();
  await d
    .update(openapiServiceUsers)
    .set({ uid: s.uid, token: s.token, expireAt: new Date(s.expireAt * 1000), updatedAt: new Date() })
    .where(eq(openapiServiceUsers.appid, appid));
  state().uids = null;
  return { uid: s.uid, token: s.token, expireAt: s.expireAt };
}

/**
 * The service user's session for an AppID: from memory, else from the database, else a login (or
 * the first registration). Concurrent callers share one login.
 */
export async function serviceSession(appid: string, staleToken: string | null = null): Promise<Session> {
  const st = state();
  const held = st.sessions.get(appid);
  if (held && usable(held) && held.token !== staleToken) return held;
  let flight = st.logins.get(appid);
  if (!flight) {
    const f = login(appid, staleToken ?? held?.token ?? null).then((s) => {
      st.sessions.set(appid, s);
      return s;
    });
    st.logins.set(appid, f);
    const clear = () => {
      if (st.logins.get(appid) === f) st.logins.delete(appid);
    };
    f.then(clear, clear);
    flight = f;
  }
  return flight;
}

/** Gizwits refused `token`: forget it, in memory and in the database, unless it was already replaced. */
async function invalidate(appid: string, token: string): Promise<void> {
  const st = state();
  if (st.sessions.get(appid)?.token === token) st.sessions.delete(appid);
  const d = await db();
  await d
    .update(openapiServiceUsers)
    .set({ token: null, expireAt: null, updatedAt: new Date() })
    .where(and(eq(openapiServiceUsers.appid, appid), eq(openapiServiceUsers.token, token)));
}

function tokenSource(appid: string): UserTokenSource {
  return {
    key: `service:${appid}`,
    token: async () => (await serviceSession(appid)).token,
    invalidate: (token) => invalidate(appid, token),
  };
}

/** A caller for user-context Open API calls as the console's service user of this AppID. */
export function serviceCallerForAppid(appid: string): OpenApiCaller {
  return { appid, user: tokenSource(appid) };
}

/** A caller as the console's service user of the product's AppID (see openApiAppidFor). */
export function serviceCaller(productKey: string): OpenApiCaller {
  return serviceCallerForAppid(openApiAppidFor(productKey));
}

/** The service user's uid for the product's AppID (registers/logs in if needed). */
export async function serviceUserUid(productKey: string): Promise<string> {
  return (await serviceSession(openApiAppidFor(productKey))).uid;
}

/**
 * Binds a device to the console's service user (POST /app/bind_mac, signed). A write: authorize
 * and audit it in the route. The answer's `role` is the service user's. If the device's owner
 * allows no other binding, Gizwits answers 9092 → 409; nothing of the customer's is touched.
 */
export async function bindToServiceUser(
  productKey: string,
  mac: string,
  opts: { alias?: string; remark?: string } = {},
): Promise<AppDevice> {
  return bindMac(serviceCaller(productKey), { productKey, mac, alias: opts.alias, remark: opts.remark ?? "Gizwits console service user" });
}

/** Unbinds the console's service user (and only it) from devices (DELETE /app/bindings). A write. */
export async function unbindFromServiceUser(productKey: string, dids: string[]): Promise<DidResult> {
  return unbindDevices(serviceCaller(productKey), dids);
}

/** The devices bound to the console's service user of the product's AppID. */
export async function serviceUserBindings(productKey: string, q: BindingsQuery = {}): Promise<BindingsPage> {
  return listBindings(serviceCaller(productKey), q);
}

/** Recognises the console's own service users in a list of app users. */
export interface ConsoleServiceUsers {
  has(user: { uid: string; username?: string | null }): boolean;
}

/**
 * The console's service users, for marking user lists: the uids registered in the database (all
 * AppIDs, re-read at most every 30 s) and, for a user this database does not know (e.g. registered
 * by a console whose database was lost), the deterministic username of every configured AppID.
 */
export async function consoleServiceUsers(): Promise<ConsoleServiceUsers> {
  const st = state();
  if (st.uids && Date.now() - st.uids.at < UIDS_TTL_MS) return st.uids.set;
  const d = await db();
  const rows = await d.select({ uid: openapiServiceUsers.uid }).from(openapiServiceUsers).where(isNotNull(openapiServiceUsers.uid));
  const uids = new Set(rows.map((r) => r.uid!));
  const e = env();
  const usernames = new Set(e.GIZWITS_APPIDS.map((a) => serviceUsername(e.GIZWITS_ENTERPRISE_ID, a.appid)));
  const set: ConsoleServiceUsers = { has: (u) => uids.has(u.uid) || (u.username != null && usernames.has(u.username)) };
  st.uids = { at: Date.now(), set };
  return set;
}
