/**
 * Largest Contentful Paint benchmark (not a test; issue 17 §6): the Overview and a device page,
 * opened in Chromium (Debian's, through Playwright) over loopback, signed in as the demo manager.
 * Needs a production build (NEXT_DIST_DIR, default .next).
 *
 * Each page is opened BENCH_LCP_RUNS times (default 5) in a fresh browser context — a first visit
 * (no HTTP cache; the console's server-side cache warm after the first run, as for any visitor
 * after the first) — and LCP is read from the page's `largest-contentful-paint` entries once the
 * page has settled (loaded, then the data it shows on screen). Prints the median and worst.
 *
 *   npx tsx bench/lcp.bench.ts
 * Prints a table, then one line `BENCH_JSON {...}` that bench/all.ts reads.
 */
import { cpus, loadavg } from "node:os";
import type { Page } from "@playwright/test";
import { launchChromium, sessionCookies } from "./browser";
import { startConsole } from "./console";

const RUNS = Math.min(Math.max(Number(process.env.BENCH_LCP_RUNS ?? 5), 1), 20);
const PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3792);
const EMU_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 4792);

/** The page's LCP in ms (the last candidate the browser reported), after it settled. */
async function lcpOf(page: Page, url: string, ready: (p: Page) => Promise<void>): Promise<number> {
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number };
    w.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__lcp = e.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  await page.goto(url, { waitUntil: "load" });
  await ready(page);
  // LCP candidates stop with the first input; read after a frame so the last paint is counted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  return page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const c = await startConsole({ port: PORT, emulatorPort: EMU_PORT, name: "lcp" });
  const browser = await launchChromium();
  try {
    const cookie = await c.signIn("manager", "manager-demo-2026");
    const products = (await (await fetch(`${c.origin}/api/products`, { headers: { Cookie: cookie } })).json()) as { productKey: string }[];
    const pk = products[0]?.productKey;
    if (!pk) throw new Error("no product listed by /api/products");
    const devices = (await (
      await fetch(`${c.origin}/api/products/${pk}/devices/search?page=1`, { headers: { Cookie: cookie } })
    ).json()) as { devices?: { did: string }[] };
    const did = devices.devices?.[0]?.did;
    if (!did) throw new Error("no device in the first search page");
    const cookies = sessionCookies(cookie, c.origin);
    const pages = [
      {
        name: "Overview",
        url: `${c.origin}/`,
        ready: async (p: Page) => {
          await p.getByTestId("kpi-online").filter({ hasNotText: "—" }).waitFor();
        },
      },
      {
        name: "device page",
        url: `${c.origin}/devices/${did}?product=${pk}`,
        ready: async (p: Page) => {
          await p.getByRole("tab").first().waitFor();
        },
      },
    ];
    const figures: Record<string, { median: number; worst: number; runs: number[] }> = {};
    for (const pg of pages) {
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        await ctx.addCookies(cookies);
        const page = await ctx.newPage();
        runs.push(await lcpOf(page, pg.url, pg.ready));
        await ctx.close();
      }
      figures[pg.name] = { median: median(runs), worst: Math.max(...runs), runs };
    }
    console.log(
      `\nLCP bench: ${RUNS} first visits per page, Chromium ${browser.version()}, 1440×900, ${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(`${"page".padEnd(14)} ${"median ms".padStart(10)} ${"worst ms".padStart(10)}`);
    for (const [name, f] of Object.entries(figures)) {
      console.log(`${name.padEnd(14)} ${f.median.toFixed(0).padStart(10)} ${f.worst.toFixed(0).padStart(10)}`);
    }
    console.log(`BENCH_JSON ${JSON.stringify(figures)}`);
  } finally {
    await browser.close();
    c.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
