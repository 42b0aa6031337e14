/**
 * The one typed client of the emulator's test-only control surface (`/__emulator/...`, a path
 * the real Gizwits API does not have) and the schemas of its answers: the tenant, the device
 * sample, call statistics and the runtime configuration.
 *
 * Shared by the launcher (server/cli/start.ts), vitest (server/gizwits/test), the Playwright
 * fixtures (e2e/) and the benchmarks (bench/). The console app never imports it. It talks to the
 * emulator over HTTP only and never imports the emulator's code: the emulator is a separate program.
 */
import { z } from "zod";

/** GET /__emulator/tenant: the demo enterprise's credentials, its products and AppIDs. */
export const emulatorTenantSchema = z.object({
  enterprise_id: z.string().min(1),
  enterprise_secret: z.string().min(1),
  products: z.array(z.object({ product_key: z.string().min(1), product_secret: z.string().min(1), name: z.string() })).min(1),
  appids: z.array(z.object({ appid: z.string().min(1), product_key: z.string().min(1) })),
});
export type EmulatorTenant = z.infer<typeof emulatorTenantSchema>;

const deviceRef = z.object({ did: z.string(), mac: z.string() });

/** One product of GET /__emulator/sample: a few devices in each state, a bound user, the root group. */
export const emulatorSampleProductSchema = z.object({
  product_key: z.string(),
  devices: z.number().int(),
  remote_control: z.boolean(),
  agg_data: z.boolean(),
  published: z.boolean(),
  history: z.boolean(),
  root_gid: z.string().nullable(),
  online: z.array(deviceRef),
  offline: z.array(deviceRef),
  disabled: z.array(deviceRef),
  faulty: z.array(deviceRef),
  alerting: z.array(deviceRef),
  bound_user: z.object({ uid: z.string(), appid: z.string(), did: z.string() }).nullable(),
});
export type EmulatorSample = z.infer<typeof emulatorSampleProductSchema>;
export const emulatorSampleSchema = z.object({ devices: z.number().int(), products: z.array(emulatorSampleProductSchema) });

/** GET /__emulator/stats: /v1 calls counted since start or the last reset, and the hourly quota. */
export const emulatorStatsSchema = z.object({
  calls: z.number().int(),
  callsByPath: z.record(z.string(), z.number().int()),
  callsByRoute: z.record(z.string(), z.number().int()),
  quota: z.object({ limit: z.number().int(), used: z.number().int(), reset: z.number().int() }),
});
export type EmulatorStats = z.infer<typeof emulatorStatsSchema>;

/** GET/POST /__emulator/config: faults and limits the emulator applies to /v1 calls. */
export const emulatorConfigSchema = z.object({
  /** Added delay before every /v1 response. */
  latencyMs: z.number().int().min(0),
  /** Probability (0..1) that a /v1 call fails with `errorCode` instead of being served. */
  errorRate: z.number().min(0).max(1),
  errorCode: z.number().int(),
  /** true: every /v1 call hangs (never answered); a number: that probability. */
  hang: z.union([z.boolean(), z.number().min(0).max(1)]),
  /** Only /v1 paths containing this substring get latency/errors/hangs ("" = all). */
  faultPath: z.string(),
  /** Calls per enterprise per clock hour. */
  quota: z.number().int().min(0),
  /** Life of new access tokens; 0 issues tokens that are already expired. */
  tokenTtlSeconds: z.number().int().min(0),
  ipWhitelist: z.array(z.string()),
  remoteControlDisabled: z.array(z.string()),
  aggEnabled: z.array(z.string()),
  /** Life of a history `context` cursor; 0 issues cursors that are already expired. */
  contextTtlSeconds: z.number().int().min(0),
  /** Published product keys: their data/cmd/online history logs answer 5024 unless in historyEnabled. */
  published: z.array(z.string()),
  /** Published product keys whose history logs Gizwits enabled ("enabled by Gizwits" override). */
  historyEnabled: z.array(z.string()),
  /** Paths the doc gets wrong: serve the documented form, the alternative, or both. */
  pathVariant: z.enum(["documented", "alternative", "both"]),
  /** Rows per devices/search page and group MAC list at most. */
  maxPage: z.number().int().min(1),
  /** Longest agg_data span in days. */
  aggMaxDays: z.number().int().min(1),
  /** Dids whose control fails (/v1 5409, /app 9008, group control `false`); the command is still counted. */
  controlFailDids: z.array(z.string()),
});
export type EmulatorConfig = z.infer<typeof emulatorConfigSchema>;

/** GET /__emulator/controls: control commands addressed to each did since start, reset or controls/reset. */
export const emulatorControlCountsSchema = z.object({ counts: z.record(z.string(), z.number().int()) });
export type EmulatorControlCounts = z.infer<typeof emulatorControlCountsSchema>;

/** POST /__emulator/openapi/scheduler/run: the schedules it ran, with each device's result. */
export const emulatorSchedulerRunSchema = z.object({
  runs: z.array(
    z.object({
      id: z.string(),
      occurrence: z.number(),
      results: z.array(z.object({ did: z.string(), result: z.boolean(), error: z.number().nullable() })),
    }),
  ),
  expired_shares: z.array(z.string()),
});
export type EmulatorSchedulerRun = z.infer<typeof emulatorSchedulerRunSchema>;

export interface EmulatorControl {
  url: string;
  tenant(): Promise<EmulatorTenant>;
  /** Sample devices per product, in the tenant's product order. */
  sample(): Promise<EmulatorSample[]>;
  stats(): Promise<EmulatorStats>;
  resetStats(): Promise<EmulatorStats>;
  config(patch?: Partial<EmulatorConfig>): Promise<EmulatorConfig>;
  /** Rebuilds the fleet and restores the start-up configuration; `tokens` also forgets issued tokens. */
  reset(opts?: { tokens?: boolean }): Promise<void>;
  expireTokens(): Promise<{ expired: number }>;
  /** Forces a device on- or offline from now on. */
  setOnline(did: string, online: boolean): Promise<{ did: string; is_online: boolean }>;
  /** Commands each did received (/v1 control, /app control, group control, schedules), by did. */
  controlCounts(): Promise<Record<string, number>>;
  resetControlCounts(): Promise<void>;
  /**
   * Runs the Open API schedules: `{ at }` (unix s) runs every schedule due up to then (advances the
   * emulator's clock), `{ id }` forces that schedule now.
   */
  runSchedules(opts: { at: number } | { id: string }): Promise<EmulatorSchedulerRun>;
  /** A fresh access token for one of the tenant's products (a real /v1 call, counted in stats). */
  token(productKey: string): Promise<string>;
  /** Untyped escape hatches for paths without a method above; `path` is relative to /__emulator. */
  get<T = unknown>(path: string): Promise<T>;
  post(path: string, body?: unknown): Promise<unknown>;
}

/** The GIZWITS_* settings that point the console at an emulator's demo tenant. */
export function tenantEnv(url: string, tenant: EmulatorTenant): Record<string, string> {
  return {
    GIZWITS_API_BASE: url,
    // The emulator serves the Open API (/app/...) on the same port.
    GIZWITS_OPENAPI_BASE: url,
    GIZWITS_ENTERPRISE_ID: tenant.enterprise_id,
    GIZWITS_ENTERPRISE_SECRET: tenant.enterprise_secret,
    GIZWITS_PRODUCTS: tenant.products.map((p) => `${p.product_key}:${p.product_secret}`).join(","),
    GIZWITS_APPIDS: tenant.appids.map((a) => `${a.appid}:${a.product_key}`).join(","),
  };
}

export function emulatorControl(baseUrl: string): EmulatorControl {
  const url = baseUrl.replace(/\/+$/, "");
  const at = (path: string) => `${url}/__emulator/${path.replace(/^\/+/, "").replace(/^__emulator\//, "")}`;

  async function call(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(at(path), {
      method,
      headers: method === "POST" ? { "Content-Type": "application/json" } : {},
      body: method === "POST" ? JSON.stringify(body ?? {}) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator ${method} /__emulator/${path.replace(/^\/+/, "")}: HTTP ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  }

  const tenant = async () => emulatorTenantSchema.parse(await call("GET", "tenant"));

  return {
    url,
    tenant,
    sample: async () => emulatorSampleSchema.parse(await call("GET", "sample")).products,
    stats: async () => emulatorStatsSchema.parse(await call("GET", "stats")),
    resetStats: async () => emulatorStatsSchema.parse(await call("POST", "stats/reset")),
    config: async (patch) =>
      emulatorConfigSchema.parse(await (patch === undefined ? call("GET", "config") : call("POST", "config", patch))),
    reset: async (opts = {}) => {
      await call("POST", "reset", opts);
    },
    expireTokens: async () => z.object({ expired: z.number().int() }).parse(await call("POST", "tokens/expire")),
    setOnline: async (did, online) =>
      z
        .object({ did: z.string(), is_online: z.boolean() })
        .parse(await call("POST", `devices/${encodeURIComponent(did)}/${online ? "online" : "offline"}`)),
    controlCounts: async () => emulatorControlCountsSchema.parse(await call("GET", "controls")).counts,
    resetControlCounts: async () => {
      await call("POST", "controls/reset");
    },
    runSchedules: async (opts) => emulatorSchedulerRunSchema.parse(await call("POST", "openapi/scheduler/run", opts)),
    token: async (productKey) => {
      const t = await tenant();
      const product = t.products.find((p) => p.product_key === productKey);
      if (!product) throw new Error(`the emulator has no product ${productKey}`);
      const res = await fetch(`${url}/v1/products/${encodeURIComponent(productKey)}/access_token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          enterprise_id: t.enterprise_id,
          enterprise_secret: t.enterprise_secret,
          product_secret: product.product_secret,
        }),
      });
      if (!res.ok) throw new Error(`emulator access_token for ${productKey}: HTTP ${res.status}`);
      return z.object({ token: z.string().min(1) }).parse(await res.json()).token;
    },
    get: async <T>(path: string) => (await call("GET", path)) as T,
    post: (path, body) => call("POST", path, body),
  };
}
