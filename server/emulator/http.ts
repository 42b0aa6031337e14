/**
 * Minimal HTTP plumbing on node:http: a path-template router, a per-request context with
 * lenient JSON body parsing (real clients post JSON without a Content-Type), and query
 * parameter readers that fail with 5002 "form invalid" the way the API does.
 */
import type { IncomingHttpHeaders } from "node:http";
import { ApiError } from "./errors";

export interface Ctx {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: string;
  remote: string;
  /** Request time, unix seconds with millisecond fraction. */
  now: number;
}

export interface Result {
  status: number;
  body: unknown;
}

export type Handler = (ctx: Ctx) => Result | Promise<Result>;

interface Route {
  method: string;
  template: string;
  segments: string[];
  handler: Handler;
}

export type Match =
  | { kind: "ok"; handler: Handler; params: Record<string, string>; template: string }
  | { kind: "method"; allowed: string[] }
  | { kind: "none" };

export class Router {
  private routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    this.routes.push({ method, template, segments: template.split("/").filter(Boolean), handler });
    return this;
  }

  match(method: string, path: string): Match {
    const parts = path.split("/").filter(Boolean);
    const allowed: string[] = [];
    // Literal segments beat parameters so "/devices/search" never matches "/devices/{did}".
    let best: { route: Route; params: Record<string, string>; score: number } | null = null;
    for (const r of this.routes) {
      if (r.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let k = 0; k < parts.length; k++) {
        const seg = r.segments[k];
        if (seg.startsWith("{")) params[seg.slice(1, -1)] = decodeURIComponent(parts[k]);
        else if (seg === parts[k]) score++;
        else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (r.method !== method) {
        allowed.push(r.method);
        continue;
      }
      if (!best || score > best.score) best = { route: r, params, score };
    }
    if (best) return { kind: "ok", handler: best.route.handler, params: best.params, template: best.route.template };
    return allowed.length ? { kind: "method", allowed } : { kind: "none" };
  }
}

export const ok = (body: unknown, status = 200): Result => ({ status, body });

/** Parses the body as JSON whatever the Content-Type; anything unparsable is 5001. */
export function jsonBody(ctx: Ctx): unknown {
  try {
    return JSON.parse(ctx.rawBody);
  } catch {
    throw new ApiError(5001, "request body is not valid JSON");
  }
}

/** JSON object body (5001 if not JSON, 5002 if JSON but not an object). */
export function objectBody(ctx: Ctx): Record<string, unknown> {
  const v = jsonBody(ctx);
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new ApiError(5002, "request body must be a JSON object");
  return v as Record<string, unknown>;
}

export function str(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null || v === "" ? undefined : v;
}

export function requireStr(q: URLSearchParams, name: string): string {
  const v = str(q, name);
  if (v === undefined) throw new ApiError(5002, `${name} is required`);
  return v;
}

export function int(q: URLSearchParams, name: string, opts: { min?: number; max?: number; def?: number } = {}): number | undefined {
  const v = str(q, name);
  if (v === undefined) return opts.def;
  if (!/^-?\d+(\.\d+)?$/.test(v)) throw new ApiError(5002, `${name} must be a number`);
  const n = Math.floor(Number(v));
  if (opts.min !== undefined && n < opts.min) throw new ApiError(5002, `${name} must be >= ${opts.min}`);
  if (opts.max !== undefined && n > opts.max) throw new ApiError(5002, `${name} must be <= ${opts.max}`);
  return n;
}

/** 0/1 flags (true/false tolerated). */
export function flag(q: URLSearchParams, name: string): boolean | undefined {
  const v = str(q, name);
  if (v === undefined) return undefined;
  if (v === "1" || v === "true" || v === "True") return true;
  if (v === "0" || v === "false" || v === "False") return false;
  throw new ApiError(5002, `${name} must be 0 or 1`);
}

/**
 * The list envelope. next/previous are relative paths carrying the caller's other query
 * parameters, like the real API's "/v1/products/.../data?start_ts=...&skip=20&limit=20".
 */
export function page<T>(
  ctx: Ctx,
  objects: T[],
  total: number,
  skip: number,
  limit: number,
): { meta: Record<string, unknown>; objects: T[] } {
  const link = (s: number) => {
    const q = new URLSearchParams(ctx.query);
    q.set("skip", String(s));
    q.set("limit", String(limit));
    return `${ctx.path}?${q.toString()}`;
  };
  return {
    meta: {
      previous: skip > 0 ? link(Math.max(0, skip - limit)) : null,
      skip,
      total,
      limit,
      next: skip + limit < total ? link(skip + limit) : null,
    },
    objects,
  };
}
