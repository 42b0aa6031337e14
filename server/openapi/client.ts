import "server-only";
import type { z } from "zod";
import { env } from "@/server/env";
import { type AppError, errors, isOpenApiTransient, OPENAPI_TOKEN_RETRY_CODES, openApiError } from "@/server/errors";
import { cacheKey, normalizeQuery, parsedEntry, type QueryValue } from "@/server/gizwits/cache";
import { unavailable, unexpectedResponse } from "@/server/gizwits/errors";
import { sendUpstream, TransportError, type UpstreamAnswer } from "@/server/gizwits/http";
import type { Priority } from "@/server/gizwits/limiter";
import { redactUrl } from "@/server/gizwits/redact";
import { backoff, MAX_READ_RETRIES } from "@/server/gizwits/retry";
import { type InflightRead, invalidateAfterWrite, joinFlight, loadExclusive, responseStore } from "@/server/gizwits/read-flights";
import type { CacheEntry } from "@/server/gizwits/store";
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
  /** GET only, opt-in: keep the answer this long in the shared response cache; tags let writes invalidate it. */
  cache?: { ttlMs: number; tags?: string[] };
  /**
   * GET with `cache`: do not answer from the cache nor join a read that started earlier (e.g. the
   * read-back after a control); the answer replaces the cached one.
   */
  fresh?: boolean;
  /** Writes: cache tags this call changes (invalidated also when the outcome is unknown). */
  invalidates?: string[];
}

const openApiReads = processSingleton("__openapiReads", () => new Map<string, InflightRead>());
const inflightReads = (): Map<string, InflightRead> => openApiReads.get();

const store = responseStore;

/** Tests only: forgets reads in flight (the response cache is the Enterprise client's: resetGizwitsState). */
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
 * 5xx, transient codes) with jittered backoff and identical concurrent GETs share one call; a
 * GET with `cache` is kept in the Enterprise client's response cache (same store, so instances
 * sharing REDIS_URL share it, and the same tags: a write of either client invalidates it); writes
 * are sent once. A user token refused with 9004/9006 is renewed and the request replayed
 * once — also a write, because Gizwits checks the token before executing anything. Calls are not
 * counted against the Enterprise API's hourly quota. Throws AppError only.
 */
export async function openapi<T>(req: OpenApiRequest<T>): Promise<T> {
  if (req.userContext && !req.caller.user) {
    throw new Error(`openapi(): ${req.method} ${req.path} needs a user token source`);
  }
  const query = normalizeQuery(req.query);
  return req.method === "GET" ? read(req, query) : write(req, query);
}

/** A read's answer, validated once per cache entry and schema (shared and frozen, see parsedEntry). */
function parseEntry<T>(req: OpenApiRequest<T>, entry: CacheEntry): T {
  return parsedEntry(entry, req.schema, (value) => parseWith(req, value));
}

async function read<T>(req: OpenApiRequest<T>, query: [string, string][]): Promise<T> {
  // Scoped by AppID and, for user-context reads, by user: identical reads of two users are never shared.
  const scope = `openapi:${req.caller.appid}${req.userContext ? `:${req.caller.user!.key}` : ""}`;
  const key = cacheKey(scope, "GET", req.path, query);
  const ttl = req.cache?.ttlMs ?? 0;
  const fresh = req.fresh === true;
  if (ttl > 0 && !fresh) {
    const hit = await store().cacheGet(key);
    if (hit && hit.freshUntil > Date.now()) return parseEntry(req, hit);
  }
  // A fresh read shares only with fresh reads of the same question, never with one begun before it.
  const flightKey = fresh ? `${key} fresh` : key;
  const flight = joinFlight(inflightReads(), flightKey, req.cache?.tags ?? [], () => load(req, query, key, ttl, fresh));
  return parseEntry(req, await flight);
}

async function load<T>(req: OpenApiRequest<T>, query: [string, string][], key: string, ttl: number, fresh: boolean): Promise<CacheEntry> {
  const s = store();
  const fetchFromUpstream = async (): Promise<CacheEntry> => {
    // Recorded before the call: a write that lands while this read is in flight keeps it out of the cache.
    const epoch = ttl > 0 ? await s.epoch() : 0;
    const { body: value, bytes } = await execute(req, query, false);
    const now = Date.now();
    const entry: CacheEntry = { value, bytes, fetchedAt: now, freshUntil: now + ttl, tags: req.cache?.tags ?? [], epoch };
    // Validated before it is cached; the parsed value is kept with the entry for its hits.
    parseEntry(req, entry);
    // No stale fallback as in the Enterprise client (which keeps answers for when its quota is
    // spent): the Open API has no quota, and a status older than its TTL is not shown as live.
    if (ttl > 0) await s.cacheSet(key, entry, ttl);
    return entry;
  };
  if (ttl <= 0 || fresh) return fetchFromUpstream();
  // With several instances (REDIS_URL) one of them asks Gizwits, the others take its answer.
  return loadExclusive(key, fetchFromUpstream);
}

async function write<T>(req: OpenApiRequest<T>, query: [string, string][]): Promise<T> {
  try {
    return parseWith(req, (await execute(req, query, true)).body);
  } finally {
    // Also after a failure: a write whose outcome is unknown may have changed what reads show.
    await invalidateAfterWrite(req.invalidates, inflightReads());
  }
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

async function execute<T>(req: OpenApiRequest<T>, query: [string, string][], isWrite: boolean): Promise<{ body: unknown; bytes: number }> {
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
    if (!ans.isError) return { body: ans.body ?? {}, bytes: ans.bytes };
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
