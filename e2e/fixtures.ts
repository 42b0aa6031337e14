import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import type { Role } from "../lib/roles";
import { E2E_EMULATOR, E2E_PORT } from "../playwright.config";
import { type EmulatorControl, emulatorControl } from "../server/cli/emulator-control";

export { expect };
export type { EmulatorControl };

/**
 * Where auth.setup.ts leaves each demo role's signed-in browser state. Keyed by the server's
 * port: a session cookie only decrypts on the server that issued it, and parallel runs on other
 * ports must not overwrite each other's files.
 */
export function authFile(role: Role, baseURL: string | undefined = `http://127.0.0.1:${E2E_PORT}`): string {
  const port = baseURL ? new URL(baseURL).port || "80" : String(E2E_PORT);
  return path.join(import.meta.dirname, ".auth", port, `${role}.json`);
}

export function demoAccount(role: Role) {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role);
  if (!a) throw new Error(`no demo account for role ${role}`);
  return a;
}

/** Signs in through the real form, as a user would. */
export async function signInThroughUi(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/**
 * The emulator the console under test was started with (by the launcher, on E2E_EMULATOR's
 * port). E2E_EMULATOR_URL lets a second e2e run use other ports while one is already running.
 */
export function e2eEmulatorUrl(): string {
  return process.env.E2E_EMULATOR_URL ?? E2E_EMULATOR;
}

/** The emulator's test surface (/__emulator/...), for specs that need to bend the upstream. */
export function e2eEmulator(): EmulatorControl {
  return emulatorControl(e2eEmulatorUrl());
}

export const test = base.extend<{
  /** A page in a fresh context signed in as the demo account of `role` (closed after the test). */
  asRole: (role: Role) => Promise<Page>;
  emulator: EmulatorControl;
}>({
  asRole: async ({ browser, baseURL }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (role) => {
      const ctx = await browser.newContext({ baseURL, storageState: authFile(role, baseURL), locale: "en-US" });
      contexts.push(ctx);
      return ctx.newPage();
    });
    for (const c of contexts) await c.close();
  },
  // Playwright reads a fixture's dependencies from the destructured first argument: none here.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern
  emulator: async ({}, use) => {
    await use(e2eEmulator());
  },
});
