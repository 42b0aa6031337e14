import "server-only";
import { getServerSession } from "next-auth";
import { roleSchema, type Role } from "@/lib/roles";
import { findAccountById } from "./accounts";
import { sessionExpired } from "@/lib/session-policy";
import { authOptions } from "./options";

/** The signed-in console user as every route handler and server component sees it. */
export interface SessionUser {
  id: string;
  username: string;
  name: string;
  role: Role;
}

// Role and disabled state come from the database, not the cookie, so an admin's change applies at
// once; a short per-process cache keeps that to one query per user every few seconds.
const CACHE_MS = 3_000;
const g = globalThis as unknown as { __consoleSessionUsers?: Map<string, { user: SessionUser | null; at: number }> };
const cache = (g.__consoleSessionUsers ??= new Map());

export async function loadSessionUser(uid: string): Promise<SessionUser | null> {
  const hit = cache.get(uid);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.user;
  const row = await findAccountById(uid);
  const role = roleSchema.safeParse(row?.role);
  const user = row && !row.disabled && role.success ? { id: row.id, username: row.username, name: row.name, role: role.data } : null;
  cache.set(uid, { user, at: Date.now() });
  return user;
}

/** Drops the cached view of an account after an admin changed it. */
export function forgetSessionUser(uid: string): void {
  cache.delete(uid);
}

/**
 * The current user from the next-auth session cookie, re-checked against the accounts table;
 * null when not signed in, signed in more than 8 hours ago, disabled or deleted.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  return userFromSession(await getServerSession(authOptions()));
}

/** The account behind a decoded session, or null when it is missing, expired, disabled or deleted. */
export async function userFromSession(session: { uid?: string; loginAt?: number } | null, now = Date.now()): Promise<SessionUser | null> {
  if (!session?.uid || sessionExpired(session.loginAt, now)) return null;
  return loadSessionUser(session.uid);
}
