import "server-only";
import { env } from "@/server/env";
import { processSingleton } from "@/server/process-singleton";
import { PriorityLimiter, type Priority } from "./limiter";
import { countUpstreamCall } from "./meter";
import { observeQuota, quotaCallUnanswered, returnQuota, takeQuota } from "./quota";
import { redactText, redactUrl } from "./redact";

/** At most this many upstream calls are in flight per process; the rest wait in priority order. */
export const MAX_CONCURRENT_UPSTREAM = 8;

interface HttpState {
  limiter: PriorityLimiter;
  inFlight: number;
}
const httpState = processSingleton<HttpState>("__gizwitsHttp", () => ({
  limiter: new PriorityLimiter(MAX_CONCURRENT_UPSTREAM),
  inFlight: 0,
}));
const state = (): HttpState => httpState.get();
export function resetHttpState(): void {
  httpState.reset();
}

/** The call never produced an HTTP answer: network failure or timeout. */
export class TransportError extends Error {
  constructor(
    readonly timeout: boolean,
    message: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

export interface UpstreamAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON; null for an empty body. */
  body: unknown;
  /** True when the body is an error object (has `error_code`) or the status is not 2xx. */
  isError: boolean;
  /** `error_code` as a number (Gizwits sends it as int or string); null when absent. */
  errorCode: number | null;
  /** The body was not JSON. */
  malformed: boolean;
  /** Length of the body text, to size cache entries. */
  bytes: number;
}

export interface UpstreamCall {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: unknown;
  priority: Priority;
  /** Base URL; default GIZWITS_API_BASE (the Enterprise API). The Open API client passes its own. */
  base?: string;
  /** Counted by the enterprise quota governor (default). The Open API has no such hourly quota. */
  enterpriseQuota?: boolean;
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function errorCodeOf(body: unknown): { present: boolean; code: number | null } {
  if (body === null || typeof body !== "object" || Array.isArray(body) || !("error_code" in body)) return { present: false, code: null };
  const n = Number((body as { error_code: unknown }).error_code);
  return { present: true, code: Number.isInteger(n) ? n : null };
}

function secrets(): string[] {
  const e = env();
  return [e.GIZWITS_ENTERPRISE_SECRET, ...e.GIZWITS_PRODUCTS.map((p) => p.productSecret)];
}

/**
 * One HTTP exchange with Gizwits: waits for a concurrency slot, takes one unit of quota, sends
 * with a timeout, feeds X-RateLimit-* back to the governor. No retries and no interpretation of
 * error codes here; that is the caller's business.
 */
export async function sendUpstream(call: UpstreamCall): Promise<UpstreamAnswer> {
  const s = state();
  return s.limiter.run(call.priority, async () => {
    const metered = call.enterpriseQuota !== false;
    if (metered) await takeQuota(call.priority);
    const e = env();
    const qs = new URLSearchParams(call.query).toString();
    const url = `${(call.base ?? e.GIZWITS_API_BASE).replace(/\/+$/, "")}${call.path}${qs ? `?${qs}` : ""}`;
    const headers: Record<string, string> = { Accept: "application/json", ...call.headers };
    if (call.body !== undefined) headers["Content-Type"] = "application/json";
    s.inFlight += 1;
    countUpstreamCall();
    let res: Response;
    let text: string;
    try {
      const signal = AbortSignal.timeout(e.GIZWITS_TIMEOUT_MS);
      res = await fetch(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal,
        cache: "no-store",
      });
      text = await res.text();
    } catch (err) {
      const timeout = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : null;
      const reason = cause ? cause.message : err instanceof Error ? err.message : String(err);
      // A refused connection or an unknown host never reached Gizwits: the call cost nothing.
      const code = cause && "code" in cause ? String(cause.code) : "";
      if (metered && (code === "ECONNREFUSED" || code === "ENOTFOUND")) await returnQuota();
      else if (metered) await quotaCallUnanswered();
      console.warn(
        `[gizwits] ${call.method} ${redactUrl(call.path + (qs ? `?${qs}` : ""))} failed: ${timeout ? "timeout" : redactText(reason, secrets())}`,
      );
      throw new TransportError(timeout, timeout ? "timeout" : "network error");
    } finally {
      s.inFlight -= 1;
    }
    const parsed = parseBody(text);
    const body = parsed.ok ? parsed.value : null;
    const code = errorCodeOf(body);
    if (metered) await observeQuota(res.headers, s.inFlight, { refused: code.code === 5013 || res.status === 429 });
    const isError = code.present || res.status < 200 || res.status >= 300 || !parsed.ok;
    if (isError && (res.status >= 500 || !parsed.ok)) {
      console.warn(
        `[gizwits] ${call.method} ${redactUrl(call.path + (qs ? `?${qs}` : ""))} → HTTP ${res.status}${code.code !== null ? ` error ${code.code}` : ""}${parsed.ok ? "" : " (body is not JSON)"}`,
      );
    }
    return { status: res.status, headers: res.headers, body, isError, errorCode: code.code, malformed: !parsed.ok, bytes: text.length };
  });
}
