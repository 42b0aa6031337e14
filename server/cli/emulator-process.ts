/**
 * The one way to start the Gizwits emulator as its own program: the entry file of the
 * `emulator` script in package.json, run as `node --import tsx <entry>` (without the npm and tsx
 * wrapper processes), configured through its EMULATOR_* environment. Resolves once the program prints
 * its single `EMULATOR_READY <url>` line.
 *
 * Shared by the launcher (server/cli/start.ts), vitest's globalSetup (server/gizwits/test) and
 * the benchmarks (bench/); Playwright gets its emulator from the launcher. The console app never
 * imports it, and it never imports the emulator's code: the emulator is reached over HTTP only
 * (see emulator-control.ts for its control surface).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

const root = path.resolve(import.meta.dirname, "../..");
const READY = /^EMULATOR_READY (\S+)$/;

export interface SpawnEmulatorOptions {
  /** EMULATOR_PORT; 0 picks a free port. Default: EMULATOR_PORT from `env`, else 0. */
  port?: number;
  /** EMULATOR_HOST. Default: the emulator's own (127.0.0.1). */
  host?: string;
  /** Environment of the program (default process.env), e.g. EMULATOR_DEVICES, EMULATOR_QUOTA. */
  env?: NodeJS.ProcessEnv;
  /** Every other line the emulator prints on stdout. The first ones include the tenant's secrets. */
  onLine?: (line: string) => void;
  /** How long to wait for EMULATOR_READY (default 60 s). */
  readyTimeoutMs?: number;
}

export interface SpawnedEmulator {
  /** Base URL from the EMULATOR_READY line, e.g. http://127.0.0.1:4010. */
  url: string;
  /** The emulator's own process (its pid is the server's). */
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** The emulator program's entry file: the last word of package.json's `emulator` script (one source of truth). */
function emulatorEntry(): string {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const entry = pkg.scripts?.emulator?.trim().split(/\s+/).at(-1);
  if (!entry) throw new Error("package.json has no `emulator` script naming the emulator's entry file");
  return path.join(root, entry);
}

export function spawnEmulator(opts: SpawnEmulatorOptions = {}): Promise<SpawnedEmulator> {
  const env: NodeJS.ProcessEnv = { ...(opts.env ?? process.env) };
  if (opts.port !== undefined) env.EMULATOR_PORT = String(opts.port);
  else env.EMULATOR_PORT ??= "0";
  if (opts.host !== undefined) env.EMULATOR_HOST = opts.host;
  const child = spawn(process.execPath, ["--import", "tsx", emulatorEntry()], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    timer.unref();
    await exited;
    clearTimeout(timer);
  };

  return new Promise<SpawnedEmulator>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timeoutMs = opts.readyTimeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      reject(new Error(`the emulator did not print EMULATOR_READY within ${timeoutMs / 1000} s`));
      void stop();
    }, timeoutMs);
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(
        new Error(
          `the emulator exited before it was ready (${signal ?? `code ${code}`}); is port ${env.EMULATOR_PORT} free? Set EMULATOR_PORT`,
        ),
      );
    };
    child.once("exit", onEarlyExit);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    lines.on("line", (line) => {
      const m = READY.exec(line.trim());
      if (!m) {
        opts.onLine?.(line);
        return;
      }
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      resolve({ url: m[1], child, stop });
    });
  });
}
