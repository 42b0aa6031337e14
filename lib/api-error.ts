import type { ApiErrorCode } from "./schemas/api";

// Kept apart from lib/api-client.ts (which parses with zod) so that what the root layout's
// providers need to classify errors does not pull zod into every page's first load (issue 17).

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
