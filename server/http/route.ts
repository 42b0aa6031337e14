import "server-only";
import type { NextRequest } from "next/server";
import type { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import type { z } from "zod";
import { resolveLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/core";
import { can, type Permission } from "@/lib/roles";
import { findUnsafeText } from "@/lib/schemas/safe-text";
import { recordDenied } from "@/server/audit";
import { getSessionUser, type SessionUser } from "@/server/auth/session";
import { env } from "@/server/env";
import { AppError, errors, toErrorResponse } from "@/server/errors";
import { withUpstreamMeter } from "@/server/gizwits/meter";
import { learn } from "./fast-lane";
import { serverText } from "@/server/text";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<Q extends Schema | undefined, B extends Schema | undefined, P extends Schema | undefined> {
  /** What the caller's role must allow. Every route names one: there is no public API route. */
  permission: Permission;
  /** URL search params (repeated keys arrive as arrays). */
  query?: Q;
  /** JSON body; requests with a body schema must send Content-Type: application/json. */
  body?: B;
  /** Dynamic segments of the route path. */
  params?: P;
  /** Writes are audited by the handler itself with `audited()`, next to the call they describe. */
  audit?: never;
}

/**
 * What defineRoute and its handlers read of a request. A NextRequest is one; the fast lane passes
 * a lighter one (server/http/fast-lane.ts): a web Request's AbortSignal outlives young-generation
 * collections, and one per read made them several times slower (issue 17).
 */
export interface RouteRequest {
  readonly method: string;
  readonly headers: Pick<Headers, "get">;
  readonly cookies: Pick<RequestCookies, "get" | "getAll">;
  readonly nextUrl: { readonly pathname: string; readonly searchParams: URLSearchParams };
  text(): Promise<string>;
}

export interface RouteContext<Q extends Schema | undefined, B extends Schema | undefined, P extends Schema | undefined> {
  req: RouteRequest;
  user: SessionUser;
  locale: Locale;
  query: Out<Q>;
  body: Out<B>;
  params: Out<P>;
}

export interface NextRouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * A route's answer before it becomes a web Response: a JSON text (the common case) or a Response
 * the handler built itself (streams, redirects, 201s), plus the wrapper's headers. The fast lane
 * writes a JSON answer straight to the socket, without a Response and its body stream.
 */
export type RouteAnswer = { headers: Record<string, string> } & (
  | { kind: "json"; status: number; json: string | null }
  | { kind: "response"; response: Response }
);

/** A Next route handler that also tells tests (the role matrix) which permission it requires. */
export type RouteHandler = ((req: NextRequest, ctx: NextRouteContext) => Promise<Response>) & {
  readonly permission: Permission;
  /** Whether the route reads a JSON body (for tests that fuzz bodies). */
  readonly takesBody: boolean;
  /** The same handling as the call itself, answered as a RouteAnswer (server/http/fast-lane.ts). */
  readonly answer: (req: RouteRequest, ctx: NextRouteContext) => Promise<RouteAnswer>;
};

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const MAX_BODY_BYTES = 1024 * 1024;

export function localeOf(req: Pick<RouteRequest, "cookies" | "headers">): Locale {
  return resolveLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get("accept-language"));
}

/**
 * Browsers send Sec-Fetch-Site and Origin with every state-changing request; a request that
 * came from another site (or a sibling subdomain) is refused. Clients without either header are
 * not browsers, so they cannot be riding a victim's cookie. The Origin must be the configured
 * public origin (NEXTAUTH_URL) or the Host the request was sent to; X-Forwarded-Host counts only
 * when a trusted proxy is configured (CONSOLE_TRUSTED_PROXY), since a client can send any.
 */
export function isCrossSite(req: Pick<RouteRequest, "headers">): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return true;
  const origin = req.headers.get("origin");
  if (origin === null) return false;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return true;
  }
  if (from.origin === "null") return true;
  const e = env();
  if (e.NEXTAUTH_URL) {
    try {
      if (new URL(e.NEXTAUTH_URL).origin === from.origin) return false;
    } catch {
      // validated at start-up; fall through to the Host comparison
    }
  }
  const hosts = [req.headers.get("host"), e.CONSOLE_TRUSTED_PROXY > 0 ? req.headers.get("x-forwarded-host") : null].filter(
    (h): h is string => !!h,
  );
  return !hosts.some((h) => h.split(",")[0]!.trim().toLowerCase() === from.host.toLowerCase());
}

function queryObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(sp.keys())) {
    const all = sp.getAll(key);
    out[key] = all.length > 1 ? all : all[0]!;
  }
  return out;
}

const badJson = () => errors.validation(serverText("bodyNotJson"));

async function readJson(req: RouteRequest): Promise<unknown> {
  const tooLarge = () => errors.validation(serverText("bodyTooLarge"));
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw tooLarge();
  if (text.trim() === "") return undefined;
  // Only JSON is accepted: an HTML form cannot send it cross-site without a CORS preflight.
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("VALIDATION", serverText("bodyNotJsonType"), { status: 415 });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badJson();
  }
}

/** The text with what PostgreSQL cannot store (NUL, lone surrogates) replaced by U+FFFD. */
function storable(value: unknown, depth = 0): unknown {
  if (typeof value === "string") {
    return value.replaceAll("\0", "\uFFFD").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  }
  if (depth > 32 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => storable(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k) as string, storable(v, depth + 1)]));
}

/** Best-effort copy of a refused request's body for the audit log; never throws. */
async function bodyForAudit(req: RouteRequest): Promise<unknown> {
  try {
    const text = (await req.text()).slice(0, 64 * 1024);
    if (!text) return null;
    try {
      return storable(JSON.parse(text) as unknown);
    } catch {
      return { raw: storable(text.slice(0, 1024)) };
    }
  } catch {
    return null;
  }
}

/** Refuses NUL, lone surrogates and control characters anywhere in the input, whatever the route's schema. */
function refuseUnsafeText(where: "params" | "query" | "body", value: unknown): void {
  const hit = findUnsafeText(value);
  if (!hit) return;
  const path = [where, hit.path].filter(Boolean).join(".");
  throw errors.validation(
    {
      en: `Invalid input: ${path} ${hit.reason} (NUL, control characters and broken Unicode are not accepted).`,
      "zh-CN": `输入无效：${path} 含有 NUL、控制字符或无效的 Unicode 字符。`,
    },
    [{ path, message: hit.reason }],
  );
}

async function deny(req: RouteRequest, user: SessionUser, reason: string): Promise<void> {
  const url = req.nextUrl;
  await recordDenied({
    user,
    action: `${req.method} ${url.pathname}`,
    productKey: storable(url.searchParams.get("product") ?? url.searchParams.get("productKey")) as string | null,
    target: url.pathname,
    payload: { query: storable(queryObject(url.searchParams)), body: await bodyForAudit(req) },
    reason,
  });
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  let out = res;
  try {
    for (const [k, v] of Object.entries(headers)) out.headers.set(k, v);
  } catch {
    // Responses like Response.redirect() have immutable headers: copy into a mutable one.
    out = new Response(res.body, res);
    for (const [k, v] of Object.entries(headers)) out.headers.set(k, v);
  }
  return out;
}

/**
 * Wraps a route handler in the console's four steps: authenticate (401) and authorize (403,
 * denied writes audited), refuse cross-site writes, parse query/body/params with zod (400),
 * then run the handler and answer. Every throw goes through toErrorResponse; every answer is
 * `Cache-Control: private, no-store` and carries X-Upstream-Calls (upstream calls this request
 * made), Server-Timing (`app;dur=` milliseconds the console spent on it) and, when cached data was
 * served because the quota ran out, X-Console-Stale (unix ms of the oldest stale value).
 */
export function defineRoute<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(spec: RouteSpec<Q, B, P>, handler: (ctx: RouteContext<Q, B, P>) => unknown): RouteHandler {
  const answer = async (req: RouteRequest, nextCtx: NextRouteContext): Promise<RouteAnswer> => {
    const started = performance.now();
    const rawParams = await nextCtx.params;
    const locale = localeOf(req);
    const write = !READ_METHODS.has(req.method.toUpperCase());
    let calls = 0;
    let staleSince: number | null = null;
    let degraded = false;
    let out: { kind: "json"; status: number; json: string | null } | { kind: "response"; response: Response };
    try {
      const user = await getSessionUser(req.cookies);
      if (!user) throw errors.unauthorized();
      if (write && isCrossSite(req)) {
        await deny(req, user, "cross-site request");
        throw errors.crossSite();
      }
      if (!can(user.role, spec.permission)) {
        if (write) await deny(req, user, `role ${user.role} lacks permission ${spec.permission}`);
        throw errors.forbidden();
      }
      refuseUnsafeText("params", rawParams);
      const rawQuery = queryObject(req.nextUrl.searchParams);
      refuseUnsafeText("query", rawQuery);
      const params = (spec.params ? spec.params.parse(rawParams) : undefined) as Out<P>;
      const query = (spec.query ? spec.query.parse(rawQuery) : undefined) as Out<Q>;
      let body: Out<B> = undefined as Out<B>;
      if (spec.body) {
        const rawBody = await readJson(req);
        refuseUnsafeText("body", rawBody);
        body = spec.body.parse(rawBody) as Out<B>;
      }
      const metered = await withUpstreamMeter(async () => {
        try {
          return { ok: true as const, value: await handler({ req, user, locale, query, body, params }) };
        } catch (error) {
          return { ok: false as const, error };
        }
      });
      calls = metered.calls;
      staleSince = metered.staleSince;
      degraded = metered.degraded;
      if (!metered.result.ok) throw metered.result.error;
      const value = metered.result.value;
      out =
        value instanceof Response
          ? { kind: "response", response: value }
          : { kind: "json", status: value === undefined ? 204 : 200, json: value === undefined ? null : JSON.stringify(value) };
    } catch (err) {
      out = { kind: "response", response: toErrorResponse(err, locale) };
    }
    const headers: Record<string, string> = {
      "Cache-Control": "private, no-store",
      "X-Upstream-Calls": String(calls),
      // The console's own time for this answer, upstream calls included (browser devtools show it;
      // bench/route.bench.ts reads it to tell the console's share of a read from the machine's).
      "Server-Timing": `app;dur=${(performance.now() - started).toFixed(2)}`,
    };
    if (staleSince !== null) headers["X-Console-Stale"] = String(staleSince);
    // Redis (shared state of several instances) was down: answered from this instance's memory.
    if (degraded) headers["X-Console-Degraded"] = "shared-state";
    return { ...out, headers };
  };
  const run = async (req: NextRequest, nextCtx: NextRouteContext): Promise<Response> => {
    // Next routed this request here: the fast lane may answer the route's next reads itself.
    learn(req.method, req.nextUrl.pathname, await nextCtx.params, routeHandler);
    return toResponse(await answer(req, nextCtx));
  };
  const routeHandler: RouteHandler = Object.assign(run, { permission: spec.permission, takesBody: spec.body !== undefined, answer });
  return routeHandler;
}

/** The web Response of a RouteAnswer (what Next sends). */
export function toResponse(a: RouteAnswer): Response {
  if (a.kind === "response") return withHeaders(a.response, a.headers);
  if (a.json === null) return new Response(null, { status: a.status, headers: a.headers });
  return new Response(a.json, { status: a.status, headers: { "Content-Type": "application/json", ...a.headers } });
}
