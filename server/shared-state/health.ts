import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { redis, sharedStateConfigured } from "./redis";
import { processSingleton } from "@/server/process-singleton";

/**
 * GET /api/health: whether this instance can serve, for a load balancer and for operators.
 * Reports reachability only (booleans, latencies, the kind of database) and never a URL, host,
 * user name or driver message, so it can be public. Checking the upstream costs no quota: it is
 * a plain request to the API host's root (any HTTP answer means reachable), not a /v1 call, and
 * its result is kept for 15 s so probes cannot be turned into traffic to Gizwits.
 *
 * status: "ok"; "degraded" (serving, but Redis or Gizwits is unreachable); "down" (the database
 * is unreachable: sign-in and writes fail); "draining" (shutting down: in-flight requests
 * finish, the balancer should send new ones elsewhere). HTTP 200 for ok/degraded, 503 otherwise.
 */

export const healthSchema = z.object({
  status: z.enum(["ok", "degraded", "down", "draining"]),
  database: z.object({ kind: z.enum(["postgres", "pglite"]), ok: z.boolean(), ms: z.number().int().nullable() }),
  redis: z.object({ configured: z.boolean(), ok: z.boolean().nullable(), ms: z.number().int().nullable() }),
  upstream: z.object({ ok: z.boolean(), checkedAt: z.number().int() }),
});
export type Health = z.infer<typeof healthSchema>;

const CHECK_TIMEOUT_MS = 2000;
const UPSTREAM_KEEP_MS = 15_000;

const draining = processSingleton("__consoleDraining", () => false);
const upstreamProbe = processSingleton<{ at: number; result: Promise<boolean> } | null>("__consoleUpstreamProbe", () => null);

/** Called on SIGTERM/SIGINT: health answers "draining" while in-flight requests finish. */
export function markDraining(): void {
  draining.set(true);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("timeout")), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

async function timed(check: () => Promise<unknown>): Promise<{ ok: boolean; ms: number | null }> {
  const start = Date.now();
  try {
    await withTimeout(check(), CHECK_TIMEOUT_MS);
    return { ok: true, ms: Date.now() - start };
  } catch {
    return { ok: false, ms: null };
  }
}

function probeUpstream(): Promise<boolean> {
  const now = Date.now();
  const last = upstreamProbe.get();
  if (last && now - last.at < UPSTREAM_KEEP_MS) return last.result;
  const origin = new URL(env().GIZWITS_API_BASE).origin;
  const result = fetch(`${origin}/`, {
    method: "HEAD",
    signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    cache: "no-store",
    redirect: "manual",
  }).then(
    () => true,
    () => false,
  );
  upstreamProbe.set({ at: now, result });
  return result;
}

export async function healthReport(): Promise<Health> {
  const e = env();
  const [database, red, upstreamOk] = await Promise.all([
    timed(async () => (await db()).execute(sql`select 1`)),
    sharedStateConfigured()
      ? timed(async () => {
          const c = redis();
          if (c?.status !== "ready") throw new Error("not connected");
          await c.ping();
        })
      : Promise.resolve(null),
    probeUpstream(),
  ]);
  const redisOk = red === null ? null : red.ok;
  const status: Health["status"] = draining.get()
    ? "draining"
    : !database.ok
      ? "down"
      : redisOk === false || !upstreamOk
        ? "degraded"
        : "ok";
  return {
    status,
    database: { kind: e.DATABASE_URL ? "postgres" : "pglite", ok: database.ok, ms: database.ms },
    redis: { configured: red !== null, ok: redisOk, ms: red?.ms ?? null },
    upstream: { ok: upstreamOk, checkedAt: upstreamProbe.get()?.at ?? Date.now() },
  };
}
