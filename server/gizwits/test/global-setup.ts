/**
 * Vitest globalSetup of the integration project (*.integration.test.ts): starts two Gizwits
 * emulators on free ports with spawnEmulator() and hands their URLs and tenant credentials to
 * test files through `provide`. The emulator is a separate program, started exactly as an
 * operator would start it and reached only over HTTP, so nothing here imports it.
 * `gizwitsEmulator` is shared by any test file and must never be reconfigured or reset;
 * `gizwitsEmulatorExclusive` belongs to the client's integration tests, which change quota and
 * faults and count upstream calls exactly, so no other file may send it traffic.
 */
import type { TestProject } from "vitest/node";
import { type EmulatorTenant, emulatorControl } from "../../cli/emulator-control";
import { type SpawnedEmulator, spawnEmulator } from "../../cli/emulator-process";

declare module "vitest" {
  export interface ProvidedContext {
    gizwitsEmulator: { url: string; tenant: EmulatorTenant };
    gizwitsEmulatorExclusive: { url: string; tenant: EmulatorTenant };
  }
}

async function start(): Promise<{ emu: SpawnedEmulator; info: { url: string; tenant: EmulatorTenant } }> {
  const emu = await spawnEmulator({ port: 0, host: "127.0.0.1" });
  try {
    return { emu, info: { url: emu.url, tenant: await emulatorControl(emu.url).tenant() } };
  } catch (err) {
    await emu.stop();
    throw err;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = await Promise.allSettled([start(), start()]);
  const [shared, exclusive] = started;
  if (shared.status === "rejected" || exclusive.status === "rejected") {
    await Promise.all(started.map((s) => (s.status === "fulfilled" ? s.value.emu.stop() : undefined)));
    throw shared.status === "rejected" ? shared.reason : (exclusive as PromiseRejectedResult).reason;
  }
  project.provide("gizwitsEmulator", shared.value.info);
  project.provide("gizwitsEmulatorExclusive", exclusive.value.info);
  return async () => {
    await Promise.all([shared.value.emu.stop(), exclusive.value.emu.stop()]);
  };
}
