/**
 * Upstream calls per view (not a test; issue 17 §4): how many Gizwits calls (Enterprise /v1 and
 * Open API /app, counted by the emulator) the console makes while Chromium opens the Overview and
 * a device page, first on a console that has just started (cold) and then once more (warm).
 * Budgets: a warm Overview and a warm device page make 0 calls; a cold Overview makes no more calls
 * than it has distinct reports (the report requests the page sends, counted in the browser). The
 * product list every page's header shows (a token and a definition per product, cached for hours)
 * is asked first and counted apart.
 * Needs a production build (NEXT_DIST_DIR, default .next).
 *
 *   npx tsx bench/views.bench.ts
 * Prints a table, then one line `BENCH_JSON {...}` that bench/all.ts reads.
 */
import type { Page } from "@playwright/test";
import { launchChromium, sessionCookies } from "./browser";
import { emulatorControl } from "../server/cli/emulator-control";
import { startConsole } from "./console";

const PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3793);
const EMU_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 4793);

async function main(): Promise<void> {
  const c = await startConsole({ port: PORT, emulatorPort: EMU_PORT, name: "views" });
  const control = emulatorControl(c.emulator);
  const browser = await launchChromium();
  const byRoute = async () => (await control.stats()).callsByRoute;
  const breakdown: Record<string, Record<string, number>> = {};
  try {
    const cookie = await c.signIn("manager", "manager-demo-2026");
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await ctx.addCookies(sessionCookies(cookie, c.origin));
    const page = await ctx.newPage();
    const reportUrls = new Set<string>();
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (/^\/api\/products\/[^/]+\/reports\//.test(u.pathname)) reportUrls.add(u.pathname + u.search);
    });
    // Calls made while a view opens and settles: everything on screen loaded, then a quiet second.
    const during = async (name: string, open: () => Promise<unknown>, ready: (p: Page) => Promise<void>): Promise<number> => {
      const before = await byRoute();
      await open();
      await ready(page);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(1000);
      const after = await byRoute();
      const diff: Record<string, number> = {};
      for (const [route, n] of Object.entries(after)) if (n - (before[route] ?? 0) > 0) diff[route] = n - (before[route] ?? 0);
      breakdown[name] = diff;
      return Object.values(diff).reduce((a, b) => a + b, 0);
    };
    const overviewReady = async (p: Page) => {
      await p.getByTestId("kpi-online").filter({ hasNotText: "—" }).waitFor();
      await p.getByTestId("trend-active").locator("canvas").waitFor();
    };
    // What every page's header asks first — the product list (a token and the product definition
    // per configured product, cached for hours) — is counted apart from the Overview's own calls.
    const before = await byRoute();
    await (await fetch(`${c.origin}/api/products`, { headers: { Cookie: cookie } })).arrayBuffer();
    const shell = Object.entries(await byRoute()).reduce((sum, [route, n]) => sum + n - (before[route] ?? 0), 0);
    const coldOverview = await during("Overview, cold", () => page.goto(`${c.origin}/`), overviewReady);
    const distinctReports = reportUrls.size;
    const warmOverview = await during("Overview, warm", () => page.reload(), overviewReady);

    const pk = new URL(page.url()).searchParams.get("product") ?? (await control.tenant()).products[0]!.product_key;
    const search = (await (
      await fetch(`${c.origin}/api/products/${pk}/devices/search?page=1`, { headers: { Cookie: cookie } })
    ).json()) as { devices?: { did: string }[] };
    const did = search.devices?.[0]?.did;
    if (!did) throw new Error("no device in the first search page");
    const deviceReady = async (p: Page) => {
      await p.getByRole("tab").first().waitFor();
      await p.locator('[data-testid^="value-"]').first().waitFor();
    };
    const url = `${c.origin}/devices/${did}?product=${pk}`;
    const coldDevice = await during("device page, cold", () => page.goto(url), deviceReady);
    const warmDevice = await during("device page, warm", () => page.reload(), deviceReady);

    const figures = { shell, coldOverview, warmOverview, distinctReports, coldDevice, warmDevice };
    console.log("\nupstream calls per view (Chromium, signed in as manager; emulator's call count)");
    console.log(`${"view".padEnd(28)} ${"calls".padStart(6)}`);
    console.log(`${"product list (every page)".padEnd(28)} ${String(shell).padStart(6)}   (first request after start)`);
    console.log(`${"Overview, cold".padEnd(28)} ${String(coldOverview).padStart(6)}   (${distinctReports} distinct reports)`);
    console.log(`${"Overview, warm".padEnd(28)} ${String(warmOverview).padStart(6)}`);
    console.log(`${"device page, cold".padEnd(28)} ${String(coldDevice).padStart(6)}`);
    console.log(`${"device page, warm".padEnd(28)} ${String(warmDevice).padStart(6)}`);
    for (const [name, diff] of Object.entries(breakdown)) {
      if (Object.keys(diff).length)
        console.log(
          `  ${name}: ${Object.entries(diff)
            .map(([r, n]) => `${r} ×${n}`)
            .join(", ")}`,
        );
    }
    console.log(`BENCH_JSON ${JSON.stringify(figures)}`);
    await ctx.close();
  } finally {
    await browser.close();
    c.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
