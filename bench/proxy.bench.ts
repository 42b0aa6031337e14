/**
 * Proxy-overhead benchmark (not a test): what the console's Gizwits client adds to a read.
 * Starts the emulator in a child process (`server/emulator/main.ts`, loopback, no injected
 * latency) and measures, over a bounded number of sequential requests, p50/p99 of:
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
import { spawn, type ChildProcess } from "node:child_process";
import { cpus, loadavg } from "node:os";

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

interface Tenant {
  enterprise_id: string;
  enterprise_secret: string;
  products: { product_key: string; product_secret: string }[];
}

function startEmulator(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/emulator/main.ts"], {
    env: { ...process.env, EMULATOR_PORT: "0", EMULATOR_QUOTA: "1000000000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const ready = /EMULATOR_READY (\S+)/.exec(out);
      if (ready) resolve({ child, url: ready[1] });
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
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

async function measure(run: (k: number) => Promise<unknown>): Promise<Stats> {
  for (let k = 0; k < WARMUP; k++) await run(k);
  const times: number[] = [];
  for (let k = 0; k < REQUESTS; k++) {
    const t0 = performance.now();
    await run(k);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), mean: times.reduce((s, t) => s + t, 0) / times.length };
}

async function main(): Promise<void> {
  const { child, url } = await startEmulator();
  try {
    const tenant = (await (await fetch(`${url}/__emulator/tenant`)).json()) as Tenant;
    const sample = (await (await fetch(`${url}/__emulator/sample`)).json()) as { products: { product_key: string; online: { mac: string }[]; offline: { mac: string }[] }[] };
    const product = tenant.products[0];
    const pk = product.product_key;
    const mac = (sample.products[0].online[0] ?? sample.products[0].offline[0]).mac;
    Object.assign(process.env, {
      GIZWITS_API_BASE: url,
      GIZWITS_ENTERPRISE_ID: tenant.enterprise_id,
      GIZWITS_ENTERPRISE_SECRET: tenant.enterprise_secret,
      GIZWITS_PRODUCTS: tenant.products.map((p) => `${p.product_key}:${p.product_secret}`).join(","),
      GIZWITS_QUOTA_PER_HOUR: "1000000000",
      NEXTAUTH_SECRET: "bench-only-secret-not-used",
    });
    const { gizwits } = await import("../server/gizwits/client");
    const { getDeviceDetail } = await import("../server/gizwits/devices");
    const { deviceDetailSchema } = await import("../server/gizwits/devices.schema");
    const { productPath } = await import("../server/gizwits/paths");

    const tokenRes = await fetch(`${url}/v1/products/${pk}/access_token`, {
      method: "POST",
      body: JSON.stringify({ enterprise_id: tenant.enterprise_id, enterprise_secret: tenant.enterprise_secret, product_secret: product.product_secret }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const detailUrl = `${url}${productPath(pk, "device_detail")}?mac=${encodeURIComponent(mac)}`;

    const direct = await measure(async () => {
      const res = await fetch(detailUrl, { headers: { Authorization: `token ${token}`, Accept: "application/json" } });
      if (!res.ok) throw new Error(`direct: HTTP ${res.status}`);
      return res.json();
    });
    const uncached = await measure(() => gizwits({ productKey: pk, method: "GET", path: productPath(pk, "device_detail"), query: { mac }, schema: deviceDetailSchema }));
    const cached = await measure(() => getDeviceDetail(pk, mac));

    const stats = (await (await fetch(`${url}/__emulator/stats`)).json()) as { callsByRoute: Record<string, number> };
    const upstreamDetail = stats.callsByRoute["GET /v1/products/{product_key}/device_detail"] ?? 0;

    const ms = (n: number) => n.toFixed(3).padStart(9);
    const row = (name: string, s: Stats) => `| ${name.padEnd(30)} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.mean)} |`;
    console.log(`\nproxy overhead: GET device_detail, ${REQUESTS} sequential requests each (after ${WARMUP} warm-up), loopback emulator`);
    console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
    console.log(`| path                           |   p50 ms  |   p99 ms  |  mean ms  |`);
    console.log(`|--------------------------------|-----------|-----------|-----------|`);
    console.log(row("direct fetch to the emulator", direct));
    console.log(row("client, uncached (upstream)", uncached));
    console.log(row("client, cached", cached));
    console.log(`\nclient overhead on an upstream read: p50 ${(uncached.p50 - direct.p50).toFixed(3)} ms, p99 ${(uncached.p99 - direct.p99).toFixed(3)} ms`);
    console.log(`cached read vs direct call: p50 ${(direct.p50 / cached.p50).toFixed(0)}× faster`);
    // Sanity check: direct + uncached went upstream, cached only once.
    console.log(`upstream device_detail calls: ${upstreamDetail} (expected ${2 * (REQUESTS + WARMUP) + 1})`);
  } finally {
    child.kill("SIGTERM");
  }
}
