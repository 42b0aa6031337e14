import "server-only";
import { count } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { z } from "zod";
import { DEMO_ACCOUNTS } from "@/lib/demo-accounts";
import { passwordSchema, usernameSchema } from "@/lib/schemas/accounts";
import { hashPassword } from "@/server/auth/password";
import { accounts, type schema } from "./schema";

/** CONSOLE_BOOTSTRAP_ADMIN=username:password — the first admin of an empty, non-demo console. */
export const bootstrapAdminSchema = z.string().transform((s, ctx) => {
  const i = s.indexOf(":");
  const username = usernameSchema.safeParse(i > 0 ? s.slice(0, i) : "");
  const password = passwordSchema.safeParse(i > 0 ? s.slice(i + 1) : "");
  if (!username.success || !password.success) {
    ctx.addIssue({
      code: "custom",
      message: "CONSOLE_BOOTSTRAP_ADMIN must be username:password (username 2-32 of a-z 0-9 . _ -, password 10+ characters)",
    });
    return z.NEVER;
  }
  return { username: username.data, password: password.data };
});

export function parseBootstrapAdmin(value: string | undefined): { username: string; password: string } | null {
  if (!value) return null;
  const r = bootstrapAdminSchema.safeParse(value);
  if (!r.success) throw new Error(`Invalid console configuration: ${r.error.issues[0]?.message ?? "CONSOLE_BOOTSTRAP_ADMIN"}`);
  return r.data;
}

/**
 * Gives an empty database its first accounts: the demo accounts in demo mode and/or the
 * bootstrap admin. Inserts ignore conflicts so two processes seeding at once cannot fail.
 */
export async function seedAccounts(
  db: PgDatabase<PgQueryResultHKT, typeof schema>,
  opts: { demo: boolean; bootstrapAdmin?: string },
): Promise<void> {
  const bootstrap = parseBootstrapAdmin(opts.bootstrapAdmin);
  const [row] = await db.select({ n: count() }).from(accounts);
  if ((row?.n ?? 0) > 0) return;
  const seeds: { username: string; name: string; role: string; password: string }[] = [];
  if (opts.demo) seeds.push(...DEMO_ACCOUNTS);
  if (bootstrap && !seeds.some((s) => s.username === bootstrap.username)) {
    seeds.push({ username: bootstrap.username, name: bootstrap.username, role: "admin", password: bootstrap.password });
  }
  if (seeds.length === 0) return;
  const values = await Promise.all(
    seeds.map(async (s) => ({ username: s.username, name: s.name, role: s.role, passwordHash: await hashPassword(s.password) })),
  );
  await db.insert(accounts).values(values).onConflictDoNothing();
}
