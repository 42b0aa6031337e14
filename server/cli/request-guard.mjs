// @ts-check
/**
 * A guard in front of Next's request handler, loaded into the `next start` / `next dev` process by
 * the launcher (NODE_OPTIONS=--import=…/request-guard.mjs). Plain JavaScript so that node loads it
 * without tsx. Next answers some malformed requests with a 500 before any console code runs
 * (the TRACE method, which undici's Request refuses; invalid UTF-8 or a bad percent-encoding in a
 * dynamic path segment), so they are answered here: 405 for a method outside the allow-list, 400
 * for a path that does not decode. It also makes the client address trustworthy: without a
 * trusted proxy (CONSOLE_TRUSTED_PROXY) X-Forwarded-For is replaced by the socket's address and
 * the client's X-Forwarded-Host/-Proto/-Port are dropped.
 *
 * Then it offers the request to the console's fast lane (server/http/fast-lane.ts), which the
 * console's code publishes on globalThis once it has learned a route: API reads of routes already
 * served are answered by the route's own handler without Next's router. Everything else, and
 * everything while no lane is published, goes to Next.
 */
import http from "node:http";

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * What to answer instead of Next, or null to pass the request on.
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @returns {{ status: 400 | 405, en: string, zh: string } | null}
 */
export function refusal(method, url) {
  if (!method || !ALLOWED_METHODS.includes(method.toUpperCase())) {
    return { status: 405, en: "Method not allowed.", zh: "不支持该请求方法。" };
  }
  const path = (url ?? "/").split("?")[0] ?? "/";
  try {
    // Throws on a "%" not followed by two hex digits and on bytes that are not UTF-8.
    decodeURIComponent(path);
  } catch {
    return {
      status: 400,
      en: "The request path is malformed (bad percent-encoding or invalid UTF-8).",
      zh: "请求路径格式错误（百分号编码无效或不是有效的 UTF-8）。",
    };
  }
  return null;
}

/**
 * Rewrites forwarded headers the client may have forged, unless `trustedProxies` hops are trusted.
 * @param {http.IncomingMessage} req
 * @param {number} trustedProxies
 */
export function normalizeForwarded(req, trustedProxies) {
  if (trustedProxies > 0) return;
  const addr = req.socket?.remoteAddress;
  if (addr) req.headers["x-forwarded-for"] = addr;
  else delete req.headers["x-forwarded-for"];
  delete req.headers["x-forwarded-host"];
  delete req.headers["x-forwarded-proto"];
  delete req.headers["x-forwarded-port"];
}

/**
 * @param {http.RequestListener} listener
 * @returns {http.RequestListener}
 */
export function guardListener(listener) {
  const trusted = Number(process.env.CONSOLE_TRUSTED_PROXY ?? 0) || 0;
  return (req, res) => {
    const r = refusal(req.method, req.url);
    if (r) {
      const zh = /^\s*zh/i.test(String(req.headers["accept-language"] ?? ""));
      const body = JSON.stringify({ error: { code: r.status === 405 ? "VALIDATION" : "VALIDATION", message: zh ? r.zh : r.en } });
      res.writeHead(r.status, {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        ...(r.status === 405 ? { Allow: ALLOWED_METHODS.join(", ") } : {}),
      });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    normalizeForwarded(req, trusted);
    if (offerToLane(req, res)) return;
    listener(req, res);
  };
}

const LANE_KEY = Symbol.for("gizwits-console.fast-lane");

/**
 * Whether the console's fast lane took the request (it answers it itself, also on failure).
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @returns {boolean}
 */
export function offerToLane(req, res) {
  if (req.method !== "GET") return false;
  const lane = /** @type {{ serve?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean } | undefined} */ (
    /** @type {any} */ (globalThis)[LANE_KEY]
  );
  if (typeof lane?.serve !== "function") return false;
  try {
    return lane.serve(req, res) === true;
  } catch {
    return false;
  }
}

/** Wraps the listener of every HTTP server this process creates (Next's start-server makes one). */
export function install() {
  const original = http.createServer;
  /** @type {any} */ (http).createServer = function createServer(/** @type {any[]} */ ...args) {
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) args[i] = guardListener(args[i]);
    return /** @type {any} */ (original).apply(this, args);
  };
}

if (process.env.CONSOLE_REQUEST_GUARD !== "0" && !process.env.VITEST) install();
