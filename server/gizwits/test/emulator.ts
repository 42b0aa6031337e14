import "server-only";
import { inject } from "vitest";
import { type EmulatorConfig, emulatorControl, tenantEnv } from "../../cli/emulator-control";

export type { EmulatorSample, EmulatorTenant } from "../../cli/emulator-control";

/**
 * Test helpers for integration tests (*.integration.test.ts) that talk to an emulator started
 * by global-setup.ts: points the console's env at it and drives its /__emulator control surface
 * (server/cli/emulator-control.ts). The default one is shared between test files: read from it,
 * but never reset or reconfigure it. `exclusive` is the client integration tests' own emulator.
 */
export function emulator(opts: { exclusive?: boolean } = {}) {
  const provided = inject(opts.exclusive ? "gizwitsEmulatorExclusive" : "gizwitsEmulator");
  if (!provided) throw new Error("no test emulator: a test that uses one must be named *.integration.test.ts (see vitest.config.ts)");
  const { url, tenant } = provided;
  const client = emulatorControl(url);
  return {
    url,
    tenant,
    /** The typed client of this emulator's control surface. */
    client,
    /** Any /__emulator path: GET without a body, POST with one. */
    control: <T = unknown>(path: string, body?: unknown): Promise<T> =>
      (body === undefined ? client.get<T>(path) : client.post(path, body)) as Promise<T>,
    /** Sets process.env for server/env.ts; call before the first env() of the test file. */
    useEnv(overrides: Record<string, string> = {}) {
      Object.assign(process.env, {
        ...tenantEnv(url, tenant),
        NEXTAUTH_SECRET: "test-secret-for-gizwits-client-tests",
        ...overrides,
      });
    },
    stats: () => client.stats(),
    reset: () => client.reset({ tokens: true }),
    config: (patch: Partial<EmulatorConfig>) => client.config(patch),
    expireTokens: () => client.expireTokens(),
    sample: async () => ({ products: await client.sample() }),
  };
}
