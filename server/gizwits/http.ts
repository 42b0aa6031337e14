import "server-only";
import http from "node:http";
import https from "node:https";
import { env } from "@/server/env";
import { nodeHeaders } from "@/server/http/node-headers";
import { processSingleton } from "@/server/process-singleton";
import { PriorityLimiter, type Priority } from "./limiter";
import { countUpstreamCall } from "./meter";
import { observeQuota, quotaCallUnanswered, returnQuota, takeQuota } from "./quota";
import { redactText, redactUrl } from "./redact";

/** At most this many upstream calls are in flight per process; the rest wait in priority order. */
export const MAX_CONCURRENT_UPSTREAM = 8;

/**
 * Idle keep-alive connections are closed after this long, before a server closes them (Node's
 * server default is 5 s): a request is never sent on a connection the server is just closing.
 */
const IDLE_SOCKET_MS = 4_000;

interface HttpState {
  limiter: PriorityLimiter;
  inFlight: number;
  agents: { http: http.Agent; https: https.Agent };
}
const httpState = processSingleton<HttpState>("__gizwitsHttp", () => {
  const options = { keepAlive: true, maxSockets: MAX_CONCURRENT_UPSTREAM, timeout: IDLE_SOCKET_MS };
  return {
    limiter: new PriorityLimiter(MAX_CONCURRENT_UPSTREAM),
    inFlight: 0,
    agents: { http: new http.Agent(options), https: new https.Agent(options) },
  };
});
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

/** An answer's headers (case-insensitive names); only get() is needed. */
export type UpstreamHeaders = Pick<Headers, "get">;

export interface UpstreamAnswer {
  status: number;
  headers: UpstreamHeaders;
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
    let res: RawAnswer;
    try {
      res = await exchange(
        s.agents,
        url,
        call.method,
        headers,
        call.body === undefined ? undefined : JSON.stringify(call.body),
        e.GIZWITS_TIMEOUT_MS,
      );
    } catch (err) {
      const timeout = err instanceof UpstreamTimeout;
      const reason = err instanceof Error ? err.message : String(err);
      // A refused connection or an unknown host never reached Gizwits: the call cost nothing.
      const code = err instanceof Error && "code" in err ? String(err.code) : "";
      if (metered && (code === "ECONNREFUSED" || code === "ENOTFOUND")) await returnQuota();
      else if (metered) await quotaCallUnanswered();
      console.warn(
        `[gizwits] ${call.method} ${redactUrl(call.path + (qs ? `?${qs}` : ""))} failed: ${timeout ? "timeout" : redactText(reason, secrets())}`,
      );
      throw new TransportError(timeout, timeout ? "timeout" : "network error");
    } finally {
      s.inFlight -= 1;
    }
    const text = res.text;
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

class UpstreamTimeout extends Error {}

interface RawAnswer {
  status: number;
  headers: UpstreamHeaders;
  text: string;
}

/**
 * One request over node:http(s) with keep-alive agents, answered once the whole body arrived;
 * `timeoutMs` bounds the whole exchange. Not fetch(): every web Request/Response, body stream and
 * AbortSignal fetch makes is held by weak references that only a full collection clears, so each
 * upstream call used to leave ~10 KB to be promoted and made the young-generation collections
 * several times slower (issue 17).
 */
function exchange(
  agents: HttpState["agents"],
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const tls = target.protocol === "https:";
    const sendHeaders: Record<string, string> = { ...headers };
    if (body !== undefined) sendHeaders["Content-Length"] = String(Buffer.byteLength(body));
    const req = (tls ? https : http).request(target, { method, headers: sendHeaders, agent: tls ? agents.https : agents.http });
    const timer = setTimeout(() => req.destroy(new UpstreamTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    req.on("error", fail);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", fail);
      res.on("close", () => {
        if (!res.complete) fail(new Error("the answer was cut off"));
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: nodeHeaders(res.headers), text: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.end(body);
  });
}
