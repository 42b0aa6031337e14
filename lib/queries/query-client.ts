import { QueryClient } from "@tanstack/react-query";
import { ApiError, isSchemaError } from "../api-error";

/**
 * Reads retry at most twice, and only for failures that might heal: a 4xx (bad input, no
 * permission, quota spent) or a response that fails its schema will fail the same way again and
 * each retry would spend the enterprise's shared upstream quota.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  if (isSchemaError(error)) return false;
  return failureCount < 2;
}

/** The one QueryClient factory: a fresh client per server render, one per browser tab. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        refetchOnWindowFocus: false,
      },
      // Writes reach devices: never resend one automatically.
      mutations: { retry: false },
    },
  });
}
