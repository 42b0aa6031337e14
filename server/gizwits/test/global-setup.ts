import "server-only";
/**
 * Vitest globalSetup: starts in-process Gizwits emulators on free ports for integration tests
 * and hands their URLs and tenant credentials to test files through `provide`.
 * This is the only place allowed to import server/emulator; console code reaches it over HTTP.
 * Two emulators: `gizwitsEmulator` is shared by any test file and must never be reconfigured
 * or reset; `gizwitsEmulatorExclusive` belongs to the client's integration tests, which change
 * quota and faults and count upstream calls exactly, so no other file may send it traffic.
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
    gizwitsEmulatorExclusive: { url: string; tenant: EmulatorTenant };
  }
}

async function start() {
  const emu = await startEmulator({ port: 0 });
  const tenant = (await (await fetch(`${emu.url}/__emulator/tenant`)).json()) as EmulatorTenant;
  return { emu, info: { url: emu.url, tenant } };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [shared, exclusive] = await Promise.all([start(), start()]);
  project.provide("gizwitsEmulator", shared.info);
  project.provide("gizwitsEmulatorExclusive", exclusive.info);
  return async () => {
    await Promise.all([shared.emu.close(), exclusive.emu.close()]);
  };
}
