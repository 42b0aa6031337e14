/**
 * The console the benchmarks measure: the launcher (console + embedded emulator, production
 * build from NEXT_DIST_DIR or .next) on the given loopback ports with a throw-away data
 * directory, and a signed-in cookie for a demo account. One way for every bench to start it.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export interface BenchConsole {
  origin: string;
  emulator: string;
  /** Signs a demo account in through the credentials form; answers the Cookie header to send. */
  signIn(username: string, password: string): Promise<string>;
  /** Stops the launcher's process group and removes the data directory. */
  stop(): void;
}

async function waitFor(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

function collect(res: Response, jar: Map<string, string>): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair = ""] = c.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}
const cookies = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Starts the launcher on 127.0.0.1:`port` (emulator on `emulatorPort`) and waits until it serves. */
export async function startConsole(opts: { port: number; emulatorPort: number; name: string }): Promise<BenchConsole> {
  const origin = `http://127.0.0.1:${opts.port}`;
  const dataDir = path.join(root, ".data", `bench-${opts.name}`);
  rmSync(dataDir, { recursive: true, force: true });
  const launcher = spawn(process.execPath, ["--import", "tsx", "server/cli/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOSTNAME: "127.0.0.1",
      EMULATOR_PORT: String(opts.emulatorPort),
      CONSOLE_DATA_DIR: dataDir,
      NEXTAUTH_URL: origin,
    },
    stdio: "ignore",
    detached: true,
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      process.kill(-(launcher.pid ?? 0), "SIGTERM");
    } catch {
      /* already gone */
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on("exit", stop);
  try {
    await waitFor(`${origin}/signin`, 180_000);
  } catch (e) {
    stop();
    throw e;
  }
  // A connection the freshly started server closes as it is reused answers ECONNRESET now and
  // then on a busy machine: sign-in is retried (it is idempotent) a few times on network errors.
  const signIn = async (username: string, password: string): Promise<string> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await signInOnce(username, password);
      } catch (e) {
        if (attempt >= 3 || !(e instanceof TypeError)) throw e;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  const signInOnce = async (username: string, password: string): Promise<string> => {
    const jar = new Map<string, string>();
    const csrfRes = await fetch(`${origin}/api/auth/csrf`);
    collect(csrfRes, jar);
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const res = await fetch(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies(jar), Origin: origin },
      body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
    });
    collect(res, jar);
    if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${res.status})`);
    return cookies(jar);
  };
  return { origin, emulator: `http://127.0.0.1:${opts.emulatorPort}`, signIn, stop };
}
