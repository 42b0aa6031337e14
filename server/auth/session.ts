import "server-only";
import { cookies } from "next/headers";
import { decode, getToken } from "next-auth/jwt";
import { LRUCache } from "lru-cache";
import { roleSchema, type Role } from "@/lib/roles";
import { sessionExpired } from "@/lib/session-policy";
import { findAccountById } from "./accounts";
import { authOptions } from "./options";
import { processSingleton } from "@/server/process-singleton";
import { sessionCache, sessionLoadsInFlight, type CachedSessionAccount } from "./session-cache";

export { forgetSessionUser } from "./session-cache";

/** The signed-in console user as every route handler and server component sees it. */
export interface SessionUser {
  id: string;
  username: string;
  name: string;
  role: Role;
}

// Role, disabled state and session version come from the database, not the cookie, so an admin's
// change (and a sign-out) applies at once; a short per-process cache keeps that to one query per
// user every few seconds. Changes made in this process drop the cache entry immediately; a change
// made elsewhere (another instance, SQL) applies within CACHE_MS, which stays under the 5-second
// bound of issue 17 (tested in session-bound.test.ts). The entry's age counts from before its query.
export const CACHE_MS = 3_000;

/** Account ids are UUIDs: anything else cannot be an account and costs no query. */
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadAccount(uid: string): Promise<{ user: SessionUser | null; sessionVersion: number }> {
  const cache = sessionCache();
  const hit = cache.get(uid);
  if (hit && Date.now() - hit.at < CACHE_MS) return { user: hit.user, sessionVersion: hit.sessionVersion };
  const inFlight = sessionLoadsInFlight();
  const pending = inFlight.get(uid);
  if (pending) return pending;
  const load = (async (): Promise<CachedSessionAccount> => {
    const at = Date.now();
    const row = ACCOUNT_ID.test(uid) ? await findAccountById(uid) : null;
    const role = roleSchema.safeParse(row?.role);
    const user = row && !row.disabled && role.success ? { id: row.id, username: row.username, name: row.name, role: role.data } : null;
    return { user, sessionVersion: row?.sessionVersion ?? 0, at };
  })();
  inFlight.set(uid, load);
  try {
    const entry = await load;
    // Cached only when no account write forgot this load meanwhile (forgetSessionUser).
    if (inFlight.get(uid) === load) cache.set(uid, entry);
    return { user: entry.user, sessionVersion: entry.sessionVersion };
  } finally {
    if (inFlight.get(uid) === load) inFlight.delete(uid);
  }
}

export async function loadSessionUser(uid: string): Promise<SessionUser | null> {
  return (await loadAccount(uid)).user;
}

/** The request's cookies: a route's `req.cookies`, or next/headers' `cookies()` by default. */
export interface CookieJar {
  getAll(): { name: string; value: string }[];
}

/**
 * The current user from the next-auth session cookie, re-checked against the accounts table;
 * null when not signed in, signed in more than 8 hours ago, signed out, disabled or deleted.
 * Route handlers pass their request's cookies (`req.cookies`), so that they also run where
 * next/headers has no request scope (the fast lane, server/http/fast-lane.ts); server components
 * leave it out.
 */
export async function getSessionUser(jar?: CookieJar): Promise<SessionUser | null> {
  return userFromSession(await currentSessionToken(jar ?? (await cookies())));
}

interface DecodedSession {
  uid?: string;
  loginAt?: number;
  sv?: number;
  exp?: number;
}

// Decoded session cookies by their exact value. next-auth's getServerSession runs its whole
// `session` action per call — decrypt the JWE, re-encrypt a refreshed one and set it as a cookie
// (two HKDF key derivations and two AES-GCM passes) — which was most of a cached read's cost
// (issue 17). The cookie's payload never changes for a given value, so decoding it once is enough;
// its expiry is checked on every use below, and the account behind it is still re-checked per
// request (loadAccount). No sliding refresh is lost: sessions end 8 h after sign-in regardless.
const decodedSessions = processSingleton(
  "__consoleDecodedSessions",
  () => new LRUCache<string, { session: DecodedSession | null }>({ max: 10_000, ttl: 10 * 60_000 }),
);

async function currentSessionToken(jar: CookieJar): Promise<DecodedSession | null> {
  // getToken with `raw` only reads the (possibly chunked) cookie named as next-auth names it.
  const req = { cookies: jar, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"];
  const raw = await getToken({ req, raw: true });
  if (!raw) return null;
  const cache = decodedSessions.get();
  let entry = cache.get(raw);
  if (!entry) {
    let session: DecodedSession | null = null;
    try {
      session = (await decode({ token: raw, secret: authOptions().secret ?? "" })) as DecodedSession | null;
    } catch {
      session = null; // tampered, foreign or rotated-secret cookie: not signed in
    }
    entry = { session };
    cache.set(raw, entry);
  }
  const s = entry.session;
  if (!s || (typeof s.exp === "number" && s.exp * 1000 <= Date.now())) return null;
  return s;
}

/**
 * The account behind a decoded session, or null when it is missing, expired, ended (its session
 * version is older than the account's: signed out, disabled, demoted, password changed),
 * disabled or deleted.
 */
export async function userFromSession(
  session: { uid?: string; loginAt?: number; sv?: number } | null,
  now = Date.now(),
): Promise<SessionUser | null> {
  if (!session?.uid || sessionExpired(session.loginAt, now)) return null;
  const { user, sessionVersion } = await loadAccount(session.uid);
  if ((session.sv ?? 0) !== sessionVersion) return null;
  return user;
}
