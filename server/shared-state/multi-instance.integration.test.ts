/**
 * Two console instances, one Gizwits emulator, one Redis, one PostgreSQL (issue 15).
 *
 * What "a console instance" is here: a separate Node process running the console's server layer —
 * every app/api route handler through defineRoute, the Gizwits client, database, audit and shared
 * state — behind a plain node:http server (test/instance.ts), each with its own memory, configured
 * like the real console (GIZWITS_*, DATABASE_URL, REDIS_URL). Not two `next start` processes:
 * those need a production build (minutes on this 2-core machine, and `npm test` builds once, later,
 * for Playwright), and what is shared between instances lives entirely below the route handlers;
 * Next adds only routing and the session cookie, which test/session-stub.ts replaces with an
 * `x-test-role` header. Separate processes (not two module graphs in one process) because the
 * console keeps its per-process state on globalThis: only processes give each instance its own.
 *
 * Requests go round-robin to the two ports, like a balancer would send them. The emulator is
 * reached only over HTTP; its /__emulator/stats counts the upstream calls. This file starts its
 * own emulator and its own redis-server (it stops and restarts it), and creates a fresh
 * database on TEST_DATABASE_URL. Skipped, with a message, when TEST_REDIS_URL is unset; the test
 * command (.ci/services.sh) always sets it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type EmulatorControl, emulatorControl, tenantEnv } from "@/server/cli/emulator-control";
import { type SpawnedEmulator, spawnEmulator } from "@/server/cli/emulator-process";

// Three programs (two instances compiling the server layer on first use, an emulator) share two
// cores with the rest of the suite: allow for a slow machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 240_000 });

const REDIS_URL = process.env.TEST_REDIS_URL;
const DATABASE_URL = process.env.TEST_DATABASE_URL;
const enabled = !!REDIS_URL && !!DATABASE_URL;
if (!enabled) {
  console.warn(
    '[skip] server/shared-state/multi-instance.integration.test.ts: TEST_REDIS_URL / TEST_DATABASE_URL are not set — run it through `npm test`, or `eval "$(bash .ci/services.sh start)"` first',
  );
}

const root = path.resolve(import.meta.dirname, "../..");
const TOKEN_ROUTE = "POST /v1/products/{product_key}/access_token";
const SEARCH_ROUTE = "GET /v1/products/{product_key}/devices/search";
const CONTROL_ROUTE = "POST /v1/products/{product_key}/devices/{did}/control";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A redis-server of this test's own, so it can be stopped and started again. */
class OwnRedis {
  child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    // appendonly: the records survive a restart, as a production Redis should be configured.
    this.child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--dir", this.dir],
      { stdio: "ignore" },
    );
    const { Redis } = await import("ioredis");
    for (let i = 0; i < 100; i++) {
      const c = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      c.on("error", () => undefined);
      try {
        await c.connect();
        await c.ping();
        c.disconnect();
        return;
      } catch {
        c.disconnect();
        await sleep(100);
      }
    }
    throw new Error("redis-server did not start (is Debian's redis-server installed? .ci/services.sh installs it)");
  }
  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill("SIGTERM");
    });
  }
}

interface Instance {
  url: string;
  child: ChildProcess;
}

function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./server/shared-state/test/register.mjs", "server/shared-state/test/instance.ts"],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("a console instance did not start within 180 s")), 180_000);
    child.once("exit", (code) => reject(new Error(`a console instance exited while starting (code ${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /^INSTANCE_READY (\S+)/.exec(line.trim());
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child });
      }
    });
  });
}

async function stopInstance(i: Instance): Promise<number | null> {
  if (i.child.exitCode !== null) return i.child.exitCode;
  return new Promise((resolve) => {
    i.child.once("exit", (code) => resolve(code));
    i.child.kill("SIGTERM");
    setTimeout(() => i.child.kill("SIGKILL"), 15_000).unref();
  });
}

let emu: SpawnedEmulator;
let control: EmulatorControl;
let redis: OwnRedis;
let redisDir: string;
let dbName: string;
let dbUrl: string;
let instances: Instance[] = [];
let instanceEnv: Record<string, string>;
let rr = 0;
let pk: string;
let products: string[];
let device: { did: string; mac: string };

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  via: string;
}

/** One request through the "balancer": round-robin between the instances unless `on` is given. */
async function call(
  urlPath: string,
  opts: { method?: string; body?: unknown; key?: string; on?: number; role?: string; lang?: string } = {},
): Promise<Answer> {
  const i = instances[opts.on ?? rr++ % instances.length]!;
  const headers: Record<string, string> = { "x-test-role": opts.role ?? "ops", "accept-language": opts.lang ?? "en" };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.key) headers["idempotency-key"] = opts.key;
  const res = await fetch(`${i.url}${urlPath}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null, via: i.url };
}

const searchPath = (productKey: string, mac: string) => `/api/products/${productKey}/devices/search?type=mac&val=${mac}`;
const controlPath = () => `/api/products/${pk}/devices/${device.did}/control`;
const routeCalls = async (route: string) => (await control.stats()).callsByRoute[route] ?? 0;

async function auditRows(): Promise<{ action: string; status: string; target: string | null; username: string | null }[]> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const r = await c.query<{ action: string; status: string; target: string | null; username: string | null }>(
      "select action, status, target, username from audit_log where action = 'device.control' order by id",
    );
    return r.rows;
  } finally {
    await c.end();
  }
}

/** Waits until both instances report Redis reachable again (no restart of theirs). */
async function rejoined(): Promise<void> {
  for (const on of [0, 1]) {
    let h: Answer | null = null;
    for (let i = 0; i < 50; i++) {
      h = await call("/api/health", { on });
      if ((h.body as { redis?: { ok?: boolean } }).redis?.ok) break;
      await sleep(200);
    }
    expect(h?.body).toMatchObject({ status: "ok", redis: { ok: true } });
  }
}

/** The part of the Redis restart test that runs while Redis is stopped. */
async function whileRedisIsDown(): Promise<void> {
  // Reads keep working from each instance's memory, marked.
  const reads = await Promise.all([0, 1].map((on) => call(searchPath(pk, device.mac), { on })));
  for (const r of reads) {
    expect(r.status).toBe(200);
    expect(r.headers.get("x-console-degraded")).toBe("shared-state");
  }
  // A control needs the shared idempotency record: refused, in the user's language, nothing sent.
  const before = await routeCalls(CONTROL_ROUTE);
  const refused = await call(controlPath(), {
    method: "POST",
    body: { attrs: { switch: true } },
    key: `it-down-${Date.now()}`,
    lang: "zh-CN",
  });
  expect(refused.status).toBe(503);
  expect(JSON.stringify(refused.body)).toMatch(/Redis/);
  expect(JSON.stringify(refused.body)).toMatch(/未发送/);
  expect(await routeCalls(CONTROL_ROUTE)).toBe(before);
  const health = await call("/api/health");
  expect(health.body).toMatchObject({ status: "degraded", redis: { configured: true, ok: false }, database: { ok: true } });
}

describe.skipIf(!enabled)("two console instances sharing Redis and PostgreSQL", () => {
  beforeAll(async () => {
    emu = await spawnEmulator({ env: { ...process.env, EMULATOR_PORT: "0", EMULATOR_DEVICES: "500" } });
    control = emulatorControl(emu.url);
    const tenant = await control.tenant();
    products = tenant.products.map((p) => p.product_key);
    const sample = await control.sample();
    const controllable = sample.find((p) => p.remote_control && p.online.length + p.offline.length > 0)!;
    pk = controllable.product_key;
    device = controllable.online[0] ?? controllable.offline[0]!;
    await control.setOnline(device.did, true);

    redisDir = mkdtempSync(path.join(os.tmpdir(), "console-it-redis-"));
    redis = new OwnRedis(await freePort(), redisDir);
    await redis.start();

    dbName = `console_it_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(DATABASE_URL!);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();

    instanceEnv = {
      ...tenantEnv(emu.url, tenant),
      DATABASE_URL: dbUrl,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: "it:",
      NEXTAUTH_SECRET: "multi-instance-test-secret-0123456789",
      GIZWITS_TIMEOUT_MS: "3000",
      GIZWITS_INTERACTIVE_RESERVE: "5",
    };
    // Both start at once against an empty database: migrations must serialize themselves.
    instances = await Promise.all([startInstance(instanceEnv), startInstance(instanceEnv)]);
    await control.resetStats();
  });

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await redis?.stop();
    await emu?.stop();
    if (redisDir) rmSync(redisDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }, 60_000);

  it("fetches one token per product for both instances", async () => {
    // Every product asked on both instances at once: six first requests, three tokens.
    const asks = products.flatMap((p) => [0, 1].map((on) => call(searchPath(p, "000000000001"), { on })));
    const answers = await Promise.all(asks);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(await routeCalls(TOKEN_ROUTE)).toBe(products.length);
  });

  it("answers a question asked on both instances with one upstream call", async () => {
    await control.resetStats();
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(searchPath(pk, device.mac))));
    expect(new Set(answers.map((a) => a.via)).size).toBe(2);
    for (const a of answers) expect(a.body).toMatchObject({ devices: [{ did: device.did }] });
    expect(await routeCalls(SEARCH_ROUTE)).toBe(1);
    // Asked again later on either instance: still the cached answer.
    await call(searchPath(pk, device.mac), { on: 0 });
    await call(searchPath(pk, device.mac), { on: 1 });
    expect(await routeCalls(SEARCH_ROUTE)).toBe(1);
  });

  it("sends a control retried with its Idempotency-Key on the other instance once, and every instance sees the write", async () => {
    await control.resetStats();
    const key = `it-control-${Date.now()}`;
    const body = { attrs: { switch: true } };
    const first = await call(controlPath(), { method: "POST", body, key, on: 0 });
    expect(first.status).toBe(200);
    const retried = await call(controlPath(), { method: "POST", body, key, on: 1 });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    // The same key sent to both at the same moment: one is sent, the other is told to wait or replayed.
    const key2 = `it-control-2-${Date.now()}`;
    const both = await Promise.all(
      [0, 1].map((on) => call(controlPath(), { method: "POST", body: { attrs: { switch: false } }, key: key2, on })),
    );
    expect(both.map((a) => a.status).sort()).toEqual(expect.arrayContaining([200]));
    for (const a of both) expect([200, 409]).toContain(a.status);
    expect(await routeCalls(CONTROL_ROUTE)).toBe(2);
    // The write invalidated the cached search on both instances: the next read goes upstream.
    await call(searchPath(pk, device.mac), { on: 0 });
    await call(searchPath(pk, device.mac), { on: 1 });
    expect(await routeCalls(SEARCH_ROUTE)).toBe(1);
  });

  it("keeps a complete audit trail in the shared database: one finished record per command sent, none for replays", async () => {
    const sent = (await control.stats()).callsByRoute[CONTROL_ROUTE] ?? 0;
    const rows = (await auditRows()).filter((r) => r.target === device.did);
    expect(rows).toHaveLength(sent);
    for (const r of rows) expect(r).toMatchObject({ status: "ok", username: "it-ops" });
  });

  it("survives a Redis restart: reads from memory marked degraded, shared-record writes refused, then rejoins", async () => {
    await redis.stop();
    try {
      await whileRedisIsDown();
    } finally {
      // Whatever happened above, the later tests need Redis back.
      await redis.start();
    }
    // Both rejoin without a restart (ioredis reconnects within ~2 s).
    await rejoined();
    for (const i of instances) expect(i.child.exitCode).toBeNull();
    const after = await call(searchPath(pk, "000000000002"));
    expect(after.status).toBe(200);
    expect(after.headers.get("x-console-degraded")).toBeNull();
    // A key used before the restart is still recognised (Redis with appendonly kept the record).
    const sentBefore = await routeCalls(CONTROL_ROUTE);
    const keyBefore = `it-persist-${Date.now()}`;
    await call(controlPath(), { method: "POST", body: { attrs: { switch: true } }, key: keyBefore, on: 0 });
    await redis.stop();
    await redis.start();
    await rejoined();
    const replay = await call(controlPath(), { method: "POST", body: { attrs: { switch: true } }, key: keyBefore, on: 1 });
    expect(replay.status).toBe(200);
    expect(await routeCalls(CONTROL_ROUTE)).toBe(sentBefore + 1);
  }, 180_000);

  it("shuts down gracefully: a request in flight when SIGTERM arrives still gets its answer", async () => {
    await control.config({ latencyMs: 1500 });
    const slow = call(searchPath(products[1]!, "0000000000ff"), { on: 0 });
    await sleep(300);
    const exited = stopInstance(instances[0]!);
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(await exited).toBe(0);
    await control.config({ latencyMs: 0 });
    // A new instance takes its place and joins the fleet's shared state.
    instances[0] = await startInstance(instanceEnv);
    const joined = await call(searchPath(pk, device.mac), { on: 0 });
    expect(joined.status).toBe(200);
  }, 180_000);

  it("keeps the summed upstream calls of both instances within the quota", async () => {
    const stats = await control.stats();
    const budget = 30;
    // The tenant's hour: what was already used plus 30 more.
    await control.config({ quota: stats.quota.used + budget });
    await control.resetStats();
    const statuses: number[] = [];
    // 80 different questions, 8 at a time, round-robin: more than the budget allows.
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => call(searchPath(pk, (batch * 8 + i + 0x100000).toString(16).padStart(12, "0")))),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    const after = await control.stats();
    expect(after.quota.used).toBeLessThanOrEqual(after.quota.limit);
    expect(after.calls).toBeLessThanOrEqual(budget);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    // The rest were refused by the console itself (429), not by Gizwits.
    expect(statuses.filter((s) => s !== 200).every((s) => s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(80 - budget);
  }, 180_000);
});
