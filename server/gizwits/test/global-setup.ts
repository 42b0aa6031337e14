/**
 * Vitest globalSetup: starts one in-process Gizwits emulator on a free port for the client's
 * integration tests and hands its URL and tenant credentials to test files through `provide`.
 * This is the only place allowed to import server/emulator; console code reaches it over HTTP.
 * The emulator is shared by all test files, so a test file that changes its config (quota,
 * faults) must reset it, and such tests live in one file that runs its tests in sequence.
 */
import type { TestProject } from "vitest/node";
import { startEmulator } from "../../emulator/server";

export interface EmulatorTenant {
  enterprise_id: string;
  enterprise_secret: string;
  products: { product_key: string; product_secret: string; name: string }[];
  appids: { appid: string; product_key: string }[];
}

declare module "vitest" {
  export interface ProvidedContext {
    gizwitsEmulator: { url: string; tenant: EmulatorTenant };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emu = await startEmulator({ port: 0 });
  const tenant = (await (await fetch(`${emu.url}/__emulator/tenant`)).json()) as EmulatorTenant;
  project.provide("gizwitsEmulator", { url: emu.url, tenant });
  return () => emu.close();
}
