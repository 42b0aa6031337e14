/**
 * Proxy-overhead benchmark (not a test): what the console's Gizwits client adds to a read.
 * Starts the emulator as its own program (spawnEmulator(): `server/emulator/main.ts`, loopback, no injected
 * latency) and measures, over a bounded number of sequential requests (the three paths
 * interleaved round by round), p50/p99 of:
 *   direct    — fetch() of GET device_detail straight to the emulator with a token;
 *   uncached  — the same read through gizwits() without a cache entry, so every call goes
 *               upstream (token lookup, quota governor, limiter, timeout, zod parse);
 *   cached    — getDeviceDetail(), answered from the client's cache after the first call.
 * The client runs in this process: the Next route layer (session check, JSON response) is not
 * part of these figures.
 *
 *   npm run bench:proxy
 *   BENCH_REQUESTS=2000 npm run bench:proxy      # per measurement (default 1000, warm-up 100)
 */
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { emulatorControl, tenantEnv } from "../server/cli/emulator-control";
import { spawnEmulator } from "../server/cli/emulator-process";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const WARMUP = 100;

// Modules under server/ start with `import "server-only"`, which throws unless resolved with the
// react-server condition (as Next does for server bundles). Re-run this script with it.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const child = spawn(process.execPath, ["--conditions=react-server", ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 1));
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Stats {
  p50: number;
  p99: number;
  mean: number;
}

/**
 * Runs the paths interleaved (rotating which goes first) so that all see the same machine load:
 * on a shared 2-core box, measuring them one after another mostly measures the neighbours.
 */
async function measureInterleaved(paths: (() => Promise<unknown>)[]): Promise<number[][]> {
  const times: number[][] = paths.map(() => []);
  for (let k = 0; k < WARMUP + REQUESTS; k++) {
    for (let j = 0; j < paths.length; j++) {
      const i = (j + k) % paths.length;
      const t0 = performance.now();
      await paths[i]();
      if (k >= WARMUP) times[i].push(performance.now() - t0);
    }
  }
  return times;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: sorted.reduce((s, t) => s + t, 0) / sorted.length };
}

async function main(): Promise<void> {
  const emu = await spawnEmulator({ port: 0, env: { ...process.env, EMULATOR_QUOTA: "1000000000" } });
  const { url } = emu;
  const control = emulatorControl(url);
  try {
    const tenant = await control.tenant();
    const samples = await control.sample();
    const product = tenant.products[0];
    const pk = product.product_key;
    const mac = (samples[0].online[0] ?? samples[0].offline[0]).mac;
    Object.assign(process.env, {
      ...tenantEnv(url, tenant),
      GIZWITS_QUOTA_PER_HOUR: "1000000000",
      NEXTAUTH_SECRET: "bench-only-secret-not-used",
    });
    const { gizwits } = await import("../server/gizwits/client");
    const { getDeviceDetail } = await import("../server/gizwits/devices");
    const { deviceDetailSchema } = await import("../server/gizwits/devices.schema");
    const { productPath } = await import("../server/gizwits/paths");

    const token = await control.token(pk);
    const detailUrl = `${url}${productPath(pk, "device_detail")}?mac=${encodeURIComponent(mac)}`;

    const [directT, uncachedT, cachedT] = await measureInterleaved([
      async () => {
        const res = await fetch(detailUrl, { headers: { Authorization: `token ${token}`, Accept: "application/json" } });
        if (!res.ok) throw new Error(`direct: HTTP ${res.status}`);
        return res.json();
      },
      () => gizwits({ productKey: pk, method: "GET", path: productPath(pk, "device_detail"), query: { mac }, schema: deviceDetailSchema }),
      () => getDeviceDetail(pk, mac),
    ]);
    const [direct, uncached, cached] = [directT, uncachedT, cachedT].map(stats);
    // Paired by iteration: the same moment's load on both sides of the difference.
    const overhead = stats(uncachedT.map((t, i) => t - directT[i]));

    const emuStats = await control.stats();
    const upstreamDetail = emuStats.callsByRoute["GET /v1/products/{product_key}/device_detail"] ?? 0;

    const ms = (n: number) => n.toFixed(3).padStart(9);
    const row = (name: string, s: Stats) => `| ${name.padEnd(30)} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.mean)} |`;
    console.log(
      `\nproxy overhead: GET device_detail, ${REQUESTS} sequential requests per path, interleaved (after ${WARMUP} warm-up rounds), loopback emulator`,
    );
    console.log(
      `node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}\n`,
    );
    console.log(`| path                           |   p50 ms  |   p99 ms  |  mean ms  |`);
    console.log(`|--------------------------------|-----------|-----------|-----------|`);
    console.log(row("direct fetch to the emulator", direct));
    console.log(row("client, uncached (upstream)", uncached));
    console.log(row("client, cached", cached));
    console.log(
      `\nclient overhead on an upstream read (uncached − direct, paired per round): p50 ${overhead.p50.toFixed(3)} ms, mean ${overhead.mean.toFixed(3)} ms`,
    );
    console.log(`cached read vs direct call: p50 ${(direct.p50 / cached.p50).toFixed(0)}× faster`);
    // Sanity check: direct + uncached went upstream, cached only once.
    console.log(`upstream device_detail calls: ${upstreamDetail} (expected ${2 * (REQUESTS + WARMUP) + 1})`);
  } finally {
    await emu.stop();
  }
}
