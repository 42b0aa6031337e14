/**
 * First-load JS budget (issue 17): the gzip size of the JavaScript each page's HTML makes the
 * browser load before it is interactive, per route, from a production build — and a non-zero exit
 * when any route is over BUNDLE_BUDGET_KB. Run by `npm test` (.ci/test.sh) right after `next build`.
 *
 * Next 16 (Turbopack) no longer prints "First Load JS", so the figures come from the build's own
 * manifests in the dist dir (NEXT_DIST_DIR, default .next):
 *   - build-manifest.json `rootMainFiles`: the framework/runtime chunks every page loads;
 *   - server/app/<route>/page_client-reference-manifest.js `entryJSFiles`: the chunks of every
 *     segment of that route's tree (root layout, group layouts, error/loading/not-found boundaries,
 *     the page), which the HTML loads as <script src async>.
 * Chunks behind next/dynamic or import() are not in either list: they load on demand, not first.
 * The legacy polyfill chunk is `nomodule` (never fetched by a modern browser) and is not counted.
 * Each distinct chunk is counted once per route, gzipped at level 9 as a server would send it.
 *
 *   npx tsx bench/bundle-budget.ts             # table + exit 1 when a route is over
 *   BUNDLE_BUDGET_JSON=1 npx tsx bench/bundle-budget.ts   # also print the figures as JSON
 *   NEXT_DIST_DIR=.next-mine npx tsx bench/bundle-budget.ts  # a build made with that NEXT_DIST_DIR
 * What a chunk holds: `NEXT_DIST_DIR=.next-analyze npx next analyze -o` then
 * `npx next analyze export --dist-dir .next-analyze --route /devices` (JSON lines: each output
 * chunk with its modules and their sizes).
 *
 * Keeping a route light (the floor — Next's runtime and React — is ~132 KB of the 170 KB, and
 * TanStack Query ~11-15 KB more, so a page and the shell share ~25 KB):
 *   - No zod in client code, ever (~31 KB gzip). Client components and the lib modules they import
 *     take types with `import type` from lib/schemas/*, and values (constants, helpers, URL readers)
 *     from lib/plain/* — plain TypeScript that lib/schemas re-exports for the server. A lib module
 *     that needs both keeps its schema and re-exports its plain half (lib/control.ts →
 *     lib/plain/control.ts). Read a page URL with lib/plain/url-read.ts readers, and test them
 *     against the zod schema (lib/schemas/devices.test.ts does it with fast-check).
 *   - Fetch with `apiFetch<T>(path, opts)` and `import type` of T: the server already parsed every
 *     input and upstream answer with zod, so the browser does not parse the console's own answers
 *     again. Passing a zod schema to apiFetch (the old form) still works but brings zod back.
 *   - Messages: client components ask for a catalogue by name, `useT("devices")`, and never
 *     import lib/i18n/messages/* as a value; the page's server component hands down that
 *     namespace's table in the reader's language only (<PageMessages ns={[…]}> in app/, "common"
 *     and "shell" from the root layout). app/i18n-namespaces.test.ts checks both rules.
 *   - Anything not on screen at first paint loads with lazyClient() (components/ui/lazy-client.tsx:
 *     React.lazy after hydration; next/dynamic's loader runtime costs ~2.3 KB per page): dialogs,
 *     non-default tabs, charts (components/charts/lazy.tsx), maps. A dialog component imported
 *     statically for one helper function keeps the whole dialog in the page: move the helper out.
 *   - Check a new page with this script after `next build`; `npm test` fails when a route is over.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { z } from "zod";

/** The budget of issue 17: first-load JS per route, KB (1024 bytes) gzip. The one place it is set. */
export const BUNDLE_BUDGET_KB = 170;
/**
 * What the test command gates on. Every route has been within BUNDLE_BUDGET_KB since 2 Dec 2026
 * (largest: /devices 169.8 KB), so the gate is the budget itself: a change that takes any route
 * over 170 KB fails `npm test`. (While routes were over, this was a regression ceiling above the
 * largest route; BUNDLE_STRICT=1 still forces the budget, for scripts that set it.)
 */
export const BUNDLE_CEILING_KB = BUNDLE_BUDGET_KB;

const root = path.resolve(import.meta.dirname, "..");
const distDir = path.resolve(root, process.env.NEXT_DIST_DIR || ".next");

const buildManifestSchema = z.object({ rootMainFiles: z.array(z.string()), polyfillFiles: z.array(z.string()).default([]) });
const clientManifestSchema = z.record(z.string(), z.object({ entryJSFiles: z.record(z.string(), z.array(z.string())) }));

export interface RouteBundle {
  route: string;
  chunks: number;
  rawBytes: number;
  gzipBytes: number;
  /** The route's chunks beyond the framework's (rootMainFiles), largest first: file and gzip bytes. */
  appChunks: { file: string; gzipBytes: number }[];
}

function findPageManifests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findPageManifests(p));
    else if (entry.name === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

/** "/(console)/devices/[did]/page" → "/devices/[did]"; Next's internal pages (/_not-found…) → null. */
function routeOf(pageKey: string): string | null {
  const segments = pageKey.split("/").filter((s) => s && s !== "page" && !/^\(.*\)$/.test(s));
  if (segments.some((s) => s.startsWith("_"))) return null;
  return `/${segments.join("/")}`;
}

/** The manifest is a script assigning globalThis.__RSC_MANIFEST[page]; run it in a bare context. */
function readClientManifest(file: string): z.infer<typeof clientManifestSchema> {
  const context: { self?: unknown; globalThis?: unknown; __RSC_MANIFEST?: unknown } = {};
  context.self = context;
  context.globalThis = context;
  vm.runInNewContext(readFileSync(file, "utf8"), context, { filename: file, timeout: 5_000 });
  return clientManifestSchema.parse(context.__RSC_MANIFEST);
}

export function measureBundles(dist = distDir): RouteBundle[] {
  const buildManifest = buildManifestSchema.parse(JSON.parse(readFileSync(path.join(dist, "build-manifest.json"), "utf8")));
  const gzCache = new Map<string, { raw: number; gz: number }>();
  const sizeOf = (chunk: string) => {
    let s = gzCache.get(chunk);
    if (!s) {
      const buf = readFileSync(path.join(dist, chunk));
      s = { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
      gzCache.set(chunk, s);
    }
    return s;
  };
  const routes: RouteBundle[] = [];
  for (const file of findPageManifests(path.join(dist, "server", "app"))) {
    for (const [pageKey, manifest] of Object.entries(readClientManifest(file))) {
      const route = routeOf(pageKey);
      if (route === null) continue;
      const chunks = new Set<string>(buildManifest.rootMainFiles);
      for (const files of Object.values(manifest.entryJSFiles)) for (const f of files) if (f.endsWith(".js")) chunks.add(f);
      let rawBytes = 0;
      let gzipBytes = 0;
      const appChunks: RouteBundle["appChunks"] = [];
      for (const c of chunks) {
        const s = sizeOf(c);
        rawBytes += s.raw;
        gzipBytes += s.gz;
        if (!buildManifest.rootMainFiles.includes(c)) appChunks.push({ file: c, gzipBytes: s.gz });
      }
      appChunks.sort((a, b) => b.gzipBytes - a.gzipBytes);
      routes.push({ route, chunks: chunks.size, rawBytes, gzipBytes, appChunks });
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function main(): void {
  if (!existsSync(path.join(distDir, "build-manifest.json"))) {
    console.error(`bundle budget: no build in ${path.relative(root, distDir) || "."} (run next build first)`);
    process.exitCode = 1;
    return;
  }
  const routes = measureBundles();
  if (routes.length === 0) {
    console.error("bundle budget: no page manifests found in the build");
    process.exitCode = 1;
    return;
  }
  console.log(`first-load JS per route (gzip), budget ${BUNDLE_BUDGET_KB} KB — ${path.relative(root, distDir)}`);
  console.log(`${"route".padEnd(24)} ${"chunks".padStart(6)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)}  verdict`);
  const over = routes.filter((r) => r.gzipBytes > BUNDLE_BUDGET_KB * 1024);
  for (const r of routes) {
    const verdict = r.gzipBytes > BUNDLE_BUDGET_KB * 1024 ? `OVER by ${kb(r.gzipBytes - BUNDLE_BUDGET_KB * 1024)} KB` : "ok";
    console.log(
      `${r.route.padEnd(24)} ${String(r.chunks).padStart(6)} ${kb(r.rawBytes).padStart(8)} ${kb(r.gzipBytes).padStart(8)}  ${verdict}`,
    );
  }
  const bm = buildManifestSchema.parse(JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")));
  const polyfill = bm.polyfillFiles.reduce((n, f) => n + gzipSync(readFileSync(path.join(distDir, f)), { level: 9 }).length, 0);
  console.log(`(not counted: the nomodule polyfill chunk, ${kb(polyfill)} KB gzip, which modern browsers never fetch)`);
  if (process.env.BUNDLE_BUDGET_JSON) console.log(JSON.stringify(routes));
  const strict = process.env.BUNDLE_STRICT === "1";
  const limit = strict ? BUNDLE_BUDGET_KB : BUNDLE_CEILING_KB;
  const overLimit = routes.filter((r) => r.gzipBytes > limit * 1024);
  if (over.length > 0) console.error(`bundle budget: ${over.length} of ${routes.length} routes over ${BUNDLE_BUDGET_KB} KB gzip (NOT met)`);
  else console.log(`bundle budget: all ${routes.length} routes within ${BUNDLE_BUDGET_KB} KB gzip`);
  if (overLimit.length > 0) {
    console.error(`bundle check FAILED: ${overLimit.length} route(s) over ${limit} KB gzip of first-load JS`);
    for (const r of overLimit) {
      console.error(
        `  ${r.route}: ${kb(r.gzipBytes)} KB, ${kb(r.gzipBytes - limit * 1024)} KB over; largest chunks beyond the framework's:`,
      );
      for (const c of r.appChunks.slice(0, 4)) {
        const shared = routes.filter((o) => o.appChunks.some((x) => x.file === c.file)).length;
        console.error(`    ${kb(c.gzipBytes).padStart(6)} KB  ${c.file}  (in ${shared} of ${routes.length} routes)`);
      }
    }
    console.error("  what they hold: `npx next analyze` (see the top of bench/bundle-budget.ts); how to cut them: same place.");
    process.exitCode = 1;
  } else console.log(`bundle check: every route within ${limit} KB gzip`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
