import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const read = (f: string) => readFileSync(path.join(root, f), "utf8");

describe(".env.example", () => {
  it("documents every variable the console reads", () => {
    const envSource = read("server/env.ts");
    const schemaKeys = [...envSource.matchAll(/^\s{4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(schemaKeys).toContain("GIZWITS_API_BASE");
    const launcherKeys = [...read("server/cli/start.ts").matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!);
    const serverKeys = [...read("server/startup.ts").matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!);
    const documented = read(".env.example");
    // Node's own variables are passed through, not configuration of the console.
    const nodeOwn = new Set(["NODE_OPTIONS", "NODE_ENV"]);
    const missing = [...new Set([...schemaKeys, ...launcherKeys, ...serverKeys])]
      .filter((k) => !nodeOwn.has(k))
      .filter((k) => !new RegExp(`^#?\\s*${k}=`, "m").test(documented));
    expect(missing).toEqual([]);
  });
});
