import "server-only";
/**
 * A private emulator for the Open API client's integration tests: started as its own program
 * (`npm run emulator` on a free port) and reached only over HTTP, like test/global-setup.ts does
 * for the shared ones. Private, because these tests register users, bind devices, control them
 * and inject faults, which the shared emulator must never see.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { z } from "zod";

const tenantSchema = z.object({
  enterprise_id: z.string(),
  enterprise_secret: z.string(),
  products: z.array(z.object({ product_key: z.string(), product_secret: z.string(), name: z.string() })),
  appids: z.array(z.object({ appid: z.string(), product_key: z.string() })),
});
export type Tenant = z.infer<typeof tenantSchema>;

const sampleSchema = z.object({
  products: z.array(
    z.object({
      product_key: z.string(),
      remote_control: z.boolean(),
      online: z.array(z.object({ did: z.string(), mac: z.string() })),
      offline: z.array(z.object({ did: z.string(), mac: z.string() })),
      disabled: z.array(z.object({ did: z.string(), mac: z.string() })),
    }),
  ),
});
export type Sample = z.infer<typeof sampleSchema>;

const root = path.resolve(import.meta.dirname, "../../..");

export interface PrivateEmulator {
  url: string;
  tenant: Tenant;
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
  stats(): Promise<{ callsByRoute: Record<string, number> }>;
  sample(): Promise<Sample>;
  /** Environment for server/env.ts pointing both APIs at this emulator. */
  env(overrides?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

export async function startPrivateEmulator(): Promise<PrivateEmulator> {
  const child: ChildProcess = spawn("npm", ["run", "--silent", "emulator"], {
    cwd: root,
    env: { ...process.env, EMULATOR_PORT: "0", EMULATOR_HOST: "127.0.0.1", EMULATOR_DEVICES: "300" },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("emulator did not print EMULATOR_READY within 60 s")), 60_000);
    child.once("exit", (code) => reject(new Error(`emulator exited before it was ready (code ${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /^EMULATOR_READY (\S+)/.exec(line.trim());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  const control = async <T = unknown>(p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/__emulator${p}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`emulator ${p}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const tenant = tenantSchema.parse(await control("/tenant"));
  return {
    url,
    tenant,
    control,
    stats: () => control("/stats"),
    sample: async () => sampleSchema.parse(await control("/sample")),
    env: (overrides = {}) => ({
      GIZWITS_API_BASE: url,
      GIZWITS_OPENAPI_BASE: url,
      GIZWITS_ENTERPRISE_ID: tenant.enterprise_id,
      GIZWITS_ENTERPRISE_SECRET: tenant.enterprise_secret,
      GIZWITS_PRODUCTS: tenant.products.map((p) => `${p.product_key}:${p.product_secret}`).join(","),
      GIZWITS_APPIDS: tenant.appids.map((a) => `${a.appid}:${a.product_key}`).join(","),
      NEXTAUTH_SECRET: "test-secret-for-openapi-client-tests",
      ...overrides,
    }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once("exit", () => resolve());
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            /* gone */
          }
          resolve();
        }, 5_000).unref();
      }),
  };
}
