import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useThrowawayDatabase } from "@/server/db/testing";

// bcrypt and PGlite share two cores with parallel test files: allow for a slow machine.
vi.setConfig({ testTimeout: 60_000 });

useThrowawayDatabase();

const { auditLog, closeDb, db } = await import("@/server/db");
const { audited, iterateAudit, listAudit, recordDenied, redact } = await import("./audit");
const { AppError } = await import("./errors");

// Opening a fresh PGlite takes seconds on a busy machine: do it under the hook timeout, not a test's.
beforeAll(() => db());
afterAll(() => closeDb());

const ops = { id: "u-ops", username: "ops", name: "Ops", role: "ops" as const };
const admin = { id: "u-admin", username: "admin", name: "Admin", role: "admin" as const };

async function rows() {
  return (await db()).select().from(auditLog).orderBy(auditLog.id);
}

describe("audited()", () => {
  it("records the attempt as pending before sending, then completes it", async () => {
    let seenDuringSend: string | undefined;
    const result = await audited(
      { user: ops, action: "device.control", productKey: "pk1", target: "did-1", payload: { attrs: { power: true } } },
      async () => {
        const all = await rows();
        seenDuringSend = all.at(-1)?.status;
        return { ok: 1 };
      },
    );
    expect(result).toEqual({ ok: 1 });
    expect(seenDuringSend).toBe("pending");
    const last = (await rows()).at(-1)!;
    expect(last).toMatchObject({
      status: "ok",
      username: "ops",
      role: "ops",
      action: "device.control",
      productKey: "pk1",
      target: "did-1",
    });
    expect(last.payload).toEqual({ attrs: { power: true } });
    expect(last.finishedAt).toBeInstanceOf(Date);
    expect(last.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("records the error and upstream code, and rethrows the original error", async () => {
    const err = new AppError("UPSTREAM", { en: "Device offline", "zh-CN": "设备离线" }, { upstreamCode: 9042 });
    await expect(audited({ user: ops, action: "device.control", target: "did-2" }, () => Promise.reject(err))).rejects.toBe(err);
    expect((await rows()).at(-1)).toMatchObject({ status: "error", errorCode: "UPSTREAM", upstreamCode: 9042, message: "Device offline" });
  });

  it("does not store the text of unknown errors, which may hold URLs or credentials", async () => {
    await expect(
      audited({ user: ops, action: "device.control" }, () => Promise.reject(new Error("GET https://x/?secret=abc failed"))),
    ).rejects.toThrow();
    const last = (await rows()).at(-1)!;
    expect(last.errorCode).toBe("INTERNAL");
    expect(JSON.stringify(last)).not.toContain("secret=abc");
  });

  it("never sends when the audit record cannot be written", async () => {
    const d = await db();
    await d.execute(sql`ALTER TABLE audit_log RENAME TO audit_log_away`);
    const send = vi.fn(async () => "sent");
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(audited({ user: ops, action: "device.control" }, send)).rejects.toMatchObject({ status: 503 });
    } finally {
      await d.execute(sql`ALTER TABLE audit_log_away RENAME TO audit_log`);
      quiet.mockRestore();
    }
    expect(send).not.toHaveBeenCalled();
  });

  it("masks secret-looking keys at any depth before storing the payload", async () => {
    await audited(
      {
        user: admin,
        action: "account.create",
        payload: { username: "x", password: "hunter2hunter2", nested: [{ accessToken: "t0k", ok: 1 }], Authorization: "Bearer z" },
      },
      async () => null,
    );
    const last = (await rows()).at(-1)!;
    expect(last.payload).toEqual({
      username: "x",
      password: "[redacted]",
      nested: [{ accessToken: "[redacted]", ok: 1 }],
      Authorization: "[redacted]",
    });
    expect(JSON.stringify(last.payload)).not.toMatch(/hunter2|t0k|Bearer/);
    expect(redact({ product_secret: "s", appSecret: "s", api_key: "k", name: "n" })).toEqual({
      product_secret: "[redacted]",
      appSecret: "[redacted]",
      api_key: "[redacted]",
      name: "n",
    });
  });

  it("keeps oversized payloads as a bounded preview", async () => {
    await audited(
      { user: ops, action: "group.assign", payload: { macs: Array.from({ length: 20_000 }, (_, i) => `mac-${i}`) } },
      async () => 1,
    );
    const last = (await rows()).at(-1)!;
    expect(last.payload).toMatchObject({ truncated: true });
    expect(JSON.stringify(last.payload).length).toBeLessThan(10_000);
  });
});

describe("recordDenied()", () => {
  it("writes a finished 'denied' record with the reason", async () => {
    await recordDenied({
      user: { ...ops, role: "manager" },
      action: "POST /api/x",
      target: "/api/x",
      payload: { body: { token: "t" } },
      reason: "role manager lacks permission control",
    });
    expect((await rows()).at(-1)).toMatchObject({
      status: "denied",
      role: "manager",
      errorCode: "FORBIDDEN",
      message: "role manager lacks permission control",
      payload: { body: { token: "[redacted]" } },
    });
  });
});

describe("listAudit() and iterateAudit()", () => {
  it("filters by user, action prefix, product, status and text, newest first, with totals", async () => {
    const page = (f: Parameters<typeof listAudit>[0]) => listAudit(f);
    const all = await page({ page: 1, page_size: 200 });
    expect(all.total).toBe((await rows()).length);
    expect(all.items.map((i) => i.id)).toEqual([...all.items.map((i) => i.id)].sort((a, b) => b - a));

    const byUser = await page({ user: "admin", page: 1, page_size: 50 });
    expect(byUser.items.length).toBeGreaterThan(0);
    expect(byUser.items.every((i) => i.username === "admin")).toBe(true);

    expect((await page({ action: "device.", page: 1, page_size: 50 })).items.every((i) => i.action.startsWith("device."))).toBe(true);
    // LIKE wildcards in the filter are literal: "device_" must not match "device.control"
    expect((await page({ action: "device_", page: 1, page_size: 50 })).total).toBe(0);
    expect((await page({ product: "pk1", page: 1, page_size: 50 })).total).toBe(1);
    expect((await page({ status: "denied", page: 1, page_size: 50 })).items.map((i) => i.message)).toEqual([
      "role manager lacks permission control",
    ]);
    expect((await page({ q: "did-2", page: 1, page_size: 50 })).total).toBe(1);
    expect((await page({ q: "mac-100", page: 1, page_size: 50 })).total).toBe(1);

    const p2 = await page({ page: 2, page_size: 2 });
    expect(p2.items.map((i) => i.id)).toEqual(all.items.slice(2, 4).map((i) => i.id));
    expect(p2.total).toBe(all.total);
  });

  it("filters by time range", async () => {
    const future = new Date(Date.now() + 60_000);
    expect((await listAudit({ from: future, page: 1, page_size: 10 })).total).toBe(0);
    expect((await listAudit({ to: new Date(Date.now() - 3_600_000), page: 1, page_size: 10 })).total).toBe(0);
    expect((await listAudit({ from: new Date(Date.now() - 3_600_000), to: future, page: 1, page_size: 10 })).total).toBe(
      (await rows()).length,
    );
  });

  it("iterates every match across batches without gaps or repeats", async () => {
    const ids: number[] = [];
    for await (const r of iterateAudit({}, 1000, 2)) ids.push(r.id);
    expect(ids).toEqual((await rows()).map((r) => r.id).reverse());
    const limited: number[] = [];
    for await (const r of iterateAudit({}, 3, 2)) limited.push(r.id);
    expect(limited).toEqual(ids.slice(0, 3));
  });
});
