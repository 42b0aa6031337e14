import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Client components ask for message tables by name (useT with a namespace name) and pages provide them
 * in the active locale only (<PageMessages ns={[…]}> in each page, "common" and "shell" in the
 * root layout). A namespace a component asks for but its page does not provide throws at render,
 * so this walks each page's import graph — static imports, `import()` and next/dynamic — and
 * checks that the page provides every namespace reachable from it, and nothing it never uses.
 */
const root = path.resolve(import.meta.dirname, "..");
const ROOT_LAYOUT_NAMESPACES = ["common", "shell"];

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && !candidate.endsWith("/") && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
const USE_T = /useT\(\s*"([a-z-]+)"\s*\)/g;

/** Namespaces asked for by `file` and everything it imports (type-only imports excluded). */
function namespacesReachable(file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const src = readFileSync(file, "utf8");
  for (const m of src.matchAll(USE_T)) out.add(m[1]!);
  for (const m of src.matchAll(IMPORT)) {
    const target = resolveImport(file, (m[1] ?? m[2])!);
    if (target && !target.includes(`${path.sep}server${path.sep}`)) for (const ns of namespacesReachable(target, seen)) out.add(ns);
  }
  return out;
}

function provided(pageFile: string): string[] {
  const src = readFileSync(pageFile, "utf8");
  const m = /<PageMessages\s+ns=\{\[([^\]]*)\]\}/.exec(src);
  return m ? [...m[1]!.matchAll(/"([a-z-]+)"/g)].map((x) => x[1]!) : [];
}

const PAGES = [
  "app/(console)/page.tsx",
  "app/(console)/audit/page.tsx",
  "app/(console)/devices/page.tsx",
  "app/(console)/devices/[did]/page.tsx",
  "app/(console)/groups/page.tsx",
  "app/(console)/jobs/page.tsx",
  "app/(console)/jobs/[id]/page.tsx",
  "app/(console)/reports/page.tsx",
  "app/(console)/settings/page.tsx",
  "app/(console)/settings/accounts/page.tsx",
  "app/(console)/users/page.tsx",
  "app/(console)/users/[uid]/page.tsx",
  "app/signin/page.tsx",
];
/** Rendered around every page: only what the root layout provides is available to them. */
const SHARED = ["app/layout.tsx", "app/(console)/layout.tsx", "app/(console)/error.tsx", "app/(console)/loading.tsx", "app/not-found.tsx"];

describe("message namespaces each page provides", () => {
  for (const file of SHARED) {
    it(`${file} needs only the root layout's namespaces`, () => {
      expect([...namespacesReachable(path.join(root, file))].filter((ns) => !ROOT_LAYOUT_NAMESPACES.includes(ns))).toEqual([]);
    });
  }
  for (const file of PAGES) {
    it(`${file} provides every namespace its components ask for, and no other`, () => {
      const needed = [...namespacesReachable(path.join(root, file))].filter((ns) => !ROOT_LAYOUT_NAMESPACES.includes(ns)).sort();
      expect(provided(path.join(root, file)).sort()).toEqual(needed);
    });
  }
  it("no client component bundles a catalogue that pages provide", () => {
    // A value import of lib/i18n/messages/* in client code ships that catalogue in both languages
    // in the route's JavaScript; client code asks for it by name instead. (lib/plain/payload.ts
    // still builds its parse errors and P0 labels from devices-domain: see its comment.)
    const clientFiles = execFileSync("git", ["ls-files", "components", "app", "lib/plain"], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."))
      .filter(
        (f) =>
          f.startsWith("components/") || f.startsWith("lib/plain/") || /^["']use client["']/.test(readFileSync(path.join(root, f), "utf8")),
      );
    const offenders = clientFiles.filter((f) =>
      /^import\s+\{[^}]*\}\s+from\s+["'](?:@\/lib\/i18n|(?:\.\.\/)+i18n)\/messages\//m.test(readFileSync(path.join(root, f), "utf8")),
    );
    expect(offenders).toEqual(["lib/plain/payload.ts"]);
  });
  it("finds the namespaces of a component reached through next/dynamic", () => {
    // The device list opens the bulk group dialog lazily; its "groups" messages must be provided.
    expect(namespacesReachable(path.join(root, "components/devices/search/selection-actions.tsx")).has("groups")).toBe(true);
  });
});
