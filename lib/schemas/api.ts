import { z } from "zod";
import { API_ERROR_CODES } from "../api-error";

/** Closed set of error codes the console's own /api returns (defined zod-free in lib/api-error.ts). */
export { API_ERROR_CODES, type ApiErrorCode } from "../api-error";

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
