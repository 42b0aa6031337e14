/**
 * The console launcher (`npm start`, `npm run serve`, `npm run dev`): a plain Node program run
 * by tsx, not part of the Next bundle.
 *
 * Without GIZWITS_API_BASE it starts the embedded emulator (spawnEmulator(), the same program as
 * `npm run emulator`), points the console at it, turns on demo mode and prints the demo
 * accounts. With GIZWITS_API_BASE it
 * runs against that upstream and requires the rest of the configuration to be set. Then it runs
 * `next start` (or `next dev` with --dev), forwards SIGINT/SIGTERM and exits when a child dies.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isIP } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import nextEnv from "@next/env";
import { DEMO_ACCOUNTS } from "../../lib/demo-accounts";
import { type EmulatorTenant, emulatorControl, tenantEnv } from "./emulator-control";
import { spawnEmulator } from "./emulator-process";

const root = path.resolve(import.meta.dirname, "../..");
const dev = process.argv.includes("--dev");
const children: ChildProcess[] = [];
let stopping = false;

function fail(message: string): never {
  console.error(`\n[console] ${message}\n`);
  stopAll("SIGTERM");
  process.exit(1);
}

function stopAll(signal: NodeJS.Signals): void {
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null || c.pid === undefined) continue;
    // Children share the launcher's process group, so a supervisor that kills the group (Playwright's
    // webServer, a terminal's Ctrl-C) takes them all; a signal sent to the launcher alone is forwarded
    // here, and npm/tsx pass it on to their own children.
    c.kill(signal);
  }
}

function track(child: ChildProcess, name: string): ChildProcess {
  children.push(child);
  child.on("exit", (code, signal) => {
    if (stopping) return;
    stopping = true;
    console.error(`[console] ${name} exited (${signal ?? `code ${code}`}); stopping.`);
    stopAll("SIGTERM");
    setTimeout(() => process.exit(code ?? 1), 500).unref();
  });
  return child;
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    stopping = true;
    stopAll(sig);
    // next start lets requests in flight finish first (a read may retry for ~35 s): wait for it.
    setTimeout(() => process.exit(0), 40_000).unref();
    Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once("exit", r))))).then(
      () => process.exit(0),
    );
  });
}

async function configureFromEmulator(): Promise<void> {
  const port = Number(process.env.EMULATOR_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail("EMULATOR_PORT must be a port number");
  let url: string;
  try {
    const emu = await spawnEmulator({
      port,
      onLine: (line) => {
        // The emulator announces its tenant, secrets included: keep those out of the console's log.
        if (line.trim() && !/SECRET|GIZWITS_PRODUCTS=/i.test(line)) console.log(`[emulator] ${line}`);
      },
    });
    track(emu.child, "emulator");
    url = emu.url;
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  let tenant: EmulatorTenant;
  try {
    tenant = await emulatorControl(url).tenant();
  } catch {
    fail("the emulator's /__emulator/tenant answer was not understood");
  }
  // The emulator also serves the Open API (/app/...) on the same port.
  Object.assign(process.env, { ...tenantEnv(url, tenant), GIZWITS_OPENAPI_BASE: url, CONSOLE_DEMO: "1" });
  console.log(`[console] embedded emulator at ${url} (${tenant.products.length} products)`);
}

/** A demo console keeps its generated session secret in the data dir so restarts keep sessions. */
function demoSecret(dataDir: string): string {
  const file = path.join(dataDir, "nextauth-secret");
  if (existsSync(file)) {
    const s = readFileSync(file, "utf8").trim();
    if (s.length >= 32) return s;
  }
  const s = randomBytes(32).toString("base64url");
  writeFileSync(file, `${s}\n`, { mode: 0o600 });
  return s;
}

/** HOSTNAME is often the machine's name exported by the shell or container, not a bind address. */
function bindHost(): string {
  const h = process.env.HOSTNAME?.trim();
  if (!h || h === os.hostname()) return "0.0.0.0";
  return h;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end && !stopping) {
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      if (res.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main(): Promise<void> {
  nextEnv.loadEnvConfig(root, dev);
  const port = process.env.PORT ?? "3000";
  const host = bindHost();
  const dataDir = path.resolve(root, process.env.CONSOLE_DATA_DIR ?? ".data");
  mkdirSync(dataDir, { recursive: true });

  const demo = !process.env.GIZWITS_API_BASE;
  if (demo) {
    await configureFromEmulator();
  } else {
    const missing = ["GIZWITS_ENTERPRISE_ID", "GIZWITS_ENTERPRISE_SECRET", "GIZWITS_PRODUCTS", "NEXTAUTH_SECRET"].filter(
      (k) => !process.env[k],
    );
    if (missing.length) fail(`GIZWITS_API_BASE is set, so also set ${missing.join(", ")} (see .env.example).`);
  }
  if (!process.env.NEXTAUTH_SECRET) process.env.NEXTAUTH_SECRET = demoSecret(dataDir);
  const publicHost = host === "0.0.0.0" || host === "::" ? "localhost" : isIP(host) === 6 ? `[${host}]` : host;
  process.env.NEXTAUTH_URL ??= `http://${publicHost}:${port}`;
  process.env.CONSOLE_DATA_DIR = dataDir;

  if (!dev && !existsSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    fail("No production build found in .next: run `npm run build` first (`npm start` builds and starts).");
  }
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  track(
    spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", port, "-H", host], {
      cwd: root,
      // The request guard (request-guard.mjs) sits in front of Next's handler in every server process.
      env: {
        ...process.env,
        NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${pathToFileURL(path.join(root, "server/cli/request-guard.mjs")).href}`]
          .filter(Boolean)
          .join(" "),
      },
      stdio: "inherit",
    }),
    "next",
  );

  if (!(await waitForHttp(`http://${isIP(host) === 6 ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/signin`, 180_000)))
    return;
  const lines = [``, `  Gizwits Enterprise Console: ${process.env.NEXTAUTH_URL}`];
  if (demo) {
    lines.push(`  Demo mode (embedded emulator, no real devices). Sign in with:`, ``);
    const w = Math.max(...DEMO_ACCOUNTS.map((a) => a.username.length));
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.username.padEnd(w)}  ${a.password.padEnd(20)}  ${a.role}`);
  } else {
    lines.push(`  Upstream: ${new URL(process.env.GIZWITS_API_BASE!).origin}`);
  }
  console.log(`${lines.join("\n")}\n`);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
