import { afterAll, describe, expect, it, vi } from "vitest";
import { useThrowawayDatabase } from "./testing";

// bcrypt and PGlite share two cores with parallel test files: allow for a slow machine.
vi.setConfig({ testTimeout: 60_000 });

useThrowawayDatabase({ CONSOLE_DEMO: "1", CONSOLE_BOOTSTRAP_ADMIN: "root:root-password-1" });

const { accounts, closeDb, db, groupMeta } = await import("./index");
const { verifyPassword } = await import("@/server/auth/password");
const { DEMO_ACCOUNTS } = await import("@/lib/demo-accounts");

afterAll(() => closeDb());

describe("db()", () => {
  it("opens, migrates and seeds once even when first used concurrently", async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => db()));
    expect(new Set(all).size).toBe(1);
    const rows = await all[0]!.select().from(accounts);
    expect(rows.map((r) => r.username).sort()).toEqual([...DEMO_ACCOUNTS.map((a) => a.username), "root"].sort());
  });

  it("stores demo and bootstrap passwords as bcrypt hashes that verify", async () => {
    const rows = await (await db()).select().from(accounts);
    const admin = rows.find((r) => r.username === "admin")!;
    expect(admin.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(admin.passwordHash).not.toContain("admin-demo-2026");
    expect(await verifyPassword("admin-demo-2026", admin.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong-password", admin.passwordHash)).toBe(false);
    const root = rows.find((r) => r.username === "root")!;
    expect(root.role).toBe("admin");
    expect(await verifyPassword("root-password-1", root.passwordHash)).toBe(true);
  });

  it("keeps data across a reopen of the same directory and does not seed again", async () => {
    const d = await db();
    await d.insert(groupMeta).values({ productKey: "pk", gid: "g1", name: "Floor 1" });
    await closeDb();
    const again = await db();
    const [g] = await again.select().from(groupMeta);
    expect(g?.name).toBe("Floor 1");
    expect((await again.select().from(accounts)).length).toBe(DEMO_ACCOUNTS.length + 1);
  });
});
