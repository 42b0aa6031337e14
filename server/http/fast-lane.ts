import "server-only";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { env } from "@/server/env";
import { processSingleton } from "@/server/process-singleton";
import type { RouteAnswer, RouteHandler, RouteRequest } from "./route";
import { nodeHeaders } from "./node-headers";
import { HSTS, securityHeaders } from "./security-headers.mjs";

/**
 * The fast lane: API reads answered by their route's own handler straight from the request guard
 * (server/cli/request-guard.mjs), without Next's router.
 *
 * Next spends about 1.8 ms of CPU on every API request before and after the handler (routing, its
 * header rules, web Request/Response conversion, async hooks), several times what a cached read
 * costs the console itself (issue 17). A GET whose route this process has already served once is
 * therefore handed to the same handler function Next called — the one `defineRoute` made — with
 * a RouteRequest read straight from the incoming request (not a NextRequest: a web Request's
 * AbortSignal survives young-generation collections, and one per read made them several times
 * slower). Nothing is skipped: the handler authenticates, re-checks the account, authorizes,
 * validates and answers exactly as it does under Next; API routes are not matched by proxy.ts
 * either. The answer gets the headers Next would add (the security headers of next.config.mjs,
 * its Vary, gzip for large bodies when the client accepts it) and says it came this way:
 * `X-Console-Lane: fast`. A request with `X-Console-Lane: off` goes to Next.
 *
 * Which handler serves a URL is learned, never guessed: Next's own route manifest
 * (app-paths-manifest.json) gives the route patterns, and a pattern gets a handler only when Next
 * routed a request to that handler and passed it exactly the params the pattern yields for that
 * URL (learn()). Anything else — writes, HEAD, a route not yet served, a URL Next would redirect
 * or normalise — goes to Next as before. Off in `next dev` (modules reload) and with
 * CONSOLE_FAST_LANE=0.
 */

/** What the lane calls: a defineRoute handler's `answer` (the JSON text without a web Response). */
export type LaneHandler = Pick<RouteHandler, "answer">;

interface Pattern {
  /** The manifest's page name, e.g. "/api/products/[pk]/devices/[did]/route". */
  page: string;
  /** Path segments after "/api": a literal, or the name of a dynamic segment. */
  segments: ({ literal: string } | { param: string })[];
}

export interface LaneMatch {
  page: string;
  params: Record<string, string>;
}

/** The guard finds the lane here (a Symbol.for key: the guard is plain JavaScript outside the bundle). */
const LANE_KEY = Symbol.for("gizwits-console.fast-lane");

/** Paths the lane takes: "/api/…" without empty, "." or ".." segments, a trailing slash or encoded slashes. */
const PLAIN_PATH = /^\/api(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9\-._~!$&'()*+,;=:@%]+)+$/;
const ENCODED_SEPARATOR = /%(?:2f|5c)/i;

/**
 * Route patterns from Next's app-paths manifest: API routes only, without catch-all segments
 * (the lane never serves those) and without route groups (they are not part of the URL).
 */
export function patternsFromManifest(pages: Iterable<string>): Pattern[] {
  const out: Pattern[] = [];
  for (const page of pages) {
    if (!page.startsWith("/api/") || !page.endsWith("/route")) continue;
    const parts = page
      .slice("/api/".length, -"/route".length)
      .split("/")
      .filter((s) => s && !/^\(.*\)$/.test(s));
    if (parts.some((s) => s.startsWith("[..") || s.startsWith("[[") || s.startsWith("@"))) continue;
    out.push({
      page,
      segments: parts.map((s) => {
        const m = /^\[([^\]]+)\]$/.exec(s);
        return m ? { param: m[1]! } : { literal: s };
      }),
    });
  }
  return out;
}

/**
 * The route Next would pick for `pathname` among `patterns`: every segment must match, and where
 * several patterns match, a literal segment wins over a dynamic one at the first place they
 * differ (Next's order). Dynamic segments are percent-decoded as Next decodes params.
 */
export function matchRoute(patterns: readonly Pattern[], pathname: string): LaneMatch | null {
  if (!PLAIN_PATH.test(pathname) || ENCODED_SEPARATOR.test(pathname)) return null;
  const segs = pathname.slice("/api/".length).split("/");
  let best: Pattern | null = null;
  for (const p of patterns) {
    if (p.segments.length !== segs.length) continue;
    if (!p.segments.every((s, i) => !("literal" in s) || s.literal === segs[i])) continue;
    if (!best || moreSpecific(p, best)) best = p;
  }
  if (!best) return null;
  const params: Record<string, string> = {};
  try {
    best.segments.forEach((s, i) => {
      if ("param" in s) params[s.param] = decodeURIComponent(segs[i]!);
    });
  } catch {
    return null;
  }
  return { page: best.page, params };
}

function moreSpecific(a: Pattern, b: Pattern): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    const la = "literal" in a.segments[i]!;
    const lb = "literal" in b.segments[i]!;
    if (la !== lb) return la;
  }
  return false;
}

interface LaneState {
  patterns: Pattern[] | null;
  /** "GET <page>" → the handler Next called for that page. */
  handlers: Map<string, LaneHandler>;
}

const state = processSingleton("__consoleFastLane", (): LaneState => ({ patterns: null, handlers: new Map() }));

/** Off in `next dev`, where modules reload and a learned handler would be an old copy. */
function enabled(): boolean {
  return process.env.NODE_ENV !== "development" && env().CONSOLE_FAST_LANE;
}

function patterns(): Pattern[] {
  const s = state.get();
  if (!s.patterns) {
    try {
      const file = path.join(process.cwd(), env().NEXT_DIST_DIR, "server", "app-paths-manifest.json");
      s.patterns = patternsFromManifest(Object.keys(JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>));
    } catch {
      s.patterns = []; // no manifest (tests, or not built by next build): the lane stays empty
    }
  }
  return s.patterns;
}

/** Tests only: patterns to use instead of the build's manifest, and no handlers learned. */
export function resetFastLane(withPatterns?: string[]): void {
  state.set({ patterns: withPatterns ? patternsFromManifest(withPatterns) : null, handlers: new Map() });
}

const sameParams = (a: Record<string, string>, b: Record<string, string | string[] | undefined>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
};

/**
 * Called by every defineRoute handler as Next runs it: remembers the handler as the one for its
 * route pattern when the pattern the lane would choose for this URL yields exactly the params Next
 * passed. Reads (GET) only.
 */
export function learn(
  method: string,
  pathname: string,
  params: Record<string, string | string[] | undefined> | undefined,
  handler: LaneHandler,
): void {
  if (method !== "GET" || !enabled()) return;
  const m = matchRoute(patterns(), pathname);
  // Next gives a route without dynamic segments no params object at all.
  if (!m || !sameParams(m.params, params ?? {})) return;
  const handlers = state.get().handlers;
  const key = `GET ${m.page}`;
  if (handlers.get(key) !== handler) handlers.set(key, handler);
  publish();
}

/** Hop-by-hop and framing headers: never copied from the request into the NextRequest or out of a Response. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer", "proxy-connection"]);
/** What Next adds to every route handler's answer (it varies on its router headers and the encoding). */
const NEXT_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";
/** Bodies from this size are gzipped for clients that accept it, as Next's compression does. */
const GZIP_FROM_BYTES = 1024;
const gzip = promisify(gzipCallback);

/**
 * Takes the request when the lane can answer it; false leaves it to Next. Called by the request
 * guard after its own checks (method allow-list, decodable path, forwarded headers).
 */
export function serve(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" || !enabled()) return false;
  // A caller can ask for Next's own answer (to compare, or to rule the lane out when debugging).
  if (req.headers["x-console-lane"] === "off") return false;
  const raw = req.url ?? "";
  if (!raw.startsWith("/api/")) return false;
  // A GET with a body is unusual enough to leave to Next.
  if (req.headers["transfer-encoding"] || Number(req.headers["content-length"] ?? 0) > 0) return false;
  const q = raw.indexOf("?");
  const m = matchRoute(patterns(), q < 0 ? raw : raw.slice(0, q));
  if (!m) return false;
  const handler = state.get().handlers.get(`GET ${m.page}`);
  if (!handler) return false;
  let request: RouteRequest;
  try {
    const url = new URL(raw, `http://${req.headers.host || "localhost"}`);
    const headers = nodeHeaders(req.headers, HOP_BY_HOP);
    request = { method: "GET", headers, cookies: new RequestCookies(headers as Headers), nextUrl: url, text: async () => "" };
  } catch {
    return false; // e.g. a Host header no URL accepts: Next answers it
  }
  answer(req, res, handler, request, m.params).catch(() => {
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
    res.destroy();
  });
  return true;
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  handler: LaneHandler,
  request: RouteRequest,
  params: Record<string, string>,
): Promise<void> {
  const a: RouteAnswer = await handler.answer(request, { params: Promise.resolve(params) });
  const head: Record<string, string | string[]> = {};
  for (const h of securityHeaders(false)) head[h.key] = h.value;
  if (req.headers["x-forwarded-proto"] === "https") head[HSTS.key] = HSTS.value;
  head.Vary = NEXT_VARY;
  // Says which way the answer came (for operators reading a trace, and for the e2e test).
  head["X-Console-Lane"] = "fast";
  if (a.kind === "json") {
    // The common case: the JSON text goes to the socket as it is, without a Response around it.
    Object.assign(head, a.headers);
    if (a.json === null) {
      res.writeHead(a.status, head).end();
      return;
    }
    head["Content-Type"] = "application/json";
    await sendBody(req, res, a.status, head, Buffer.from(a.json));
    return;
  }
  const response = a.response;
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie" && !HOP_BY_HOP.has(key)) head[key] = value;
  });
  Object.assign(head, a.headers);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) head["set-cookie"] = cookies;
  if (!response.body) {
    res.writeHead(response.status, head).end();
    return;
  }
  if (/^application\/json\b/i.test(response.headers.get("content-type") ?? "")) {
    await sendBody(req, res, response.status, head, Buffer.from(await response.arrayBuffer()));
    return;
  }
  // Streamed answers (CSV exports): piped with back-pressure; a client that leaves cancels them.
  res.writeHead(response.status, head);
  const stream = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  res.once("close", () => stream.destroy());
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

/** A whole body, gzipped from GZIP_FROM_BYTES for a client that accepts it (as Next's compression does). */
async function sendBody(req: IncomingMessage, res: ServerResponse, status: number, head: Record<string, string | string[]>, body: Buffer) {
  let out = body;
  if (body.length >= GZIP_FROM_BYTES && /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""))) {
    out = await gzip(body);
    head["Content-Encoding"] = "gzip";
  }
  head["Content-Length"] = String(out.length);
  res.writeHead(status, head).end(out);
}

/** Makes the lane visible to the request guard (idempotent: every bundle's copy publishes the same state). */
function publish(): void {
  const slots = globalThis as unknown as Record<symbol, unknown>;
  if (!slots[LANE_KEY]) slots[LANE_KEY] = { serve };
}
