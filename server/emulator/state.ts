/**
 * Mutable server-wide state shared by the route modules: the tenant, runtime fault
 * configuration, issued tokens, the hourly quota and call statistics.
 */
import { createHmac, randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "./errors";
import type { DemoTenant, ProductState } from "./tenant";

/** Faults and limits adjustable at start-up (env/options) and at runtime (POST /__emulator/config). */
export const configSchema = z
  .object({
    /** Added delay before every /v1 response. */
    latencyMs: z.number().int().min(0).max(600_000),
    /** Probability (0..1) that a /v1 call fails with `errorCode` instead of being served. */
    errorRate: z.number().min(0).max(1),
    /** Error returned by errorRate (default 5409 "call innerapi failed!", HTTP 500). */
    errorCode: z.number().int(),
    /** true: every /v1 call hangs (never answered); a number: that probability. */
    hang: z.union([z.boolean(), z.number().min(0).max(1)]),
    /** Only /v1 paths containing this substring get latency/errors/hangs ("" = all). */
    faultPath: z.string(),
    /** Calls per enterprise per clock hour (the doc's default is 3600). */
    quota: z.number().int().min(0),
    /** Life of new access tokens; 0 issues tokens already at their expire_at (to test expiry without waiting). */
    tokenTtlSeconds: z.number().int().min(0),
    /** Allowed client IPs; "*" allows any. Loopback only by default. */
    ipWhitelist: z.array(z.string()),
    /** Product keys whose remote control is switched off (5404). */
    remoteControlDisabled: z.array(z.string()),
    /** Product keys with agg_data enabled (others get 5024). */
    aggEnabled: z.array(z.string()),
    /** Life of a history `context` cursor (the doc: one hour); 0 issues cursors that are already expired. */
    contextTtlSeconds: z.number().int().min(0),
    /** Published product keys: their data/cmd/online history logs answer 5024 unless in `historyEnabled`. */
    published: z.array(z.string()),
    /** Published product keys whose history logs Gizwits has enabled ("enabled by Gizwits" override). */
    historyEnabled: z.array(z.string()),
    /**
     * Paths the doc gets wrong (issue 12): "documented" serves only the doc's form, "alternative"
     * only the other one (operation-id or symmetric path, product_secret = the secret), "both" both.
     */
    pathVariant: z.enum(["documented", "alternative", "both"]),
    /** Most rows one devices/search page and one group MAC list answer (the doc states no cap). */
    maxPage: z.number().int().min(1).max(100_000),
    /** Longest agg_data span in days (the doc states none; 31 is a guess). */
    aggMaxDays: z.number().int().min(1).max(3660),
    /**
     * Dids whose control fails (bulk-job tests): /v1 control answers 5409 and /app control 9008, and
     * /app group control reports `false` for them. The command is counted but not applied.
     */
    controlFailDids: z.array(z.string()),
  })
  .strict();

export type EmulatorConfig = z.infer<typeof configSchema>;
export const configPatchSchema = configSchema.partial();

export interface TokenInfo {
  productKey: string;
  expireAt: number;
}

const MAX_TOKENS = 10_000;
const MAX_PATH_KEYS = 5_000;

export class EmulatorState {
  config: EmulatorConfig;
  readonly tokens = new Map<string, TokenInfo>();
  quotaHour = -1;
  quotaUsed = 0;
  calls = 0;
  callsByPath = new Map<string, number>();
  callsByRoute = new Map<string, number>();
  /** Control commands addressed to each did (/v1 control, /app control, group control, schedules), refused or not. */
  readonly controlCounts = new Map<string, number>();
  /** Signs context cursors so they can be stateless yet unforgeable. */
  private readonly cursorKey = randomBytes(16);

  constructor(
    public tenant: DemoTenant,
    initial: EmulatorConfig,
  ) {
    this.config = initial;
    this.applyProductSwitches();
  }

  setConfig(patch: Partial<EmulatorConfig>): void {
    this.config = { ...this.config, ...patch };
    this.applyProductSwitches();
  }

  applyProductSwitches(): void {
    for (const p of this.tenant.products) p.remoteControl = !this.config.remoteControlDisabled.includes(p.def.key);
  }

  /** Whether the doc-ambiguous paths' `form` is served (config `pathVariant`). */
  servesPath(form: "documented" | "alternative"): boolean {
    return this.config.pathVariant === "both" || this.config.pathVariant === form;
  }

  aggEnabled(p: ProductState): boolean {
    return this.config.aggEnabled.includes(p.def.key);
  }

  published(p: ProductState): boolean {
    return this.config.published.includes(p.def.key);
  }

  /** The data/cmd/online history logs: unpublished products, or published ones Gizwits enabled them for. */
  historyAllowed(p: ProductState): boolean {
    return !this.published(p) || this.config.historyEnabled.includes(p.def.key);
  }

  issueToken(productKey: string, nowSec: number): { token: string; expire_at: number } {
    const token = randomBytes(16).toString("hex");
    const expireAt = Math.floor(nowSec) + this.config.tokenTtlSeconds;
    if (this.tokens.size >= MAX_TOKENS) {
      const oldest = this.tokens.keys().next().value;
      if (oldest !== undefined) this.tokens.delete(oldest);
    }
    this.tokens.set(token, { productKey, expireAt });
    return { token, expire_at: expireAt };
  }

  expireTokens(nowSec: number): number {
    for (const t of this.tokens.values()) t.expireAt = Math.min(t.expireAt, Math.floor(nowSec) - 1);
    return this.tokens.size;
  }

  /** Counts one call in the current clock hour; returns false once the quota is spent. */
  takeQuota(nowSec: number): boolean {
    const hour = Math.floor(nowSec / 3600);
    if (hour !== this.quotaHour) {
      this.quotaHour = hour;
      this.quotaUsed = 0;
    }
    this.quotaUsed++;
    return this.quotaUsed <= this.config.quota;
  }

  rateHeaders(nowSec: number): Record<string, string> {
    const hour = Math.floor(nowSec / 3600);
    const used = hour === this.quotaHour ? this.quotaUsed : 0;
    return {
      "X-RateLimit-Limit": String(this.config.quota),
      "X-RateLimit-Remaining": String(Math.max(0, this.config.quota - used)),
      "X-RateLimit-Reset": String((hour + 1) * 3600),
    };
  }

  countCall(path: string, route: string): void {
    this.calls++;
    const key = this.callsByPath.has(path) || this.callsByPath.size < MAX_PATH_KEYS ? path : "(other)";
    this.callsByPath.set(key, (this.callsByPath.get(key) ?? 0) + 1);
    this.callsByRoute.set(route, (this.callsByRoute.get(route) ?? 0) + 1);
  }

  /** Counts one command addressed to `did`; true when config `controlFailDids` says it must fail. */
  receiveControl(did: string): boolean {
    this.controlCounts.set(did, (this.controlCounts.get(did) ?? 0) + 1);
    return this.config.controlFailDids.includes(did);
  }

  resetStats(): void {
    this.calls = 0;
    this.callsByPath.clear();
    this.callsByRoute.clear();
  }

  /** Opaque, signed, expiring cursor for the history endpoints' `context`. */
  signCursor(payload: object): string {
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    const mac = createHmac("sha256", this.cursorKey).update(body).digest("base64url").slice(0, 16);
    return `${body}.${mac}`;
  }

  readCursor(context: string): unknown {
    const [body, mac] = context.split(".");
    if (!body || !mac) throw new ApiError(5002, "context is malformed");
    const expected = createHmac("sha256", this.cursorKey).update(body).digest("base64url").slice(0, 16);
    if (expected !== mac) throw new ApiError(5002, "context is invalid");
    try {
      return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      throw new ApiError(5002, "context is malformed");
    }
  }
}
