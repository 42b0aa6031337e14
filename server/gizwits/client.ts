import "server-only";
import type { z } from "zod";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { cacheKey, normalizeQuery, parsedEntry, STALE_KEEP_MS, type QueryValue } from "./cache";
import {
  isTransient,
  quotaExhausted,
  QUOTA_CODE,
  TOKEN_RETRY_CODES,
  unavailable,
  unexpectedResponse,
  unknownProduct,
  upstreamError,
} from "./errors";
import { sendUpstream, TransportError, resetHttpState, type UpstreamAnswer } from "./http";
import type { Priority } from "./limiter";
import { markStale } from "./meter";
import { markQuotaExhausted } from "./quota";
import { redactUrl } from "./redact";
import { backoff, MAX_READ_RETRIES } from "./retry";
import { invalidateAfterWrite, joinFlight, loadExclusive, responseStore, type InflightRead } from "./read-flights";
import { resetGizwitsStore, type CacheEntry } from "./store";
import { dropToken, getToken, resetTokenState } from "./token";
import { processSingleton } from "@/server/process-singleton";

export type { Priority } from "./limiter";

export interface GizwitsRequest<T> {
  /** Required for token auth; also scopes cache keys. Must be a configured product. */
  productKey?: string;
  /** "token": `Authorization: token …` (default). "enterprise": X-Gizwits-Enterprise-* headers. */
  auth?: "token" | "enterprise";
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** GET only: keep the answer this long; tags let writes invalidate it. */
  cache?: { ttlMs: number; tags?: string[] };
  /** Interactive reads and control go first and may use the reserve; background work may not. */
  priority?: Priority;
  /** Writes: cache tags this call changes. */
  invalidates?: string[];
}

const gizwitsReads = processSingleton("__gizwitsReads", () => new Map<string, InflightRead>());
const inflightReads = (): Map<string, InflightRead> => gizwitsReads.get();

/** Tests only: forgets tokens, quota, cache and in-flight work of this process. */
export function resetGizwitsState(): void {
  resetGizwitsStore();
  resetHttpState();
  resetTokenState();
  gizwitsReads.reset();
}

const store = responseStore;

/**
 * The one way to call the Gizwits Enterprise API. GETs are cached per `cache`, identical
 * concurrent GETs share one upstream call, and failed GETs are retried with jitter; writes are
 * sent exactly once and invalidate `invalidates`. Answers are validated with `schema`. Throws
 * AppError only.
 */
export async function gizwits<T>(req: GizwitsRequest<T>): Promise<T> {
  const auth = req.auth ?? "token";
  if (req.productKey !== undefined && !env().GIZWITS_PRODUCTS.some((p) => p.productKey === req.productKey)) {
    throw unknownProduct(req.productKey);
  }
  if (auth === "token" && req.productKey === undefined) {
    throw new Error(`gizwits(): token auth needs a productKey (${req.method} ${req.path})`);
  }
  const query = normalizeQuery(req.query);
  return req.method === "GET" ? read(req, query) : write(req, query);
}

/** A read's answer, validated once per cache entry and schema (see parsedEntry: shared and frozen). */
function parseEntry<T>(req: GizwitsRequest<T>, entry: CacheEntry): T {
  return parsedEntry(entry, req.schema, (value) => parseWith(req, value));
}

function parseWith<T>(req: GizwitsRequest<T>, value: unknown): T {
  const r = req.schema.safeParse(value);
  if (r.success) return r.data;
  const where = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  console.warn(`[gizwits] ${req.method} ${redactUrl(req.path)} answered an unexpected shape: ${where}`);
  throw unexpectedResponse();
}

/** Stale data is better than an error only when the error is about reaching Gizwits at all. */
function staleEligible(err: unknown): boolean {
  return err instanceof AppError && (err.code === "QUOTA_EXHAUSTED" || err.code === "UPSTREAM_UNAVAILABLE");
}

async function read<T>(req: GizwitsRequest<T>, query: [string, string][]): Promise<T> {
  const key = cacheKey(req.productKey, "GET", req.path, query);
  const ttl = req.cache?.ttlMs ?? 0;
  if (ttl > 0) {
    const hit = await store().cacheGet(key);
    if (hit && hit.freshUntil > Date.now()) return parseEntry(req, hit);
  }
  const flight = joinFlight(inflightReads(), key, req.cache?.tags ?? [], () => load(req, query, key, ttl));
  try {
    return parseEntry(req, await flight);
  } catch (err) {
    if (ttl > 0 && staleEligible(err)) {
      const stale = await store().cacheGet(key);
      if (stale) {
        markStale(stale.fetchedAt);
        return parseEntry(req, stale);
      }
    }
    throw err;
  }
}

async function load<T>(req: GizwitsRequest<T>, query: [string, string][], key: string, ttl: number): Promise<CacheEntry> {
  const s = store();
  const fetchFromUpstream = async (): Promise<CacheEntry> => {
    // Recorded before the call: a write that lands while this read is in flight invalidates it.
    const epoch = await s.epoch();
    const { body: value, bytes } = await execute(req, query, false);
    const now = Date.now();
    const entry: CacheEntry = { value, bytes, fetchedAt: now, freshUntil: now + ttl, tags: req.cache?.tags ?? [], epoch };
    // Validated before it is cached; the parsed value is kept with the entry for its hits.
    parseEntry(req, entry);
    if (ttl > 0) await s.cacheSet(key, entry, ttl + STALE_KEEP_MS);
    return entry;
  };
  if (ttl <= 0) return fetchFromUpstream();
  // Cached reads: with several instances (REDIS_URL) one of them asks Gizwits and the others take
  // its answer from the shared cache. In one process this is just fetchFromUpstream().
  return loadExclusive(key, fetchFromUpstream);
}

async function write<T>(req: GizwitsRequest<T>, query: [string, string][]): Promise<T> {
  try {
    return parseWith(req, (await execute(req, query, true)).body);
  } finally {
    // Also after a failure: a write whose outcome is unknown may have changed what reads show.
    await invalidateAfterWrite(req.invalidates, inflightReads());
  }
}

function authHeaders(auth: "token" | "enterprise", token: string | null): Record<string, string> {
  if (auth === "enterprise") {
    const e = env();
    return { "X-Gizwits-Enterprise-ID": e.GIZWITS_ENTERPRISE_ID, "X-Gizwits-Enterprise-Secret": e.GIZWITS_ENTERPRISE_SECRET };
  }
  return { Authorization: `token ${token}` };
}

async function execute<T>(req: GizwitsRequest<T>, query: [string, string][], isWrite: boolean): Promise<{ body: unknown; bytes: number }> {
  const auth = req.auth ?? "token";
  const priority = req.priority ?? "interactive";
  let retries = 0;
  let replayed = false;
  for (;;) {
    const token = auth === "token" ? await getToken(req.productKey!, priority) : null;
    let ans: UpstreamAnswer;
    try {
      ans = await sendUpstream({ method: req.method, path: req.path, query, headers: authHeaders(auth, token), body: req.body, priority });
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
    if (ans.errorCode !== null && TOKEN_RETRY_CODES.has(ans.errorCode) && token !== null && !replayed) {
      // Gizwits checks the token before doing anything, so a request rejected with 5009/5011
      // was not executed: replaying it once with a fresh token is safe even for a write.
      replayed = true;
      await dropToken(req.productKey!, token);
      continue;
    }
    if (ans.errorCode === QUOTA_CODE || ans.status === 429) throw quotaExhausted(await markQuotaExhausted(ans.headers));
    if (ans.malformed && ans.status < 300) throw unexpectedResponse();
    if (!isWrite && isTransient(ans.errorCode, ans.status) && retries < MAX_READ_RETRIES) {
      await backoff(retries++);
      continue;
    }
    // A write answered with a 5xx or a transient code may or may not have been carried out.
    if (isWrite && (ans.status >= 500 || isTransient(ans.errorCode, ans.status))) {
      throw unavailable({ write: true, upstreamCode: ans.errorCode ?? undefined });
    }
    throw upstreamError(ans.errorCode, ans.status);
  }
}
export { quotaStatus } from "./quota";
export { withUpstreamMeter } from "./meter";
