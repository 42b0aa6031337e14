// No zod here or in lib/api-client.ts: both run in every page's first load (issue 17). The zod
// schema of the error body (lib/schemas/api.ts) is the server's; it re-exports these codes.

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

/** A failed call to the console's own /api, with the server's (already localized) message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly upstreamCode?: number,
    readonly retryAfter?: number,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * A response that failed its zod schema (zod's ZodError), recognised without importing zod's
 * runtime: zod 4 names its errors "ZodError" and gives them an `issues` array.
 */
export function isSchemaError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "ZodError" &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}
