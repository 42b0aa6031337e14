import "server-only";
/**
 * Vitest globalSetup: starts Gizwits emulators on free ports for integration tests and hands
 * their URLs and tenant credentials to test files through `provide`.
 * The emulator is a separate program: it is started exactly as an operator would start it
 * (`npm run emulator`) and reached only over HTTP, so nothing here imports it.
 * Two emulators: `gizwitsEmulator` is shared by any test file and must never be reconfigured
 * or reset; `gizwitsEmulatorExclusive` belongs to the client's integration tests, which change
 * quota and faults and count upstream calls exactly, so no other file may send it traffic.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";
import { z } from "zod";
import type { TestProject } from "vitest/node";

const tenantSchema = z.object({
  enterprise_id: z.string(),
  enterprise_secret: z.string(),
  products: z.array(z.object({ product_key: z.string(), product_secret: z.string(), name: z.string() })),
  appids: z.array(z.object({ appid: z.string(), product_key: z.string() })),
});
export type EmulatorTenant = z.infer<typeof tenantSchema>;

declare module "vitest" {
  export interface ProvidedContext {
    gizwitsEmulator: { url: string; tenant: EmulatorTenant };
    gizwitsEmulatorExclusive: { url: string; tenant: EmulatorTenant };
  }
}

const root = path.resolve(import.meta.dirname, "../../..");

function launch(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn("npm", ["run", "--silent", "emulator"], {
    cwd: root,
    env: { ...process.env, EMULATOR_PORT: "0", EMULATOR_HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
    // Own process group, so teardown stops npm, tsx and the server together.
    detached: true,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("emulator did not print EMULATOR_READY within 60 s")), 60_000);
    child.once("exit", (code) => reject(new Error(`emulator exited before it was ready (code ${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /^EMULATOR_READY (\S+)/.exec(line.trim());
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
      resolve();
    }, 5_000).unref();
  });
}

async function start() {
  const { child, url } = await launch();
  const tenant = tenantSchema.parse(await (await fetch(`${url}/__emulator/tenant`)).json());
  return { child, info: { url, tenant } };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [shared, exclusive] = await Promise.all([start(), start()]);
  project.provide("gizwitsEmulator", shared.info);
  project.provide("gizwitsEmulatorExclusive", exclusive.info);
  return async () => {
    await Promise.all([stop(shared.child), stop(exclusive.child)]);
  };
}
