import { z } from "zod";
import { ApiError } from "./api-error";
import { apiErrorBodySchema } from "./schemas/api";

export { ApiError, isSchemaError } from "./api-error";

// zod compiles object parsers with `new Function` unless told not to; the CSP (no 'unsafe-eval')
// refuses that in the browser and reports a violation on the first parse. The browser parses
// only here (apiFetch), so this module sets it before any parse (harmless on the server).
z.config({ jitless: true });

export interface ApiFetchOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Record<string, string | number | boolean | null | undefined | readonly string[]>;
  body?: unknown;
  /** Sent as Idempotency-Key; a retried write with the same key is answered from the first result. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export function buildQuery(query: ApiFetchOptions["query"]): string {
  if (!query) return "";
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v)) for (const item of v) sp.append(k, String(item));
    else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}

/**
 * The browser's only way to the server: calls our own /api, never Gizwits, and parses the
 * answer with the given schema so a shape change fails loudly here, not deep in a component.
 */
export async function apiFetch<T>(path: string, schema: z.ZodType<T>, opts: ApiFetchOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (opts.idempotencyKey) headers["Idempotency-Key"] = opts.idempotencyKey;
  const res = await fetch(`${path}${buildQuery(opts.query)}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    credentials: "same-origin",
    signal: opts.signal,
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const parsed = apiErrorBodySchema.safeParse(json);
    const retryAfter = Number(res.headers.get("Retry-After")) || undefined;
    if (parsed.success) {
      const e = parsed.data.error;
      throw new ApiError(res.status, e.code, e.message, e.upstreamCode, retryAfter, e.issues);
    }
    throw new ApiError(
      res.status,
      res.status === 401 ? "UNAUTHORIZED" : "INTERNAL",
      text.slice(0, 200) || res.statusText,
      undefined,
      retryAfter,
    );
  }
  return schema.parse(json);
}
