import "server-only";
import { z } from "zod";
import { processSingleton } from "@/server/process-singleton";

/**
 * All console configuration, validated once. The launcher (server/cli/start.ts) fills the
 * GIZWITS_* variables from the embedded emulator when GIZWITS_API_BASE is unset.
 */
const loopbackHosts = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export const productsSchema = z
  .string()
  .min(1, "GIZWITS_PRODUCTS is empty: set it to product_key:product_secret pairs, comma-separated")
  .transform((s, ctx) => {
    const out: { productKey: string; productSecret: string }[] = [];
    for (const pair of s
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [productKey, productSecret, ...rest] = pair.split(":");
      if (!productKey || !productSecret || rest.length) {
        ctx.addIssue({ code: "custom", message: `GIZWITS_PRODUCTS entry "${productKey ?? ""}:…" must be product_key:product_secret` });
        return z.NEVER;
      }
      out.push({ productKey, productSecret });
    }
    return out;
  });

/** `appid` or `appid:product_key`, comma-separated. */
export const appidsSchema = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const [appid, productKey] = p.split(":");
        return { appid: appid!, productKey: productKey || null };
      }),
  );

const envSchema = z
  .object({
    GIZWITS_API_BASE: z
      .string({ error: "GIZWITS_API_BASE is not set: the upstream base URL, e.g. https://enterpriseapi.gizwits.com" })
      .url("GIZWITS_API_BASE must be a URL"),
    /** The app-level Open API (seeds 003/004, paths /app/...): api.gizwits.com or a regional host. */
    GIZWITS_OPENAPI_BASE: z.string().url("GIZWITS_OPENAPI_BASE must be a URL").default("https://api.gizwits.com"),
    GIZWITS_ENTERPRISE_ID: z.string({ error: "GIZWITS_ENTERPRISE_ID is not set" }).min(1),
    GIZWITS_ENTERPRISE_SECRET: z.string({ error: "GIZWITS_ENTERPRISE_SECRET is not set" }).min(1),
    GIZWITS_PRODUCTS: productsSchema,
    GIZWITS_APPIDS: appidsSchema,
    GIZWITS_QUOTA_PER_HOUR: z.coerce.number().int().positive().default(3600),
    GIZWITS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** Calls per hour kept back for interactive reads and control; background work stops above it. */
    GIZWITS_INTERACTIVE_RESERVE: z.coerce.number().int().nonnegative().default(300),
    NEXTAUTH_SECRET: z
      .string({ error: "NEXTAUTH_SECRET is not set (32+ random characters)" })
      .min(16, "NEXTAUTH_SECRET must be at least 16 characters"),
    NEXTAUTH_URL: z.string().url().optional(),
    DATABASE_URL: z.string().url().optional(),
    /**
     * Several console instances share the upstream token, quota, response cache and idempotency
     * records through this Redis (redis:// or rediss://). Unset: all of it stays in process memory.
     */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, "REDIS_URL must be a redis:// or rediss:// URL")
      .optional(),
    /** Prefix of every Redis key, so several deployments (or tests) can share one Redis. */
    REDIS_KEY_PREFIX: z.string().default("gec:"),
    CONSOLE_DATA_DIR: z.string().default(".data"),
    CONSOLE_DEMO: z.stringbool().default(false),
    CONSOLE_TIMEZONE: z.string().default("Asia/Shanghai"),
    /**
     * Reverse proxies in front of the console whose X-Forwarded-Host/-For/-Proto are trusted (0 =
     * none: those headers come from the client and are ignored by the origin check and replaced
     * by the launcher with what the socket saw).
     */
    CONSOLE_TRUSTED_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /**
     * API reads (GET) of routes this process has already served are answered by the route's own
     * handler straight from the request guard, without Next's router (server/http/fast-lane.ts).
     * 0 turns that off: every request then goes through Next.
     */
    CONSOLE_FAST_LANE: z.stringbool().default(true),
    /** Next's build output directory (next.config.mjs reads the same variable). */
    NEXT_DIST_DIR: z.string().min(1).default(".next"),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_GROUPS_CLAIM: z.string().default("groups"),
    /** group:role pairs, e.g. "iot-admins:admin,iot-ops:ops". */
    OIDC_ROLE_MAP: z.string().default(""),
  })
  .superRefine((env, ctx) => {
    // A value that is not a URL already has its issue; only parse what parses.
    const u = URL.canParse(env.GIZWITS_API_BASE) ? new URL(env.GIZWITS_API_BASE) : null;
    if (u && u.protocol !== "https:" && !loopbackHosts.has(u.hostname)) {
      ctx.addIssue({
        code: "custom",
        path: ["GIZWITS_API_BASE"],
        message: "GIZWITS_API_BASE must use https unless it points at loopback (the embedded emulator)",
      });
    }
    const o = URL.canParse(env.GIZWITS_OPENAPI_BASE) ? new URL(env.GIZWITS_OPENAPI_BASE) : null;
    if (o && o.protocol !== "https:" && !loopbackHosts.has(o.hostname)) {
      ctx.addIssue({
        code: "custom",
        path: ["GIZWITS_OPENAPI_BASE"],
        message: "GIZWITS_OPENAPI_BASE must use https unless it points at loopback (the embedded emulator)",
      });
    }
    if (env.REDIS_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message:
          "REDIS_URL is set, so this console runs as one of several instances: set DATABASE_URL to a PostgreSQL server they all share (the embedded PGlite database belongs to one process, so accounts, audit log and settings would differ between instances)",
      });
    }
    if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_CLIENT_ID"],
        message: "OIDC_ISSUER is set: also set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Parses and explains every problem at once; the message names variables, never their values. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const r = envSchema.safeParse(source);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid console configuration (see .env.example):\n${lines.join("\n")}`);
  }
  return r.data;
}

const parsedEnv = processSingleton("__consoleEnv", () => parseEnv(process.env));

export function env(): Env {
  return parsedEnv.get();
}

/** Tests only: the next env() parses process.env again. */
export function resetEnv(): void {
  parsedEnv.reset();
}
