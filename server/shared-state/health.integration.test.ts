/**
 * GET /api/health against a throwaway PGlite database and the shared test emulator: the report's
 * shape, that it names no URL or secret, and that an unreachable Redis or upstream is reported
 * as "degraded" (still 200: the instance can serve) while a draining instance answers 503.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useThrowawayDatabase } from "@/server/db/testing";
import { emulator } from "@/server/gizwits/test/emulator";

const emu = emulator();
emu.useEnv();
useThrowawayDatabase();

const { GET } = await import("@/app/api/health/route");
const { healthSchema, markDraining } = await import("./health");
const { closeDb, db } = await import("@/server/db");
const { resetEnv } = await import("@/server/env");
const { closeRedis } = await import("./redis");

// Opening a fresh PGlite (migrations) takes seconds; health gives the database 2 s.
beforeAll(() => db());
afterAll(async () => {
  await closeRedis();
  await closeDb();
});

async function health() {
  const res = await GET();
  const text = await res.text();
  return { status: res.status, text, body: healthSchema.parse(JSON.parse(text)) };
}

describe("GET /api/health", () => {
  it("reports the database, Redis and the upstream without naming any of them", { timeout: 60_000 }, async () => {
    const { status, body, text } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      database: { kind: "pglite", ok: true },
      redis: { configured: false, ok: null },
      upstream: { ok: true },
    });
    for (const secret of [emu.url, emu.tenant.enterprise_secret, process.env.NEXTAUTH_SECRET!]) expect(text).not.toContain(secret);
  });

  it("says degraded (still serving) when Redis is configured but unreachable, and draining (503) on shutdown", {
    timeout: 60_000,
  }, async () => {
    process.env.REDIS_URL = "redis://:hunter2-password@127.0.0.1:9";
    process.env.DATABASE_URL = "postgres://user:pw@127.0.0.1:9/unused";
    resetEnv();
    // The database stays the PGlite opened above (db() keeps its connection); only Redis changes.
    const { body, status, text } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "degraded", redis: { configured: true, ok: false } });
    expect(text).not.toContain("hunter2");
    markDraining();
    expect((await health()).status).toBe(503);
    delete process.env.REDIS_URL;
    delete process.env.DATABASE_URL;
    resetEnv();
  });
});
