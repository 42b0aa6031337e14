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
 * On Linux it also reports the CPU time the next-server process spent per request during the load
 * (utime + stime from /proc): unlike requests/s it hardly moves with what else runs on a shared
 * machine, so it is the figure to compare builds by.
 *
 *   npx tsx bench/load.bench.ts
 *   BENCH_CONNECTIONS=50 BENCH_SECONDS=30 npx tsx bench/load.bench.ts   (bounded: ≤ 100 connections, ≤ 60 s)
 * Prints a table, then one line `BENCH_JSON {...}` that bench/all.ts reads.
 */
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { emulatorControl } from "../server/cli/emulator-control";
import { startConsole } from "./console";

const CONNECTIONS = Math.min(Number(process.env.BENCH_CONNECTIONS ?? 50), 100);
const SECONDS = Math.min(Number(process.env.BENCH_SECONDS ?? 30), 60);
const PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3791);
const EMU_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 4791);

/** Sum of the gzipped JS a page's HTML loads with <script src> (nomodule polyfill excluded). */
async function servedScriptsGzip(origin: string, url: string, cookie?: string): Promise<{ scripts: number; gzipBytes: number }> {
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

/**
 * CPU ms used so far by the next-server of the bench's console (found by its data directory,
 * .data/bench-load, in its environment); null where /proc is not available.
 */
function nextServerCpuMs(): number | null {
  const dataDir = `CONSOLE_DATA_DIR=${path.resolve(import.meta.dirname, "..", ".data", "bench-load")}`;
  let ticks = 0;
  let found = false;
  try {
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith("next-server")) continue;
        if (!readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(dataDir)) continue;
        // Fields after the ")" closing the command name: utime and stime are the 12th and 13th.
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        ticks += Number(fields[11]) + Number(fields[12]);
        found = true;
      } catch {
        /* gone, or not ours to read */
      }
    }
  } catch {
    return null;
  }
  return found ? ticks * 10 : null; // USER_HZ is 100 on Linux
}

const totalCalls = (stats: { callsByRoute: Record<string, number> }) => Object.values(stats.callsByRoute).reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  const c = await startConsole({ port: PORT, emulatorPort: EMU_PORT, name: "load" });
  const { origin } = c;
  try {
    const signinJs = await servedScriptsGzip(origin, `${origin}/signin`);
    const control = emulatorControl(c.emulator);
    const pk = (await control.tenant()).products[0]?.product_key;
    if (!pk) throw new Error("the emulator has no product");
    const session = await c.signIn("manager", "manager-demo-2026");
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
    const cpuBefore = nextServerCpuMs();
    const result = await autocannon({
      url: origin,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { cookie: session },
      requests: used.map((p) => ({ method: "GET" as const, path: p })),
    });
    const cpuAfter = nextServerCpuMs();
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
      cpuMsPerRequest:
        cpuBefore !== null && cpuAfter !== null && result.requests.total > 0
          ? Math.round(((cpuAfter - cpuBefore) / result.requests.total) * 100) / 100
          : null,
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
    console.log(`next-server CPU per request during the load: ${figures.cpuMsPerRequest ?? "n/a"} ms`);
    console.log(`served /signin (signed out): ${signinJs.scripts} scripts, ${(signinJs.gzipBytes / 1024).toFixed(1)} KB gzip`);
    console.log(`BENCH_JSON ${JSON.stringify(figures)}`);
  } finally {
    c.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
