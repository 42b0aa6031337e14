import "server-only";
/**
 * A private emulator for the Open API client's integration tests, started with the one launcher
 * (spawnEmulator()) and driven with the one /__emulator client (emulatorControl()). Private,
 * because these tests register users, bind devices, control them and inject faults, which the
 * shared emulators of test/global-setup.ts must never see.
 */
import { emulatorControl, tenantEnv, type EmulatorSample, type EmulatorTenant } from "@/server/cli/emulator-control";
import { spawnEmulator } from "@/server/cli/emulator-process";

export interface PrivateEmulator {
  url: string;
  tenant: EmulatorTenant;
  /** GET (no body) or POST (with a body) on /__emulator{path}. */
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
  stats(): Promise<{ callsByRoute: Record<string, number> }>;
  sample(): Promise<{ products: EmulatorSample[] }>;
  /** Environment for server/env.ts pointing both APIs at this emulator. */
  env(overrides?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The emulator closes idle keep-alive connections after 5 s; a request that races that close
 * fails with "other side closed" before reaching it. Such a control call is sent once more.
 */
async function again<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const cause = e instanceof Error ? (e.cause as { code?: string } | undefined) : undefined;
    if (cause?.code !== "UND_ERR_SOCKET" && cause?.code !== "ECONNRESET") throw e;
    return fn();
  }
}

export async function startPrivateEmulator(): Promise<PrivateEmulator> {
  const spawned = await spawnEmulator({ port: 0, host: "127.0.0.1", env: { ...process.env, EMULATOR_DEVICES: "600" } });
  const ctl = emulatorControl(spawned.url);
  const tenant = await ctl.tenant();
  return {
    url: spawned.url,
    tenant,
    control: <T = unknown>(path: string, body?: unknown) =>
      again(async () => (body === undefined ? ctl.get<T>(path) : ((await ctl.post(path, body)) as T))),
    stats: () => again(() => ctl.stats()),
    sample: async () => ({ products: await again(() => ctl.sample()) }),
    env: (overrides = {}) => ({
      ...tenantEnv(spawned.url, tenant),
      GIZWITS_OPENAPI_BASE: spawned.url,
      NEXTAUTH_SECRET: "test-secret-for-openapi-client-tests",
      ...overrides,
    }),
    stop: () => spawned.stop(),
  };
}
