import type { Account as NextAuthAccount, User } from "next-auth";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useThrowawayDatabase } from "@/server/db/testing";

// bcrypt and PGlite share two cores with parallel test files: allow for a slow machine.
vi.setConfig({ testTimeout: 60_000 });

useThrowawayDatabase({ CONSOLE_DEMO: "1" });

// The session cookie of the request being served, as next/headers would give it.
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => [...jar].map(([name, value]) => ({ name, value })) }),
}));

const { closeDb, db } = await import("@/server/db");
const { accounts } = await import("@/server/db/schema");
const { authOptions } = await import("./options");
const { createAccount, updateAccount } = await import("./accounts");
const { CACHE_MS, getSessionUser, userFromSession } = await import("./session");
const { encode } = await import("next-auth/jwt");

beforeAll(() => db());
afterAll(() => closeDb());
afterEach(() => vi.useRealTimers());

/** The bound: a disabled or demoted account loses access within this many ms. */
const BOUND_MS = 5_000;

const signInToken = async (id: string) =>
  authOptions().callbacks!.jwt!({
    token: { sub: id },
    user: { id } as User,
    account: { provider: "credentials", type: "credentials", providerAccountId: id } as NextAuthAccount,
  });

/**
 * A change made outside this process (another console instance, an operator's SQL) does not call
 * forgetSessionUser here: only the cache's age bounds how long the old answer is served.
 */
async function changeElsewhere(id: string, set: { disabled?: boolean; role?: string }): Promise<void> {
  const d = await db();
  await d
    .update(accounts)
    .set({ ...set, sessionVersion: sql`${accounts.sessionVersion} + 1` })
    .where(eq(accounts.id, id));
}

describe("the per-request account check's cache", () => {
  it("stays under the 5-second bound", () => {
    expect(CACHE_MS).toBeLessThanOrEqual(BOUND_MS);
  });

  for (const [what, change] of [
    ["disabled", { disabled: true }],
    ["demoted", { role: "operator" }],
  ] as const) {
    it(`refuses an account ${what} elsewhere within 5 seconds, and serves it until then from the cache`, async () => {
      vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-02T09:00:00Z") });
      const a = await createAccount({ username: `bound-${what}`, name: "Bound", role: "ops", password: "bound-password-1" });
      const token = { ...(await signInToken(a.id)), loginAt: Date.now() };
      expect((await userFromSession(token))?.role).toBe("ops");
      await changeElsewhere(a.id, change);
      // Within the cache's lifetime the old answer may still be served (that is what the cache is for)…
      vi.setSystemTime(Date.now() + CACHE_MS - 1);
      expect((await userFromSession(token))?.role).toBe("ops");
      // …and at the bound at the latest the change applies.
      vi.setSystemTime(Date.now() + (BOUND_MS - CACHE_MS) + 1);
      expect(await userFromSession(token)).toBeNull();
    });
  }

  it("applies a change made in this process at once, even to a query already in flight", async () => {
    const a = await createAccount({ username: "bound-local", name: "Local", role: "ops", password: "bound-password-2" });
    const token = await signInToken(a.id);
    expect(await userFromSession(token)).not.toBeNull();
    // Expire the entry, start a check, and disable the account while that check's query runs.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + CACHE_MS + 1 });
    const racing = userFromSession({ ...token, loginAt: Date.now() });
    await updateAccount(a.id, { disabled: true });
    await racing; // read before the write: its answer must not be cached
    expect(await userFromSession({ ...token, loginAt: Date.now() })).toBeNull();
  });

  it("answers concurrent checks of one account with one consistent result", async () => {
    const a = await createAccount({ username: "bound-many", name: "Many", role: "manager", password: "bound-password-3" });
    const token = await signInToken(a.id);
    const users = await Promise.all(Array.from({ length: 50 }, () => userFromSession(token)));
    expect(new Set(users.map((u) => u?.role))).toEqual(new Set(["manager"]));
  });
});

describe("the session cookie", () => {
  const COOKIE = "next-auth.session-token";
  const cookieFor = async (payload: Record<string, unknown>, maxAge = 3600) =>
    encode({ token: payload, secret: authOptions().secret ?? "", maxAge });

  it("signs in the account it names, re-checked against the account store on every use", async () => {
    delete process.env.NEXTAUTH_URL; // plain-http cookie name
    const a = await createAccount({ username: "cookie-user", name: "Cookie", role: "operator", password: "cookie-password-1" });
    const token = await signInToken(a.id);
    jar.set(COOKIE, await cookieFor({ ...token }));
    expect((await getSessionUser())?.username).toBe("cookie-user");
    // Same cookie (decoded once, then remembered), but the account is disabled here: refused at once.
    await updateAccount(a.id, { disabled: true });
    expect(await getSessionUser()).toBeNull();
  });

  it("refuses no cookie, a tampered cookie and an expired one", async () => {
    const a = await createAccount({ username: "cookie-other", name: "Other", role: "operator", password: "cookie-password-2" });
    const token = await signInToken(a.id);
    jar.clear();
    expect(await getSessionUser()).toBeNull();
    const good = await cookieFor({ ...token });
    jar.set(COOKIE, `${good.slice(0, -4)}AAAA`);
    expect(await getSessionUser()).toBeNull();
    jar.set(COOKIE, good);
    expect((await getSessionUser())?.username).toBe("cookie-other");
    jar.set(COOKIE, await cookieFor({ ...token }, 60));
    expect(await getSessionUser()).not.toBeNull();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    expect(await getSessionUser()).toBeNull(); // remembered decode, but past its exp
  });
});
