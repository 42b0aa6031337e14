import "server-only";
import type { z } from "zod";
import { env } from "@/server/env";
import { type AppError, errors, isOpenApiTransient, OPENAPI_TOKEN_RETRY_CODES, openApiError } from "@/server/errors";
import { normalizeQuery, type QueryValue } from "@/server/gizwits/cache";
import { unavailable, unexpectedResponse } from "@/server/gizwits/errors";
import { sendUpstream, TransportError, type UpstreamAnswer } from "@/server/gizwits/http";
import type { Priority } from "@/server/gizwits/limiter";
import { redactUrl } from "@/server/gizwits/redact";
import { backoff, MAX_READ_RETRIES } from "@/server/gizwits/retry";
import { processSingleton } from "@/server/process-singleton";
import { type ServerTextKey, serverText } from "@/server/text";

export type { Priority } from "@/server/gizwits/limiter";

/**
 * Where a user-context call gets its `X-Gizwits-User-token`. The console's own service user
 * (service-user.ts) is one; tests use plain app users.
 */
export interface UserTokenSource {
  /** Identifies the user, so identical reads of different users are never shared. */
  readonly key: string;
  /** A current token; logs in when there is none or it is about to expire. */
  token(): Promise<string>;
  /** Gizwits refused `token` as invalid or expired: forget it (only if it is still the current one). */
  invalidate(token: string): Promise<void>;
}

/** Who calls: every Open API call names its AppID; user-context calls also carry a user token. */
export interface OpenApiCaller {
  appid: string;
  user?: UserTokenSource;
}

export interface OpenApiRequest<T> {
  caller: OpenApiCaller;
  /** Send `X-Gizwits-User-token` (the doc marks it required for this path). */
  userContext?: boolean;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Absolute path under the Open API host, e.g. `/app/devdata/{did}/latest` (segments already encoded). */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Extra headers computed per attempt (bind_mac's timestamp and signature must be fresh on a replay). */
  headers?: () => Record<string, string>;
  priority?: Priority;
}

const openApiReads = processSingleton("__openapiReads", () => new Map<string, Promise<unknown>>());
const inflightReads = (): Map<string, Promise<unknown>> => openApiReads.get();

/** Tests only: forgets reads in flight. */
export function resetOpenApiState(): void {
  openApiReads.reset();
}

/** `/app` + segments, each URL-encoded (dids and ids come from users). */
export function appPath(...segments: string[]): string {
  return ["/app", ...segments.map((s) => encodeURIComponent(s))].join("/");
}

/**
 * The one way to call the Gizwits Open API (GIZWITS_OPENAPI_BASE). Same rules as the Enterprise
 * client: every answer is validated with `schema`; GETs are retried (network errors, timeouts,
 * 5xx, transient codes) with jittered backoff and identical concurrent GETs share one call;
 * writes are sent once. A user token refused with 9004/9006 is renewed and the request replayed
 * once — also a write, because Gizwits checks the token before executing anything. Calls are not
 * counted against the Enterprise API's hourly quota. Throws AppError only.
 */
export async function openapi<T>(req: OpenApiRequest<T>): Promise<T> {
  if (req.userContext && !req.caller.user) {
    throw new Error(`openapi(): ${req.method} ${req.path} needs a user token source`);
  }
  const query = normalizeQuery(req.query);
  if (req.method !== "GET") return parseWith(req, await execute(req, query, true));
  const key = [req.caller.appid, req.userContext ? req.caller.user!.key : "", req.path, new URLSearchParams(query).toString()].join("\n");
  const reads = inflightReads();
  let flight = reads.get(key);
  if (!flight) {
    const f = execute(req, query, false);
    reads.set(key, f);
    const clear = () => {
      if (reads.get(key) === f) reads.delete(key);
    };
    f.then(clear, clear);
    flight = f;
  }
  return parseWith(req, await flight);
}

function parseWith<T>(req: OpenApiRequest<T>, value: unknown): T {
  const r = req.schema.safeParse(value);
  if (r.success) return r.data;
  const where = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  console.warn(`[openapi] ${req.method} ${redactUrl(req.path)} answered an unexpected shape: ${where}`);
  throw unexpectedResponse();
}

async function execute<T>(req: OpenApiRequest<T>, query: [string, string][], isWrite: boolean): Promise<unknown> {
  const priority = req.priority ?? "interactive";
  const user = req.userContext ? req.caller.user : undefined;
  let retries = 0;
  let replayed = false;
  for (;;) {
    const token = user ? await user.token() : null;
    const headers: Record<string, string> = { "X-Gizwits-Application-Id": req.caller.appid, ...(req.headers?.() ?? {}) };
    if (token !== null) headers["X-Gizwits-User-token"] = token;
    let ans: UpstreamAnswer;
    try {
      ans = await sendUpstream({
        method: req.method,
        path: req.path,
        query,
        headers,
        body: req.body,
        priority,
        base: env().GIZWITS_OPENAPI_BASE,
        enterpriseQuota: false,
      });
    } catch (err) {
      if (err instanceof TransportError) {
        if (!isWrite && retries < MAX_READ_RETRIES) {
          await backoff(retries++);
          continue;
        }
        throw unavailable({ write: isWrite, timeout: err.timeout });
      }
      throw err;
    }
    if (!ans.isError) return ans.body ?? {};
    if (user && token !== null && ans.errorCode !== null && OPENAPI_TOKEN_RETRY_CODES.has(ans.errorCode) && !replayed) {
      replayed = true;
      await user.invalidate(token);
      continue;
    }
    if (ans.malformed && ans.status < 300) throw unexpectedResponse();
    if (!isWrite && isOpenApiTransient(ans.errorCode, ans.status) && retries < MAX_READ_RETRIES) {
      await backoff(retries++);
      continue;
    }
    if (isWrite && ans.errorCode === null && ans.status >= 500) throw unavailable({ write: true });
    throw openApiError(ans.errorCode, ans.status);
  }
}

/** The error a resource module throws for bad input before anything is sent (a server-errors catalogue message). */
export function invalidInput(key: ServerTextKey, vars?: Record<string, string | number>): AppError {
  return errors.validation(serverText(key, vars));
}
