import type { Account as NextAuthAccount, Profile, User } from "next-auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useThrowawayDatabase } from "@/server/db/testing";

// bcrypt and PGlite share two cores with parallel test files: allow for a slow machine.
vi.setConfig({ testTimeout: 60_000 });

useThrowawayDatabase({ CONSOLE_DEMO: "1", OIDC_GROUPS_CLAIM: "groups", OIDC_ROLE_MAP: "iot-viewers:manager,iot-ops:ops,iot-admins:admin" });

const { closeDb, db } = await import("@/server/db");
const { authorizeCredentials, authOptions } = await import("./options");
const { createAccount, listAccounts, updateAccount } = await import("./accounts");
const { forgetSessionUser, userFromSession } = await import("./session");
const { SESSION_MAX_AGE_SECONDS } = await import("@/lib/session-policy");

// Opening a fresh PGlite takes seconds on a busy machine: do it under the hook timeout, not a test's.
beforeAll(() => db());
afterAll(() => closeDb());

const oidcSignIn = (profile: Record<string, unknown>) =>
  authOptions().callbacks!.signIn!({
    user: { id: String(profile.sub) } as User,
    account: { provider: "oidc", type: "oauth", providerAccountId: String(profile.sub) } as NextAuthAccount,
    profile: profile as Profile,
  });

describe("credentials sign-in", () => {
  it("accepts a seeded demo account with its password and normalizes the username", async () => {
    const u = await authorizeCredentials({ username: " Admin ", password: "admin-demo-2026" });
    expect(u?.name).toBe("Demo Admin");
  });

  it("refuses a wrong password, an unknown user and malformed input alike", async () => {
    expect(await authorizeCredentials({ username: "admin", password: "ops-demo-2026" })).toBeNull();
    expect(await authorizeCredentials({ username: "nobody", password: "admin-demo-2026" })).toBeNull();
    expect(await authorizeCredentials({ username: "admin" })).toBeNull();
  });

  it("refuses a disabled account", async () => {
    const a = await createAccount({ username: "temp", name: "Temp", role: "operator", password: "temp-password-1" });
    expect(await authorizeCredentials({ username: "temp", password: "temp-password-1" })).not.toBeNull();
    await updateAccount(a.id, { disabled: true });
    expect(await authorizeCredentials({ username: "temp", password: "temp-password-1" })).toBeNull();
  });

  it("puts only the account id and sign-in time into the JWT, never the role", async () => {
    const before = Date.now();
    const token = await authOptions().callbacks!.jwt!({
      token: { sub: "x", name: "Demo Admin" },
      user: { id: "account-id" } as User,
      account: { provider: "credentials", type: "credentials", providerAccountId: "account-id" } as NextAuthAccount,
    });
    expect(token.uid).toBe("account-id");
    expect(token.loginAt).toBeGreaterThanOrEqual(before);
    expect(JSON.stringify(token)).not.toMatch(/admin"|role/);
  });
});

describe("session user", () => {
  it("reads role and enabled state from the database, so admin changes apply at once", async () => {
    const a = await createAccount({ username: "shifty", name: "Shifty", role: "manager", password: "shifty-password-1" });
    const now = Date.now();
    expect((await userFromSession({ uid: a.id, loginAt: now }))?.role).toBe("manager");
    await updateAccount(a.id, { role: "ops" });
    forgetSessionUser(a.id);
    expect((await userFromSession({ uid: a.id, loginAt: now }))?.role).toBe("ops");
    await updateAccount(a.id, { disabled: true });
    forgetSessionUser(a.id);
    expect(await userFromSession({ uid: a.id, loginAt: now })).toBeNull();
  });

  it("ends a session 8 hours after sign-in however it was refreshed", async () => {
    const [admin] = (await listAccounts()).filter((a) => a.username === "admin");
    const loginAt = Date.now();
    expect(await userFromSession({ uid: admin!.id, loginAt }, loginAt + SESSION_MAX_AGE_SECONDS * 1000 - 1000)).not.toBeNull();
    expect(await userFromSession({ uid: admin!.id, loginAt }, loginAt + SESSION_MAX_AGE_SECONDS * 1000)).toBeNull();
    expect(await userFromSession({ uid: admin!.id })).toBeNull();
    expect(await userFromSession({ uid: "no-such-account", loginAt })).toBeNull();
  });
});

describe("OIDC sign-in", () => {
  it("maps the group claim to the highest matching role and creates the account", async () => {
    expect(
      await oidcSignIn({ sub: "sub-1", preferred_username: "alice", name: "Alice", groups: ["iot-viewers", "iot-ops", "other"] }),
    ).toBe(true);
    const alice = (await listAccounts()).find((a) => a.username === "alice");
    expect(alice).toMatchObject({ role: "ops", provider: "oidc", name: "Alice" });
  });

  it("follows the IdP's groups on the next sign-in", async () => {
    expect(await oidcSignIn({ sub: "sub-1", preferred_username: "alice", groups: "iot-admins" })).toBe(true);
    expect((await listAccounts()).find((a) => a.username === "alice")?.role).toBe("admin");
  });

  it("refuses a user none of whose groups map to a role", async () => {
    expect(await oidcSignIn({ sub: "sub-2", preferred_username: "bob", groups: ["marketing"] })).toBe(false);
    expect(await oidcSignIn({ sub: "sub-3", preferred_username: "carol" })).toBe(false);
    expect((await listAccounts()).some((a) => a.username === "bob" || a.username === "carol")).toBe(false);
  });

  it("refuses an OIDC user an admin disabled, and never lets the IdP take over a local username", async () => {
    const alice = (await listAccounts()).find((a) => a.username === "alice")!;
    await updateAccount(alice.id, { disabled: true });
    expect(await oidcSignIn({ sub: "sub-1", preferred_username: "alice", groups: ["iot-ops"] })).toBe(false);

    expect(await oidcSignIn({ sub: "sub-9", preferred_username: "admin", groups: ["iot-viewers"] })).toBe(true);
    const all = await listAccounts();
    expect(all.find((a) => a.username === "admin")).toMatchObject({ provider: "local", role: "admin" });
    expect(all.find((a) => a.username === "oidc-sub-9")).toMatchObject({ provider: "oidc", role: "manager" });
  });
});

describe("account admin rules", () => {
  it("refuses to disable or demote the last enabled admin", async () => {
    const admins = (await listAccounts()).filter((a) => a.role === "admin" && !a.disabled);
    // alice (OIDC admin) was disabled above, so the demo admin is the only enabled one
    expect(admins.map((a) => a.username)).toEqual(["admin"]);
    await expect(updateAccount(admins[0]!.id, { disabled: true })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(updateAccount(admins[0]!.id, { role: "ops" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(updateAccount(admins[0]!.id, { name: "Still Admin" })).resolves.toMatchObject({ name: "Still Admin" });
  });

  it("rejects a duplicate username with 409", async () => {
    await expect(createAccount({ username: "ops", name: "Dup", role: "ops", password: "dup-password-1" })).rejects.toMatchObject({
      status: 409,
    });
  });
});

describe("password guessing", () => {
  const from = (addr: string) => ({ "x-forwarded-for": addr });

  it("slows a username with a growing delay after a few failures, without checking the password meanwhile", async () => {
    await createAccount({ username: "target", name: "Target", role: "manager", password: "target-password-1" });
    const { FREE_FAILURES, recordSignIn, signInWaitUntil } = await import("./throttle");
    // Failures spread over many addresses, as a distributed guesser would.
    for (let i = 0; i < FREE_FAILURES.username; i++) await recordSignIn("target", `10.0.0.${i}`, false);
    expect(await signInWaitUntil("target", "10.9.9.9")).toBe(0);
    const t0 = Date.now();
    await recordSignIn("target", "10.0.1.1", false);
    const first = (await signInWaitUntil("target", "10.9.9.9")) - t0;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(1_500);
    await recordSignIn("target", "10.0.1.2", false);
    const second = (await signInWaitUntil("target", "10.9.9.9")) - Date.now();
    expect(second).toBeGreaterThan(first);
    // Even the right password is refused while the username waits, and says so.
    await expect(authorizeCredentials({ username: "target", password: "target-password-1" }, from("10.9.9.9"))).rejects.toThrow(
      "SignInThrottled",
    );
    // Not a lock: other usernames are untouched, and the wait ends by itself.
    expect(await authorizeCredentials({ username: "manager", password: "manager-demo-2026" }, from("10.9.9.9"))).not.toBeNull();
    await new Promise((r) => setTimeout(r, second + 100));
    expect(await authorizeCredentials({ username: "target", password: "target-password-1" }, from("10.9.9.9"))).not.toBeNull();
  });

  it("does not slow the owner's usual client for failures that came from elsewhere", async () => {
    await createAccount({ username: "owner", name: "Owner", role: "ops", password: "owner-password-1" });
    const { FREE_FAILURES, recordSignIn, signInWaitUntil } = await import("./throttle");
    expect(await authorizeCredentials({ username: "owner", password: "owner-password-1" }, from("192.168.7.7"))).not.toBeNull();
    // Time passes (a few timer turns): the client must stay known (a 30-day expiry once overflowed to 1 ms).
    await new Promise((r) => setTimeout(r, 30));
    for (let i = 0; i < FREE_FAILURES.username + 6; i++) await recordSignIn("owner", `172.16.0.${i}`, false);
    expect(await signInWaitUntil("owner", "172.16.9.9")).toBeGreaterThan(Date.now());
    expect(await signInWaitUntil("owner", "192.168.7.7")).toBe(0);
    expect(await authorizeCredentials({ username: "owner", password: "owner-password-1" }, from("192.168.7.7"))).not.toBeNull();
  });

  it("slows one client address guessing across usernames, not the others", async () => {
    const { FREE_FAILURES, recordSignIn, signInWaitUntil } = await import("./throttle");
    for (let i = 0; i < FREE_FAILURES.client + 1; i++) await recordSignIn(`nobody-${i}`, "203.0.113.5", false);
    expect(await signInWaitUntil("ops", "203.0.113.5")).toBeGreaterThan(Date.now());
    expect(await signInWaitUntil("ops", "203.0.113.6")).toBe(0);
  });

  it("lets an admin see and clear a username's delay", async () => {
    await createAccount({ username: "victim", name: "Victim", role: "manager", password: "victim-password-1" });
    const { FREE_FAILURES, clearSignInThrottle, recordSignIn, signInWaitUntil } = await import("./throttle");
    for (let i = 0; i < FREE_FAILURES.username + 8; i++) await recordSignIn("victim", `198.51.100.${i}`, false);
    const listed = (await listAccounts()).find((a) => a.username === "victim");
    expect(listed?.signInDelayedUntil).toBeGreaterThan(Date.now() + 60_000);
    await clearSignInThrottle("victim");
    expect(await signInWaitUntil("victim", "198.51.100.200")).toBe(0);
    expect((await listAccounts()).find((a) => a.username === "victim")?.signInDelayedUntil).toBeNull();
  });
});

describe("sessions end on the server", () => {
  const signInToken = async (id: string) =>
    authOptions().callbacks!.jwt!({
      token: { sub: id },
      user: { id } as User,
      account: { provider: "credentials", type: "credentials", providerAccountId: id } as NextAuthAccount,
    });

  it("refuses a signed-out session's cookie, while a new sign-in works", async () => {
    const a = await createAccount({ username: "leaver", name: "Leaver", role: "operator", password: "leaver-password-1" });
    const token = await signInToken(a.id);
    expect(await userFromSession(token)).not.toBeNull();
    await authOptions().events!.signOut!({ token, session: undefined as never });
    // The same cookie, presented again (e.g. kept by an attacker), no longer opens a session.
    expect(await userFromSession(token)).toBeNull();
    expect(await userFromSession(await signInToken(a.id))).not.toBeNull();
  });

  it("ends the sessions of a disabled, demoted or re-passworded account, not of a promoted one", async () => {
    const a = await createAccount({ username: "changing", name: "Changing", role: "ops", password: "changing-password-1" });
    let token = await signInToken(a.id);
    await updateAccount(a.id, { role: "admin" });
    expect((await userFromSession(token))?.role).toBe("admin");
    await updateAccount(a.id, { role: "operator" });
    expect(await userFromSession(token)).toBeNull();
    token = await signInToken(a.id);
    await updateAccount(a.id, { password: "changing-password-2" });
    expect(await userFromSession(token)).toBeNull();
    token = await signInToken(a.id);
    await updateAccount(a.id, { disabled: true });
    await updateAccount(a.id, { disabled: false });
    expect(await userFromSession(token)).toBeNull();
    expect(await userFromSession(await signInToken(a.id))).not.toBeNull();
  });
});
