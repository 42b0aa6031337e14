import { readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CookieJar, SessionUser } from "@/server/auth/session";
import { useThrowawayDatabase } from "@/server/db/testing";

useThrowawayDatabase();

// The user is named by a `who` cookie: the lane must hand the request's cookies to the handler.
vi.mock("@/server/auth/session", () => ({
  getSessionUser: async (jar?: CookieJar): Promise<SessionUser | null> => {
    const who = jar?.getAll().find((c) => c.name === "who")?.value;
    return who === "manager" || who === "admin" ? { id: `u-${who}`, username: who, name: who, role: who } : null;
  },
}));

const { defineRoute } = await import("./route");
const { learn, matchRoute, patternsFromManifest, resetFastLane } = await import("./fast-lane");
const { resetEnv } = await import("@/server/env");
const { guardListener } = await import("@/server/cli/request-guard.mjs");

/** The app's API routes as Next's app-paths manifest names them ("/api/…/route"). */
function appApiPages(): string[] {
  const dir = path.resolve(import.meta.dirname, "../../app/api");
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => /(^|\/)route\.ts$/.test(f))
    .map((f) => `/api/${f.replace(/\.ts$/, "")}`);
}

describe("fast lane: which route answers a URL", () => {
  const pages = appApiPages();
  const patterns = patternsFromManifest(pages);

  it("finds every API route of the app at its own URL, with its params decoded", () => {
    expect(pages.length).toBeGreaterThan(40);
    for (const page of pages) {
      const segs = page.slice(0, -"/route".length).split("/");
      if (segs.some((s) => s.startsWith("[."))) {
        // Catch-all routes (next-auth) are never the lane's.
        expect(patterns.some((p) => p.page === page)).toBe(false);
        continue;
      }
      const expected: Record<string, string> = {};
      const url = segs
        .map((s) => {
          const m = /^\[(\w+)\]$/.exec(s);
          if (!m) return s;
          expected[m[1]!] = `${m[1]} 值`;
          return encodeURIComponent(`${m[1]} 值`);
        })
        .join("/");
      expect(matchRoute(patterns, url), url).toEqual({ page, params: expected });
    }
  });

  it("prefers a literal segment to a dynamic one, as Next does", () => {
    const pk = "/api/products/pk1";
    expect(matchRoute(patterns, `${pk}/devices/search`)?.page).toBe("/api/products/[pk]/devices/search/route");
    expect(matchRoute(patterns, `${pk}/devices/d1`)).toEqual({
      page: "/api/products/[pk]/devices/[did]/route",
      params: { pk: "pk1", did: "d1" },
    });
    const own = patternsFromManifest(["/api/a/[x]/route", "/api/a/b/route", "/api/[y]/b/route"]);
    expect(matchRoute(own, "/api/a/b")?.page).toBe("/api/a/b/route");
    expect(matchRoute(own, "/api/a/c")?.page).toBe("/api/a/[x]/route");
    expect(matchRoute(own, "/api/z/b")?.page).toBe("/api/[y]/b/route");
  });

  it("leaves URLs Next would redirect, normalise or refuse to Next", () => {
    for (const url of [
      "/api/quota/",
      "/api//quota",
      "/api/products/a%2Fb/devices/search",
      "/api/products/a%5Cb/devices/search",
      "/api/products/../quota",
      "/api/products/./devices/search",
      "/api/products/%zz/devices/search",
      "/api/products/pk1/devices/search/extra/deep",
      "/apiquota",
      "/quota",
    ]) {
      expect(matchRoute(patterns, url), url).toBeNull();
    }
  });
});

// --- the lane in front of a stand-in for Next --------------------------------------------------

const seen: string[] = [];
const thing = defineRoute(
  { permission: "read", params: z.object({ id: z.string().min(2) }), query: z.object({ n: z.coerce.number().int().optional() }) },
  ({ params, query, user, locale }) => ({ id: params.id, n: query.n ?? null, user: user.username, locale }),
);
const search = defineRoute({ permission: "read" }, () => ({ search: true, filler: "x".repeat(4000) }));
const adminOnly = defineRoute({ permission: "admin" }, () => ({ secret: "for admins" }));
/** A streamed CSV, like the export routes: `rows` lines, one chunk each; records a cancel. */
const cancelled: string[] = [];
const exportCsv = defineRoute({ permission: "read", query: z.object({ rows: z.coerce.number().int() }) }, ({ query }) => {
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (i >= query.rows) return c.close();
      await new Promise((r) => setTimeout(r, 1));
      c.enqueue(new TextEncoder().encode(`row ${i++}\n`));
    },
    cancel() {
      cancelled.push(`after ${i}`);
    },
  });
  return new Response(stream, { headers: { "Content-Type": "text/csv; charset=utf-8" } });
});
const PAGES = [
  "/api/things/[id]/route",
  "/api/things/search/route",
  "/api/admin-thing/route",
  "/api/export/route",
  "/api/auth/[...nextauth]/route",
];

/** Stands in for Next: routes by hand and passes params as Next does; records what it served. */
async function fakeNext(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://console.test");
  seen.push(`${req.method} ${url.pathname}`);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const nreq = new NextRequest(url, { method: req.method, headers });
  const m = /^\/api\/things\/([^/]+)$/.exec(url.pathname);
  let answer: Response;
  // Next gives routes without dynamic segments no params object: both shapes must be learned.
  const none = Promise.resolve(undefined as unknown as Record<string, string>);
  if (url.pathname === "/api/things/search") answer = await search(nreq, { params: Promise.resolve({}) });
  else if (url.pathname === "/api/admin-thing") answer = await adminOnly(nreq, { params: none });
  else if (url.pathname === "/api/export") answer = await exportCsv(nreq, { params: none });
  else if (m) answer = await thing(nreq, { params: Promise.resolve({ id: decodeURIComponent(m[1]!) }) });
  else answer = new Response("not found", { status: 404 });
  const out: Record<string, string> = {};
  answer.headers.forEach((v, k) => {
    out[k] = v;
  });
  res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
}

let server: http.Server;
let origin = "";

beforeAll(async () => {
  server = http.createServer(guardListener((req, res) => void fakeNext(req, res)));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
  delete process.env.CONSOLE_FAST_LANE;
  resetEnv();
  resetFastLane(PAGES);
});

const get = (p: string, headers: Record<string, string> = { cookie: "who=manager" }) => fetch(`${origin}${p}`, { headers });

describe("fast lane: answering without Next", () => {
  it("answers a read of a route Next has served with the same handler: same status, body and checks", async () => {
    const first = await get("/api/things/a%20b?n=3");
    expect(first.status).toBe(200);
    expect(seen).toEqual(["GET /api/things/a%20b"]);
    const firstBody = await first.json();

    const second = await get("/api/things/a%20b?n=3");
    expect(seen).toHaveLength(1); // Next was not asked again
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(firstBody);
    expect(firstBody).toEqual({ id: "a b", n: 3, user: "manager", locale: "zh-CN" });
    // Another URL of the same route: params and query are the new request's.
    expect(await (await get("/api/things/zz?n=9", { cookie: "who=admin", "accept-language": "en-US" })).json()).toEqual({
      id: "zz",
      n: 9,
      user: "admin",
      locale: "en",
    });
    expect(seen).toHaveLength(1);
  });

  it("adds the headers Next adds: security headers, Vary, and the route's own", async () => {
    await get("/api/things/abc");
    const res = await get("/api/things/abc");
    expect(seen).toHaveLength(1);
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("vary")).toMatch(/Accept-Encoding/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-upstream-calls")).toBe("0");
    expect(res.headers.get("strict-transport-security")).toBeNull(); // plain http, no trusted proxy
    expect(res.headers.get("x-console-lane")).toBe("fast");
  });

  it("still authenticates, authorizes and validates every request", async () => {
    await get("/api/things/abc");
    await get("/api/admin-thing", { cookie: "who=admin" });
    expect(seen).toHaveLength(2);
    const anonymous = await get("/api/things/abc", { "accept-language": "en" });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toMatch(/sign in/i);
    expect((await get("/api/admin-thing")).status).toBe(403);
    expect((await get("/api/things/abc?n=x")).status).toBe(400);
    expect((await get("/api/things/a")).status).toBe(400);
    expect(seen).toHaveLength(2); // all of them answered by the lane
  });

  it("gzips a large answer for a client that accepts it", async () => {
    await get("/api/things/search");
    const res = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(`${origin}/api/things/search`, { headers: { cookie: "who=manager", "accept-encoding": "gzip" } }, resolve),
    );
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    expect(seen).toHaveLength(1);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(Buffer.concat(chunks)).toString("utf8"))).toMatchObject({ search: true });
  });

  it("streams an answer the handler streams, and cancels it when the client leaves", async () => {
    expect(await (await get("/api/export?rows=3")).text()).toBe("row 0\nrow 1\nrow 2\n");
    const streamed = await get("/api/export?rows=3");
    expect(seen).toHaveLength(1);
    expect(streamed.headers.get("x-console-lane")).toBe("fast");
    expect(streamed.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await streamed.text()).toBe("row 0\nrow 1\nrow 2\n");

    cancelled.length = 0;
    const ac = new AbortController();
    const long = await fetch(`${origin}/api/export?rows=100000`, { headers: { cookie: "who=manager" }, signal: ac.signal });
    const reader = long.body!.getReader();
    await reader.read();
    ac.abort();
    await expect.poll(() => cancelled.length, { timeout: 5000 }).toBe(1);
    expect(Number(cancelled[0]!.split(" ")[1])).toBeLessThan(100000);
  });

  it("leaves to Next what it has not learned, other methods, and URLs Next would change", async () => {
    await get("/api/things/abc");
    // A route of its own that Next has not served yet (though /api/things/[id] is learned).
    await get("/api/things/search");
    await fetch(`${origin}/api/things/abc`, { method: "HEAD", headers: { cookie: "who=manager" } });
    await fetch(`${origin}/api/things/abc`, { method: "POST", headers: { cookie: "who=manager" } });
    await get("/api/things/abc/");
    await get("/api/things/abc", { cookie: "who=manager", "x-console-lane": "off" });
    expect(seen).toEqual([
      "GET /api/things/abc",
      "GET /api/things/search",
      "HEAD /api/things/abc",
      "POST /api/things/abc",
      "GET /api/things/abc/",
      "GET /api/things/abc",
    ]);
  });

  it("learns a handler only when Next's params are the ones the URL yields", async () => {
    learn("GET", "/api/things/abc", { id: "something-else" }, thing);
    learn("GET", "/api/things/abc", { id: "abc", extra: "1" }, thing);
    learn("POST", "/api/things/abc", { id: "abc" }, thing);
    await get("/api/things/abc");
    expect(seen).toEqual(["GET /api/things/abc"]);
  });

  it("is off with CONSOLE_FAST_LANE=0", async () => {
    process.env.CONSOLE_FAST_LANE = "0";
    resetEnv();
    await get("/api/things/abc");
    await get("/api/things/abc");
    expect(seen).toHaveLength(2);
  });
});
