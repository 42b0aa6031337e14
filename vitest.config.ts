import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside a React Server bundle; in unit tests the import is a no-op.
      "server-only": path.resolve(import.meta.dirname, "lib/test/server-only-noop.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", "e2e/**"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One in-process Gizwits emulator for integration tests (URL/credentials via inject()).
    globalSetup: ["server/gizwits/test/global-setup.ts"],
  },
});
