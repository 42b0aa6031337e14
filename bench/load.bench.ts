/**
 * Load benchmark (not a test; issue 17): 50 concurrent signed-in clients for 30 s on a realistic
 * mix of cached reads (overview reports, device search pages, device detail and status), with
 * autocannon over loopback. Needs a production build (NEXT_DIST_DIR, default .next).
 *
 * Starts the launcher (console + embedded emulator) on spare loopback ports, signs in as the demo
 * manager, warms every request of the mix once (each must answer 200), then runs the load and
 * reports requests/s, latency, errors and the upstream calls the load cost (from the emulator's
 * /__emulator/stats: with every question cached, 0 within one TTL). It also sums the gzipped
 * <script src> of the served /signin page (signed out) as a cross-check of bench/bundle-budget.ts.
 *
 *   npx tsx bench/load.bench.ts
 *   BENCH_CONNECTIONS=50 BENCH_SECONDS=30 npx tsx bench/load.bench.ts   (bounded: ≤ 100 connections, ≤ 60 s)
 * Prints a table, then one line `BENCH_JSON {...}` that bench/all.ts reads.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { emulatorControl } from "../server/cli/emulator-control";

const CONNECTIONS = Math.min(Number(process.env.BENCH_CONNECTIONS ?? 50), 100);
const SECONDS = Math.min(Number(process.env.BENCH_SECONDS ?? 30), 60);
const PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3791);
const EMU_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 4791);
const origin = `http://127.0.0.1:${PORT}`;
const emulator = `http://127.0.0.1:${EMU_PORT}`;
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data", "bench-load");

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

async function signIn(username: string, password: string): Promise<string> {
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
}

/** Sum of the gzipped JS a page's HTML loads with <script src> (nomodule polyfill excluded). */
async function servedScriptsGzip(url: string, cookie?: string): Promise<{ scripts: number; gzipBytes: number }> {
  const html = await (await fetch(url, { headers: cookie ? { Cookie: cookie } : {} })).text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
    if (src && !/\bnoModule\b|\bnomodule\b/i.test(attrs)) srcs.add(src.replace(/&amp;/g, "&"));
  }
  let gzipBytes = 0;
  for (const src of srcs) gzipBytes += gzipSync(Buffer.from(await (await fetch(new URL(src, origin))).arrayBuffer()), { level: 9 }).length;
  return { scripts: srcs.size, gzipBytes };
}

const totalCalls = (stats: { callsByRoute: Record<string, number> }) => Object.values(stats.callsByRoute).reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  const launcher = spawn(process.execPath, ["--import", "tsx", "server/cli/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      EMULATOR_PORT: String(EMU_PORT),
      CONSOLE_DATA_DIR: dataDir,
      NEXTAUTH_URL: origin,
    },
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-(launcher.pid ?? 0), "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  process.on("exit", stop);
  try {
    await waitFor(`${origin}/signin`, 180_000);
    const signinJs = await servedScriptsGzip(`${origin}/signin`);
    const control = emulatorControl(emulator);
    const pk = (await control.tenant()).products[0]?.product_key;
    if (!pk) throw new Error("the emulator has no product");
    const session = await signIn("manager", "manager-demo-2026");
    const get = async (p: string) => fetch(`${origin}${p}`, { headers: { Cookie: session } });
    const search = (await (await get(`/api/products/${pk}/devices/search?page=1`)).json()) as { devices?: { did: string }[] };
    const dids = (search.devices ?? []).slice(0, 5).map((o) => o.did);
    const base = `/api/products/${encodeURIComponent(pk)}`;
    const mix = [
      `${base}/reports/summary`,
      `${base}/reports/realtime`,
      `${base}/devices/search/locations`,
      `${base}/devices/search/groups`,
      `${base}/devices/search?page=1`,
      `${base}/devices/search?page=2`,
      `${base}/devices/search?page=3`,
      ...dids.flatMap((d) => [`${base}/devices/${d}`, `${base}/devices/${d}/status`]),
    ];
    // Warm-up: each question asked once (upstream), then served from the cache under load.
    const used: string[] = [];
    for (const p of mix) {
      const res = await get(p);
      await res.arrayBuffer();
      if (res.status === 200) used.push(p);
      else console.warn(`left out of the mix: ${p} answered ${res.status}`);
    }
    for (const p of used) await (await get(p)).arrayBuffer();
    const before = totalCalls(await control.stats());
    const result = await autocannon({
      url: origin,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { cookie: session },
      requests: used.map((p) => ({ method: "GET" as const, path: p })),
    });
    const upstreamCalls = totalCalls(await control.stats()) - before;
    const errors = result.errors + result.non2xx; // autocannon counts timeouts among errors
    const figures = {
      connections: CONNECTIONS,
      seconds: SECONDS,
      mix: used.length,
      requests: result.requests.total,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors,
      upstreamCalls,
      statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count])),
      timeouts: result.timeouts,
      signinServedJsGzipBytes: signinJs.gzipBytes,
      signinServedScripts: signinJs.scripts,
      cores: cpus().length,
      load: loadavg(),
    };
    console.log(
      `\nload bench: ${CONNECTIONS} connections, ${SECONDS} s, ${used.length} distinct cached reads signed in as manager, ${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(
      `requests/s ${figures.rps.toFixed(0)}  p50 ${figures.p50} ms  p99 ${figures.p99} ms  errors ${errors}  upstream calls during load ${upstreamCalls}`,
    );
    console.log(`served /signin (signed out): ${signinJs.scripts} scripts, ${(signinJs.gzipBytes / 1024).toFixed(1)} KB gzip`);
    console.log(`BENCH_JSON ${JSON.stringify(figures)}`);
  } finally {
    stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
