import { defineConfig, devices } from "@playwright/test";

/**
 * E2E runs the real console (next start, built by `npm test`) against the embedded emulator on a
 * fixed loopback port (the launcher starts it with spawnEmulator()), so specs can drive the
 * emulator's /__emulator test surface. Never point this at a real upstream: the launcher only
 * starts the emulator when GIZWITS_API_BASE is unset. How the specs work: e2e/README.md.
 */
// E2E_PORT / E2E_EMULATOR_PORT / E2E_DATA_DIR let a second run (e.g. with its own NEXT_DIST_DIR
// build, which the web server inherits from process.env) go alongside the default one.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const E2E_EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4110);
export const E2E_EMULATOR = `http://127.0.0.1:${E2E_EMULATOR_PORT}`;

if (process.env.GIZWITS_API_BASE) throw new Error("e2e refuses to run with GIZWITS_API_BASE set: it must use the embedded emulator");

export default defineConfig({
  testDir: "e2e",
  // Generous: CI machines have 2 cores shared by the console, the emulator, PGlite and Chromium.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"] },
  ],
  webServer: {
    command: "npx tsx server/cli/start.ts",
    url: `http://127.0.0.1:${E2E_PORT}/signin`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM to the launcher's process group first, so next-server and the emulator exit cleanly.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    env: {
      PORT: String(E2E_PORT),
      HOSTNAME: "127.0.0.1",
      EMULATOR_PORT: String(E2E_EMULATOR_PORT),
      CONSOLE_DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e",
      NEXTAUTH_URL: `http://127.0.0.1:${E2E_PORT}`,
    },
  },
});
