import "server-only";
import { inject } from "vitest";

/**
 * Test helpers for code that talks to an emulator started by global-setup.ts: points the
 * console's env at it and drives its /__emulator control surface over HTTP. The default one is
 * shared between test files: read from it, but never reset or reconfigure it. `exclusive` is
 * the client integration tests' own emulator.
 */
export function emulator(opts: { exclusive?: boolean } = {}) {
  const { url, tenant } = inject(opts.exclusive ? "gizwitsEmulatorExclusive" : "gizwitsEmulator");
  const control = async <T = unknown>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/__emulator${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`emulator ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    url,
    tenant,
    control,
    /** Sets process.env for server/env.ts; call before the first env() of the test file. */
    useEnv(overrides: Record<string, string> = {}) {
      Object.assign(process.env, {
        GIZWITS_API_BASE: url,
        GIZWITS_ENTERPRISE_ID: tenant.enterprise_id,
        GIZWITS_ENTERPRISE_SECRET: tenant.enterprise_secret,
        GIZWITS_PRODUCTS: tenant.products.map((p) => `${p.product_key}:${p.product_secret}`).join(","),
        GIZWITS_APPIDS: tenant.appids.map((a) => `${a.appid}:${a.product_key}`).join(","),
        NEXTAUTH_SECRET: "test-secret-for-gizwits-client-tests",
        ...overrides,
      });
    },
    async stats(): Promise<{ calls: number; callsByPath: Record<string, number>; callsByRoute: Record<string, number> }> {
      return control("/stats");
    },
    reset: () => control("/reset", { tokens: true }),
    config: (patch: Record<string, unknown>) => control("/config", patch),
    expireTokens: () => control("/tokens/expire", {}),
    sample: () => control<{ products: EmulatorSample[] }>("/sample"),
  };
}

export interface EmulatorSample {
  product_key: string;
  remote_control: boolean;
  agg_data: boolean;
  root_gid: string | null;
  online: { did: string; mac: string }[];
  offline: { did: string; mac: string }[];
  disabled: { did: string; mac: string }[];
  bound_user: { uid: string; appid: string; did: string } | null;
}
