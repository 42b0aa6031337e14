import { API_ERROR_CODES, ApiError, type ApiErrorCode } from "./api-error";

export { ApiError, isSchemaError } from "./api-error";

/*
 * No zod in this module (issue 17): it is in every page's first load, and zod's runtime is ~31 KB
 * gzip. The console's own /api answers are built by server code from the zod-checked types of
 * lib/schemas (every upstream answer and every route input is parsed there), so the browser takes
 * them as typed: `apiFetch<DeviceSearchResult>(path, opts)` with `import type` of the type.
 * A caller that really must check a shape in the browser passes a parser (anything with
 * `parse(value): T`, e.g. a zod/mini schema).
 */

// zod compiles object parsers with `new Function` unless jitless; the CSP (no 'unsafe-eval')
// refuses that and reports a violation on the first parse. zod keeps its config on globalThis
// (`__zod_globalConfig`, read by every copy of zod/v4/core), so the browser can be set jitless
// here without importing zod; the server keeps zod's compiled parsers.
if (typeof window !== "undefined") {
  const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
  g.__zod_globalConfig ??= {};
  g.__zod_globalConfig.jitless = true;
}

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

/** Checks a value in the browser; a zod (or zod/mini) schema is one. */
export interface ResponseParser<T> {
  parse(value: unknown): T;
}

const ERROR_CODES: ReadonlySet<string> = new Set(API_ERROR_CODES);

/** The console's error body `{ error: { code, message, upstreamCode?, issues? } }` (lib/schemas/api.ts), checked by hand. */
function errorBodyOf(
  json: unknown,
): { code: ApiErrorCode; message: string; upstreamCode?: number; issues?: { path: string; message: string }[] } | null {
  if (typeof json !== "object" || json === null) return null;
  const e = (json as { error?: unknown }).error;
  if (typeof e !== "object" || e === null) return null;
  const { code, message, upstreamCode, issues } = e as Record<string, unknown>;
  if (typeof code !== "string" || !ERROR_CODES.has(code) || typeof message !== "string") return null;
  return {
    code: code as ApiErrorCode,
    message,
    upstreamCode: typeof upstreamCode === "number" && Number.isInteger(upstreamCode) ? upstreamCode : undefined,
    issues: Array.isArray(issues)
      ? issues.filter(
          (i): i is { path: string; message: string } =>
            typeof i === "object" && i !== null && typeof i.path === "string" && typeof i.message === "string",
        )
      : undefined,
  };
}

/**
 * The browser's only way to the server: calls our own /api, never Gizwits. The answer is typed
 * as the route serves it (`T`); pass a parser only where the browser must check the shape itself.
 */
export async function apiFetch<T>(path: string, opts?: ApiFetchOptions): Promise<T>;
export async function apiFetch<T>(path: string, parser: ResponseParser<T>, opts?: ApiFetchOptions): Promise<T>;
export async function apiFetch<T>(
  path: string,
  parserOrOpts?: ResponseParser<T> | ApiFetchOptions,
  maybeOpts?: ApiFetchOptions,
): Promise<T> {
  const parser = parserOrOpts && "parse" in parserOrOpts && typeof parserOrOpts.parse === "function" ? parserOrOpts : null;
  const opts: ApiFetchOptions = (parser ? maybeOpts : (parserOrOpts as ApiFetchOptions | undefined)) ?? {};
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
    const e = errorBodyOf(json);
    const retryAfter = Number(res.headers.get("Retry-After")) || undefined;
    if (e) {
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
  return parser ? parser.parse(json) : (json as T);
}
