import { z } from "zod";

/** Closed set of error codes the console's own /api returns. */
export const API_ERROR_CODES = [
  "UNAUTHORIZED", // 401: no session
  "FORBIDDEN", // 403: the role may not do this, or a cross-site write
  "VALIDATION", // 400/422: bad input
  "NOT_FOUND", // 404
  "CONFLICT", // 409: e.g. idempotency key reused with another payload, group not empty
  "QUOTA_EXHAUSTED", // 429: the enterprise's hourly upstream quota is spent (Retry-After set)
  "UPSTREAM", // 4xx from Gizwits that is not one of the above (with upstreamCode)
  "NOT_ENABLED", // 403: Gizwits has not enabled this for the product (a known capability gap; the message says what to ask for)
  "UPSTREAM_UNAVAILABLE", // 502/504: Gizwits timed out or failed
  "INTERNAL", // 500
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Every error body of the console's /api: `{ error: { code, message, ... } }`. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    upstreamCode: z.number().int().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** Quota status as served by GET /api/quota and echoed in X-Console-Quota-* headers. */
export const quotaSchema = z.object({
  limit: z.number().int(),
  remaining: z.number().int(),
  resetAt: z.number().int(), // unix seconds
  reserved: z.number().int(), // calls kept back for interactive reads and control
  known: z.boolean(), // false until the first upstream response told us
  /** X-RateLimit-* exactly as the upstream last sent them in this window, and when (unix ms); null before any. */
  upstream: z
    .object({ limit: z.number().int(), remaining: z.number().int(), resetAt: z.number().int(), seenAt: z.number().int() })
    .nullable()
    .default(null),
  /** Unix ms until which calls are held back after a 5013 that contradicted those figures; null when not held. */
  heldUntil: z.number().int().nullable().default(null),
});
export type Quota = z.infer<typeof quotaSchema>;
