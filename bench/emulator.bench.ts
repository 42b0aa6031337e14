/**
 * Emulator benchmark (not a test): for each fleet size starts `server/emulator/main.ts` as its
 * own program (spawnEmulator()), measures start-up time (spawn → EMULATOR_READY) and resident
 * memory, then p50/p99 latency over a bounded number of sequential loopback requests for devices/search
 * (several filters), device_detail, a history log and the reports.
 *
 *   npm run bench:emulator                       # 2k, 100k, 1M devices
 *   BENCH_SIZES=2000,100000 npm run bench:emulator
 *   BENCH_REQUESTS=100 npm run bench:emulator    # requests per operation (default 200)
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { emulatorControl } from "../server/cli/emulator-control";
import { type SpawnedEmulator, spawnEmulator } from "../server/cli/emulator-process";

const SIZES = (process.env.BENCH_SIZES ?? "2000,100000,1000000").split(",").map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

interface Started {
  emu: SpawnedEmulator;
  startupMs: number;
  inProcessMs: number;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function startEmulatorProcess(devices: number): Promise<Started> {
  const t0 = performance.now();
  let inProcessMs = NaN;
  const emu = await spawnEmulator({
    port: 0,
    env: { ...process.env, EMULATOR_DEVICES: String(devices), EMULATOR_QUOTA: "1000000000" },
    // A million-device fleet takes a while to build on a busy machine.
    readyTimeoutMs: 600_000,
    onLine: (line) => {
      const m = /started in (\d+) ms/.exec(line);
      if (m) inProcessMs = Number(m[1]);
    },
  });
  return { emu, startupMs: Math.round(performance.now() - t0), inProcessMs };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(n: number, next: (k: number) => Promise<Response>): Promise<{ p50: number; p99: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    const res = await next(k);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status >= 400) errors++;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), errors };
}

interface Row {
  size: number;
  op: string;
  p50: number;
  p99: number;
  errors: number;
}

async function benchSize(size: number): Promise<{ startupMs: number; inProcessMs: number; rss: number; rows: Row[] }> {
  const started = await startEmulatorProcess(size);
  const { emu } = started;
  try {
    const control = emulatorControl(emu.url);
    const p = (await control.tenant()).products[0];
    // The first product is published, where Gizwits keeps the history logs off: switched on (as
    // Gizwits does for a customer who asks), so the data log is measured answering, not refusing.
    const cfg = await control.config();
    if (cfg.published.includes(p.product_key) && !cfg.historyEnabled.includes(p.product_key)) {
      await control.config({ historyEnabled: [...cfg.historyEnabled, p.product_key] });
    }
    const token = await control.token(p.product_key);
    const headers = { Authorization: `token ${token}` };
    const get = (path: string) => fetch(`${emu.url}/v1/products/${p.product_key}${path}`, { headers });

    // A pool of real MACs/dids spread over the fleet for detail and log lookups.
    const pool: { mac: string; did: string }[] = [];
    const total = Number(((await (await get("/devices/search?limit=1")).json()) as { meta: { total: number } }).meta.total);
    for (let k = 0; k < 10; k++) {
      const skip = Math.floor((k / 10) * Math.max(0, total - 20));
      const page = (await (await get(`/devices/search?limit=20&skip=${skip}`)).json()) as { objects: { mac: string; did: string }[] };
      pool.push(...page.objects);
    }
    const y = new Date(Date.now() + 8 * 3600_000 - 86400_000).toISOString().slice(0, 10);
    const d30 = new Date(Date.parse(y) - 29 * 86400_000).toISOString().slice(0, 10);
    const recent = Math.floor(Date.now() / 1000) - 3600;
    const heavy = Math.max(20, Math.floor(REQUESTS / 4));

    const ops: [string, number, (k: number) => Promise<Response>][] = [
      ["search (no filter)", REQUESTS, (k) => get(`/devices/search?limit=20&skip=${(k * 20) % 2000}`)],
      ["search is_online=1", REQUESTS, () => get("/devices/search?is_online=1&limit=20")],
      ["search region+is_alert=0", REQUESTS, () => get("/devices/search?country=China&region=Guangdong&is_alert=0&limit=20")],
      ["search city=Shenzhen", REQUESTS, () => get("/devices/search?city=Shenzhen&is_faulty=0&limit=20")],
      // Searches have a p99 budget (20 ms): as many samples as the cheap ones, so p99 is not the single worst.
      ["search liveness_start", REQUESTS, () => get(`/devices/search?liveness_start=${recent}&limit=20`)],
      ["search deep skip", REQUESTS, () => get(`/devices/search?is_online=1&limit=20&skip=${Math.floor(total / 3)}`)],
      ["device_detail", REQUESTS, (k) => get(`/device_detail?mac=${pool[k % pool.length].mac}`)],
      ["data log (2 days, page 20)", REQUESTS, (k) => get(`/devices/${pool[k % pool.length].did}/data?limit=20`)],
      ["report locations", REQUESTS, () => get("/devices/locations?is_online=1")],
      ["report rt", REQUESTS, () => get("/devices/report/rt")],
      ["report summary", REQUESTS, () => get("/devices/summary")],
      ["report liveness 30 days", heavy, () => get(`/devices/report/liveness/history?cycle=date&start=${d30}&end=${y}`)],
      [
        "report liveness 12 months",
        heavy,
        () => get(`/devices/report/liveness/history?cycle=month&start=${y.slice(0, 4)}-01&end=${y.slice(0, 7)}`),
      ],
      ["report fault events", heavy, () => get("/fault/report/events")],
      ["report active_devices", heavy, (k) => get(`/active_devices?start=${y}&end=${y}&limit=20&skip=${k * 20}`)],
    ];
    const rows: Row[] = [];
    for (const [op, n, fn] of ops) rows.push({ size, op, ...(await measure(n, fn)) });
    const rss = rssMb(emu.child.pid ?? 0);
    return { startupMs: started.startupMs, inProcessMs: started.inProcessMs, rss, rows };
  } finally {
    await emu.stop();
  }
}

async function main(): Promise<void> {
  console.log(
    `emulator benchmark — ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}, ${REQUESTS} requests per cheap op (sequential, loopback)`,
  );
  const results: Awaited<ReturnType<typeof benchSize>>[] = [];
  for (const size of SIZES) {
    process.stdout.write(`… ${size.toLocaleString("en")} devices\n`);
    results.push(await benchSize(size));
  }
  const fmt = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1)).padStart(8);
  console.log("\nstart-up and memory");
  console.log(`${"devices".padStart(10)}  spawn→ready ms  in-process ms   RSS MB`);
  for (const [k, r] of results.entries())
    console.log(
      SIZES[k].toLocaleString("en").padStart(10) +
        String(r.startupMs).padStart(16) +
        String(r.inProcessMs).padStart(15) +
        String(r.rss).padStart(9),
    );
  console.log("\nlatency ms (p50 / p99)");
  console.log("operation".padEnd(28) + SIZES.map((s) => `${s.toLocaleString("en")} p50`.padStart(14) + "p99".padStart(9)).join(""));
  for (let k = 0; k < results[0].rows.length; k++) {
    const line = results.map((r) => fmt(r.rows[k].p50).padStart(14) + fmt(r.rows[k].p99).padStart(9)).join("");
    const errors = results.reduce((s, r) => s + r.rows[k].errors, 0);
    console.log(results[0].rows[k].op.padEnd(28) + line + (errors ? `   (${errors} errors)` : ""));
  }
  console.log(
    `\nload average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
