import "server-only";
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import type { Account, CreateAccountInput, UpdateAccountInput } from "@/lib/schemas/accounts";
import { ROLES, roleSchema, type Role } from "@/lib/roles";
import { accounts, db } from "@/server/db";
import { errors } from "@/server/errors";
import { hashPassword, verifyPassword } from "./password";
import { forgetSessionUser } from "./session-cache";
import { signInThrottleOf } from "./throttle";
import { serverText } from "@/server/text";

type AccountRow = typeof accounts.$inferSelect;

export function toAccountDto(row: AccountRow): Account {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: roleSchema.catch("manager").parse(row.role),
    provider: row.provider === "oidc" ? "oidc" : "local",
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
    signInDelayedUntil: null,
  };
}

export async function findAccountById(id: string): Promise<AccountRow | null> {
  const d = await db();
  const [row] = await d.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row ?? null;
}

/** Checks a local account's password; null for unknown, disabled, OIDC-only or wrong password. */
export async function checkCredentials(username: string, password: string): Promise<AccountRow | null> {
  const d = await db();
  const [row] = await d
    .select()
    .from(accounts)
    .where(and(eq(accounts.username, username), eq(accounts.provider, "local")))
    .limit(1);
  const ok = await verifyPassword(password, row?.passwordHash);
  if (!row || !ok || row.disabled) return null;
  await d.update(accounts).set({ lastLoginAt: new Date() }).where(eq(accounts.id, row.id));
  return row;
}

/**
 * Creates or refreshes the account of an OIDC user. The role follows the identity provider's
 * groups on every sign-in; a console admin can still disable the account. Returns null if disabled.
 */
export async function upsertOidcAccount(p: { subject: string; username: string; name: string; role: Role }): Promise<AccountRow | null> {
  const d = await db();
  const [existing] = await d
    .select()
    .from(accounts)
    .where(and(eq(accounts.provider, "oidc"), eq(accounts.subject, p.subject)))
    .limit(1);
  if (existing) {
    if (existing.disabled) return null;
    const [row] = await d
      .update(accounts)
      .set({ role: p.role, name: p.name, lastLoginAt: new Date(), updatedAt: new Date() })
      .where(eq(accounts.id, existing.id))
      .returning();
    return row ?? null;
  }
  // The IdP's username may collide with a local account: fall back to one scoped by the subject.
  for (const username of [p.username, `oidc-${p.subject}`.slice(0, 64)]) {
    const [row] = await d
      .insert(accounts)
      .values({ username, name: p.name, role: p.role, provider: "oidc", subject: p.subject, lastLoginAt: new Date() })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
  }
  return null;
}

export async function findOidcAccount(subject: string): Promise<AccountRow | null> {
  const d = await db();
  const [row] = await d
    .select()
    .from(accounts)
    .where(and(eq(accounts.provider, "oidc"), eq(accounts.subject, subject)))
    .limit(1);
  return row ?? null;
}

/** Ends every session of the account (they carry an older version from now on). */
export async function bumpSessionVersion(id: string): Promise<void> {
  const d = await db();
  await d
    .update(accounts)
    .set({ sessionVersion: sql`${accounts.sessionVersion} + 1` })
    .where(eq(accounts.id, id));
  forgetSessionUser(id);
}

const rank = (role: string) => ROLES.indexOf(role as Role);

export async function listAccounts(): Promise<Account[]> {
  const d = await db();
  const rows = await d.select().from(accounts).orderBy(asc(accounts.username));
  const now = Date.now();
  return Promise.all(
    rows.map(async (row) => {
      const t = await signInThrottleOf(row.username, now);
      return { ...toAccountDto(row), signInDelayedUntil: t.waitUntil > now ? t.waitUntil : null };
    }),
  );
}

export async function createAccount(input: CreateAccountInput): Promise<Account> {
  const d = await db();
  const [row] = await d
    .insert(accounts)
    .values({ username: input.username, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    throw errors.conflict(serverText("usernameTaken", { username: input.username }));
  }
  return toAccountDto(row);
}

async function otherActiveAdmins(id: string): Promise<number> {
  const d = await db();
  const [row] = await d
    .select({ n: count() })
    .from(accounts)
    .where(and(eq(accounts.role, "admin"), eq(accounts.disabled, false), ne(accounts.id, id)));
  return row?.n ?? 0;
}

/** Applies an admin's change. Refuses to leave the console without an enabled admin. */
export async function updateAccount(id: string, input: UpdateAccountInput): Promise<Account> {
  const d = await db();
  const current = await findAccountById(id);
  if (!current) throw errors.notFound(serverText("accountNotFound"));
  const losesAdmin =
    current.role === "admin" && !current.disabled && ((input.role !== undefined && input.role !== "admin") || input.disabled === true);
  if (losesAdmin && (await otherActiveAdmins(id)) === 0) {
    throw errors.conflict(serverText("lastAdmin"));
  }
  if (input.password !== undefined && current.provider !== "local") {
    throw errors.validation(serverText("noConsolePassword"));
  }
  // Disabling, demoting and a new password end the account's sessions; a promotion or a new name does not.
  const endsSessions =
    input.disabled === true || input.password !== undefined || (input.role !== undefined && rank(input.role) < rank(current.role));
  const [row] = await d
    .update(accounts)
    .set({
      ...(endsSessions ? { sessionVersion: sql`${accounts.sessionVersion} + 1` } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
      updatedAt: new Date(),
    })
    .where(eq(accounts.id, id))
    .returning();
  if (!row) throw errors.notFound(serverText("accountNotFound"));
  forgetSessionUser(id);
  return toAccountDto(row);
}
