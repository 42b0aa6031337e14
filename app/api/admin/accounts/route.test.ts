import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/auth/session";
import { useThrowawayDatabase } from "@/server/db/testing";

// bcrypt and PGlite share two cores with parallel test files: allow for a slow machine.
vi.setConfig({ testTimeout: 60_000 });

useThrowawayDatabase({ CONSOLE_DEMO: "1" });

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", async (orig) => ({ ...(await orig<object>()), getSessionUser: async () => session.user }));

const { auditLog, closeDb, db } = await import("@/server/db");
const accountsRoute = await import("./route");
const accountRoute = await import("./[id]/route");
const throttleRoute = await import("./[id]/throttle/route");
const auditRoute = await import("../../audit/route");
const exportRoute = await import("../../audit/export/route");
const { authorizeCredentials } = await import("@/server/auth/options");
const { accountListSchema, accountSchema } = await import("@/lib/schemas/accounts");
const { auditPageSchema } = await import("@/lib/schemas/audit");

beforeAll(async () => {
  await db();
  const [admin] = (await (await db()).select().from((await import("@/server/db")).accounts)).filter((a) => a.username === "admin");
  session.user = { id: admin!.id, username: "admin", name: "Demo Admin", role: "admin" };
});
afterAll(() => closeDb());

const H = { host: "c.test", origin: "http://c.test", "content-type": "application/json", "accept-language": "en" };
const noParams = { params: Promise.resolve({}) };
const call = (method: string, url: string, body?: unknown) =>
  new NextRequest(`http://c.test${url}`, { method, headers: H, body: body === undefined ? undefined : JSON.stringify(body) });

describe("admin accounts API", () => {
  it("lists accounts without password hashes", async () => {
    const res = await accountsRoute.GET(call("GET", "/api/admin/accounts"), noParams);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toMatch(/\$2[aby]\$|passwordHash|password_hash/);
    expect(accountListSchema.parse(JSON.parse(text)).items.map((a) => a.username)).toContain("manager");
  });

  it("creates an account (201), audits it without the password, and the account can sign in", async () => {
    const res = await accountsRoute.POST(
      call("POST", "/api/admin/accounts", { username: "Newbie", name: "New Bie", role: "operator", password: "newbie-password-1" }),
      noParams,
    );
    expect(res.status).toBe(201);
    const created = accountSchema.parse(await res.json());
    expect(created).toMatchObject({ username: "newbie", role: "operator", provider: "local", disabled: false });
    expect(await authorizeCredentials({ username: "newbie", password: "newbie-password-1" })).not.toBeNull();
    const [a] = (await (await db()).select().from(auditLog)).filter((r) => r.action === "account.create");
    expect(a).toMatchObject({ status: "ok", target: "newbie", username: "admin" });
    expect(JSON.stringify(a)).not.toContain("newbie-password-1");
  });

  it("answers bad input and duplicates with 400/409 messages, not 500", async () => {
    const weak = await accountsRoute.POST(
      call("POST", "/api/admin/accounts", { username: "x y", name: "", role: "root", password: "short" }),
      noParams,
    );
    expect(weak.status).toBe(400);
    const dup = await accountsRoute.POST(
      call("POST", "/api/admin/accounts", { username: "ops", name: "Dup", role: "ops", password: "dup-password-12" }),
      noParams,
    );
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { error: { message: string } }).error.message).toContain("ops");
  });

  it("re-roles, disables and resets the password of an account", async () => {
    const list = accountListSchema.parse(await (await accountsRoute.GET(call("GET", "/api/admin/accounts"), noParams)).json());
    const newbie = list.items.find((a) => a.username === "newbie")!;
    const ctx = { params: Promise.resolve({ id: newbie.id }) };
    const r1 = await accountRoute.PATCH(
      call("PATCH", `/api/admin/accounts/${newbie.id}`, { role: "ops", password: "another-password-2" }),
      ctx,
    );
    expect(accountSchema.parse(await r1.json()).role).toBe("ops");
    expect(await authorizeCredentials({ username: "newbie", password: "newbie-password-1" })).toBeNull();
    expect(await authorizeCredentials({ username: "newbie", password: "another-password-2" })).not.toBeNull();
    const r2 = await accountRoute.PATCH(call("PATCH", `/api/admin/accounts/${newbie.id}`, { disabled: true }), ctx);
    expect(accountSchema.parse(await r2.json()).disabled).toBe(true);
    expect(await authorizeCredentials({ username: "newbie", password: "another-password-2" })).toBeNull();
    const audit = (await (await db()).select().from(auditLog).orderBy(auditLog.id)).filter((r) => r.action === "account.update");
    expect(audit.map((r) => r.payload)).toEqual([
      { role: "ops", changed: ["role", "password"] },
      { disabled: true, changed: ["disabled"] },
    ]);
    expect(JSON.stringify(audit)).not.toContain("another-password-2");
  });

  it("404s an unknown account, 400s an id that cannot be one and an empty change", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(
      (
        await accountRoute.PATCH(call("PATCH", `/api/admin/accounts/${unknown}`, { name: "x" }), {
          params: Promise.resolve({ id: unknown }),
        })
      ).status,
    ).toBe(404);
    expect(
      (await accountRoute.PATCH(call("PATCH", "/api/admin/accounts/nope", { name: "x" }), { params: Promise.resolve({ id: "nope" }) }))
        .status,
    ).toBe(400);
    expect(
      (await accountRoute.PATCH(call("PATCH", "/api/admin/accounts/nope", {}), { params: Promise.resolve({ id: "nope" }) })).status,
    ).toBe(400);
  });

  it("refuses to disable the last admin (409) and records the failed attempt", async () => {
    const id = session.user!.id;
    const res = await accountRoute.PATCH(call("PATCH", `/api/admin/accounts/${id}`, { disabled: true }), {
      params: Promise.resolve({ id }),
    });
    expect(res.status).toBe(409);
    const last = (await (await db()).select().from(auditLog).orderBy(auditLog.id)).at(-1);
    expect(last).toMatchObject({ action: "account.update", status: "error", errorCode: "CONFLICT" });
  });
});

describe("audit API", () => {
  it("pages and filters the log", async () => {
    const res = await auditRoute.GET(call("GET", "/api/audit?action=account.&status=ok&page_size=2"), noParams);
    const page = auditPageSchema.parse(await res.json());
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(2);
    expect(page.items.every((i) => i.status === "ok" && i.action.startsWith("account."))).toBe(true);
    expect((await auditRoute.GET(call("GET", "/api/audit?status=maybe"), noParams)).status).toBe(400);
    expect((await auditRoute.GET(call("GET", "/api/audit?from=2026-02-01&to=2026-01-01"), noParams)).status).toBe(400);
  });

  it("exports the filtered log as CSV with a BOM and localized headers", async () => {
    const res = await exportRoute.GET(
      new NextRequest("http://c.test/api/audit/export?action=account.update", { headers: { ...H, cookie: "gw_locale=zh-CN" } }),
      noParams,
    );
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="audit-\d{12}\.csv"/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^编号,时间 \(UTC\),用户/);
    expect(lines).toHaveLength(1 + 3);
    expect(lines.slice(1).every((l) => l.includes("account.update"))).toBe(true);
    // JSON payloads are quoted CSV fields
    expect(lines.some((l) => l.includes('"{""changed"":[""disabled""],""disabled"":true}"'))).toBe(true);
  });

  it("lets an admin clear a username's sign-in delay (audited), which lifts it for every client", async () => {
    const { FREE_FAILURES, recordSignIn, signInWaitUntil } = await import("@/server/auth/throttle");
    for (let i = 0; i < FREE_FAILURES.username + 3; i++) await recordSignIn("operator", `192.0.2.${i}`, false);
    expect(await signInWaitUntil("operator", "192.0.2.200")).toBeGreaterThan(0);
    const listed = accountListSchema.parse(await (await accountsRoute.GET(call("GET", "/api/admin/accounts"), noParams)).json());
    const op = listed.items.find((a) => a.username === "operator")!;
    expect(op.signInDelayedUntil).toBeGreaterThan(Date.now());
    const res = await throttleRoute.DELETE(call("DELETE", `/api/admin/accounts/${op.id}/throttle`), {
      params: Promise.resolve({ id: op.id }),
    });
    expect(res.status).toBe(204);
    expect(await signInWaitUntil("operator", "192.0.2.200")).toBe(0);
    const [a] = (await (await db()).select().from(auditLog)).filter((r) => r.action === "account.unlock");
    expect(a).toMatchObject({ status: "ok", target: "operator", username: "admin" });
  });
});
