import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Two projects, run in parallel by one `vitest run`:
 * - unit: every *.test.ts(x) that is not an integration test. Nothing is started for them (the
 *   emulator's own contract tests in server/emulator start their emulator in-process).
 * - integration: *.integration.test.ts(x), which reach the Gizwits emulator over HTTP. Only this
 *   project has the globalSetup, which starts two emulator programs (spawnEmulator()) and hands
 *   their URLs and tenants to the tests (server/gizwits/test/emulator.ts).
 *
 *   npx vitest run --project unit
 *   npx vitest run --project integration
 */
const integration = ["**/*.integration.test.ts", "**/*.integration.test.tsx"];
const exclude = ["node_modules/**", ".next/**", "e2e/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside a React Server bundle; in unit tests the import is a no-op.
      "server-only": path.resolve(import.meta.dirname, "lib/test/server-only-noop.ts"),
    },
  },
  test: {
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.ts", "**/*.test.tsx"], exclude: [...exclude, ...integration] },
      },
      {
        extends: true,
        test: { name: "integration", include: integration, exclude, globalSetup: ["server/gizwits/test/global-setup.ts"] },
      },
    ],
  },
});
