/**
 * `npm run bench` (issue 17): every benchmark in one run, then one table of figures against the
 * budgets. Not a test: figures depend on the machine and its load (printed with them). Needs a
 * production build (`npm run build`, or NEXT_DIST_DIR=<dir> npx next build and the same variable here).
 *
 * Runs, one after the other so they do not compete for the cores:
 *   bundle   — bench/bundle-budget.ts on the build (first-load JS per route, gzip);
 *   load     — bench/load.bench.ts (autocannon, 50 connections × 30 s of cached reads, signed in);
 *   route    — bench/route.bench.ts (direct / uncached / cached read, sequential);
 *   proxy    — bench/proxy.bench.ts (the Gizwits client in-process vs a direct call);
 *   emulator — bench/emulator.bench.ts at 1,000,000 devices (BENCH_EMULATOR_SIZES to change);
 *   views    — bench/views.bench.ts (upstream calls of a cold and a warm Overview and device page, Chromium);
 *   lcp      — bench/lcp.bench.ts (Largest Contentful Paint of Overview and a device page, Chromium).
 * Each benchmark's own output is shown as it runs; the summary comes last. Exit code 1 when a
 * budget is missed or a benchmark failed.
 *
 *   npm run bench
 *   BENCH_ONLY=bundle,load npm run bench
 */
import { spawn } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { BUNDLE_BUDGET_KB, measureBundles } from "./bundle-budget";

const root = path.resolve(import.meta.dirname, "..");
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const wanted = (name: string) => !only || only.includes(name);

interface Row {
  figure: string;
  value: number | null;
  unit: string;
  budget: string;
  ok: boolean | null;
}
const rows: Row[] = [];
const max = (value: number | null, limit: number, figure: string, unit: string) =>
  rows.push({ figure, value, unit, budget: `≤ ${limit}`, ok: value === null ? false : value <= limit });
const min = (value: number | null, limit: number, figure: string, unit: string) =>
  rows.push({ figure, value, unit, budget: `≥ ${limit}`, ok: value === null ? false : value >= limit });
const info = (value: number | null, figure: string, unit: string) => rows.push({ figure, value, unit, budget: "—", ok: null });

/** Runs a bench script with tsx, echoing its output, and returns that output. */
function run(script: string, env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    console.log(`\n== ${script}`);
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => process.stderr.write(d));
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

const num = (re: RegExp, text: string, group = 1): number | null => {
  const m = re.exec(text);
  return m?.[group] !== undefined ? Number(m[group]) : null;
};

async function main(): Promise<void> {
  console.log(
    `bench: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  let failedRuns = 0;

  if (wanted("bundle")) {
    const routes = measureBundles();
    console.log("\n== first-load JS (gzip) per route");
    for (const r of routes) console.log(`${r.route.padEnd(24)} ${(r.gzipBytes / 1024).toFixed(1).padStart(7)} KB`);
    const worst = routes.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));
    max(Number((worst.gzipBytes / 1024).toFixed(1)), BUNDLE_BUDGET_KB, `first-load JS, largest route (${worst.route})`, "KB gzip");
    const over = routes.filter((r) => r.gzipBytes > BUNDLE_BUDGET_KB * 1024).length;
    max(over, 0, "routes over the bundle budget", "routes");
  }

  if (wanted("load")) {
    const { code, out } = await run("bench/load.bench.ts");
    if (code !== 0) failedRuns++;
    const json = /BENCH_JSON (\{.*\})/.exec(out)?.[1];
    const f = json
      ? (JSON.parse(json) as { rps: number; p50: number; p99: number; errors: number; upstreamCalls: number; mix: number })
      : null;
    min(f ? Math.round(f.rps) : null, 1500, "load: cached reads/s (50 conn., 30 s)", "req/s");
    max(f?.p99 ?? null, 60, "load: p99 latency", "ms");
    info(f?.p50 ?? null, "load: p50 latency", "ms");
    max(f?.errors ?? null, 0, "load: errors", "");
    info(f?.upstreamCalls ?? null, `load: upstream calls during load (${f?.mix ?? "?"} distinct questions)`, "calls");
  }

  if (wanted("route")) {
    const { code, out } = await run("bench/route.bench.ts");
    if (code !== 0) failedRuns++;
    const row = (name: string) => ({
      p50: num(new RegExp(`^${name}\\s+([\\d.]+)\\s+([\\d.]+)`, "m"), out, 1),
      p99: num(new RegExp(`^${name}\\s+([\\d.]+)\\s+([\\d.]+)`, "m"), out, 2),
    });
    const floor = row("floor");
    const direct = row("direct");
    const cached = row("cached");
    const uncached = row("uncached");
    info(floor.p99, "route: trivial node:http server p99 (the machine)", "ms");
    info(direct.p50, "route: direct emulator read p50", "ms");
    max(cached.p50, 2.5, "route: cached read p50", "ms");
    max(cached.p99, 5, "route: cached read p99", "ms");
    info(uncached.p50, "route: uncached read p50", "ms");
    max(num(/uncached − direct, same round\): p50 ([\d.]+)/, out), 2, "route: uncached − direct p50", "ms");
    info(
      num(/inside the console \(Server-Timing app\): p50 [\d.]+ ms, p99 ([\d.]+)/, out),
      "route: cached read inside the console p99",
      "ms",
    );
  }

  if (wanted("proxy")) {
    const { code, out } = await run("bench/proxy.bench.ts");
    if (code !== 0) failedRuns++;
    info(num(/\| client, cached\s+\|\s+([\d.]+)/, out), "client in-process: cached read p50", "ms");
    info(num(/\| direct fetch to the emulator\s+\|\s+([\d.]+)/, out), "client: direct fetch p50", "ms");
  }

  if (wanted("emulator")) {
    const sizes = process.env.BENCH_EMULATOR_SIZES ?? "1000000";
    const { code, out } = await run("bench/emulator.bench.ts", { BENCH_SIZES: sizes });
    if (code !== 0) failedRuns++;
    const largest = sizes
      .split(",")
      .map(Number)
      .reduce((a, b) => Math.max(a, b), 0);
    const startRow = new RegExp(`^\\s*${largest.toLocaleString("en")}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)`, "m").exec(out);
    max(startRow ? Number(startRow[1]) : null, 5000, `emulator @${largest.toLocaleString("en")}: start-up`, "ms");
    max(startRow ? Number(startRow[3]) : null, 400, `emulator @${largest.toLocaleString("en")}: RSS`, "MB");
    // The latency table: the last column of each search row is the largest size's p99.
    const latency = out.slice(out.indexOf("latency ms"));
    const searchP99 = [...latency.matchAll(/^(.*search.*?)\s+[\d.]+\s+([\d.]+)\s*(?:\(|$)/gm)].map((m) => Number(m[2]));
    max(searchP99.length ? Math.max(...searchP99) : null, 20, `emulator @${largest.toLocaleString("en")}: worst search p99`, "ms");
  }

  if (wanted("views")) {
    const { code, out } = await run("bench/views.bench.ts");
    if (code !== 0) failedRuns++;
    const json = /BENCH_JSON (\{.*\})/.exec(out)?.[1];
    const f = json
      ? (JSON.parse(json) as {
          shell: number;
          coldOverview: number;
          warmOverview: number;
          distinctReports: number;
          coldDevice: number;
          warmDevice: number;
        })
      : null;
    info(f?.shell ?? null, "views: product list, first request after start", "calls");
    max(f?.coldOverview ?? null, f?.distinctReports ?? 0, `views: cold Overview (${f?.distinctReports ?? "?"} distinct reports)`, "calls");
    max(f?.warmOverview ?? null, 0, "views: warm Overview", "calls");
    info(f?.coldDevice ?? null, "views: cold device page", "calls");
    max(f?.warmDevice ?? null, 0, "views: warm device page", "calls");
  }

  if (wanted("lcp")) {
    const { code, out } = await run("bench/lcp.bench.ts");
    if (code !== 0) failedRuns++;
    const json = /BENCH_JSON (\{.*\})/.exec(out)?.[1];
    const f = json ? (JSON.parse(json) as Record<string, { median: number; worst: number }>) : {};
    for (const name of ["Overview", "device page"]) {
      info(f[name] ? Math.round(f[name].median) : null, `LCP ${name}, median of first visits (Chromium)`, "ms");
    }
  }

  console.log(
    `\n== summary (${new Date().toISOString()}, ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})`,
  );
  console.log(`${"figure".padEnd(58)} ${"value".padStart(10)} ${"unit".padEnd(10)} ${"budget".padStart(8)}  verdict`);
  for (const r of rows) {
    const verdict = r.ok === null ? "" : r.ok ? "met" : "MISSED";
    console.log(
      `${r.figure.padEnd(58)} ${(r.value === null ? "—" : String(r.value)).padStart(10)} ${r.unit.padEnd(10)} ${r.budget.padStart(8)}  ${verdict}`,
    );
  }
  const missed = rows.filter((r) => r.ok === false).length;
  console.log(
    `\n${rows.filter((r) => r.ok).length} budgets met, ${missed} missed${failedRuns ? `, ${failedRuns} benchmark runs failed` : ""}`,
  );
  if (missed || failedRuns) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
