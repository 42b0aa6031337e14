import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/server/auth/session";
import { useThrowawayDatabase } from "@/server/db/testing";

// bcrypt and PGlite share two cores with parallel test files: allow for a slow machine.
vi.setConfig({ testTimeout: 60_000 });

useThrowawayDatabase();

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => session.user }));

const { auditLog, closeDb, db } = await import("@/server/db");
const { defineRoute, isCrossSite } = await import("./route");
const { AppError } = await import("@/server/errors");
const { resetEnv } = await import("@/server/env");
const { countUpstreamCall, markStale } = await import("@/server/gizwits/meter");

beforeAll(() => db());
afterAll(() => closeDb());

const as = (role: SessionUser["role"]): SessionUser => ({ id: `u-${role}`, username: role, name: role, role });
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const ORIGIN = "http://console.test";

function req(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { host: "console.test", ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  return new NextRequest(`${ORIGIN}${path}`, { method, headers, body });
}

async function json(res: Response): Promise<{ error?: { code: string; message: string; issues?: unknown[] } } & Record<string, unknown>> {
  return (await res.json()) as { error?: { code: string; message: string } };
}

const lastAudit = async () => (await (await db()).select().from(auditLog).orderBy(auditLog.id)).at(-1);

const readThing = defineRoute(
  { permission: "read", query: z.object({ n: z.coerce.number().int().min(1), tag: z.array(z.string()).or(z.string()).optional() }) },
  ({ query, user, locale }) => ({ n: query.n, tag: query.tag ?? null, user: user.username, locale }),
);
const controlThing = defineRoute(
  { permission: "control", params: z.object({ did: z.string().min(3) }), body: z.object({ attrs: z.record(z.string(), z.unknown()) }) },
  ({ params, body }) => ({ did: params.did, attrs: body.attrs }),
);

beforeEach(() => {
  session.user = null;
});

describe("defineRoute: authentication and authorization", () => {
  it("exposes the permission it enforces", () => {
    expect(readThing.permission).toBe("read");
    expect(controlThing.permission).toBe("control");
  });

  it("answers 401 with the error envelope when nobody is signed in", async () => {
    const res = await readThing(req("GET", "/api/t?n=1"), ctx());
    expect(res.status).toBe(401);
    expect((await json(res)).error?.code).toBe("UNAUTHORIZED");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("answers 403 to a role below the permission and records the denied write", async () => {
    session.user = as("operator");
    const res = await controlThing(
      req("POST", "/api/devices/dev-1/control", { body: { attrs: { on: true }, password: "p" }, headers: { origin: ORIGIN } }),
      ctx({ did: "dev-1" }),
    );
    expect(res.status).toBe(403);
    expect((await json(res)).error?.code).toBe("FORBIDDEN");
    const a = await lastAudit();
    expect(a).toMatchObject({
      status: "denied",
      username: "operator",
      role: "operator",
      action: "POST /api/devices/dev-1/control",
      target: "/api/devices/dev-1/control",
    });
    expect(a?.payload).toMatchObject({ body: { attrs: { on: true }, password: "[redacted]" } });
  });

  it("does not audit a refused read", async () => {
    const before = (await lastAudit())?.id;
    session.user = { ...as("manager"), role: "manager" };
    const adminOnly = defineRoute({ permission: "admin" }, () => ({}));
    expect((await adminOnly(req("GET", "/api/a"), ctx())).status).toBe(403);
    expect((await lastAudit())?.id).toBe(before);
  });

  it("lets an allowed role through", async () => {
    session.user = as("ops");
    const res = await controlThing(
      req("POST", "/api/devices/dev-1/control", {
        body: { attrs: { on: true } },
        headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" },
      }),
      ctx({ did: "dev-1" }),
    );
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ did: "dev-1", attrs: { on: true } });
  });
});

describe("defineRoute: cross-site writes", () => {
  it.each([
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site same-site (sibling subdomain)", { "sec-fetch-site": "same-site" }],
    ["Origin of another host", { origin: "http://evil.test" }],
    ["Origin on another port", { origin: "http://console.test:8080" }],
    ["opaque Origin", { origin: "null" }],
  ])("refuses %s with 403 and audits it", async (_label, headers) => {
    session.user = as("admin");
    const res = await controlThing(req("POST", "/api/devices/dev-1/control", { body: { attrs: {} }, headers }), ctx({ did: "dev-1" }));
    expect(res.status).toBe(403);
    expect((await lastAudit())?.message).toBe("cross-site request");
  });

  const withEnv = (vars: Record<string, string | undefined>, fn: () => void) => {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    Object.assign(process.env, vars);
    for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
    resetEnv();
    try {
      fn();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetEnv();
    }
  };
  const r = (h: Record<string, string>) => new Request("http://x/api", { method: "POST", headers: { host: "console.test", ...h } });

  it("allows same-origin writes and non-browser clients", () => {
    expect(isCrossSite(r({ origin: ORIGIN, "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSite(r({}))).toBe(false);
  });

  it("refuses a foreign Origin paired with a forged X-Forwarded-Host when no proxy is trusted", () => {
    withEnv({ CONSOLE_TRUSTED_PROXY: undefined, NEXTAUTH_URL: "https://console.example.com" }, () => {
      expect(isCrossSite(r({ origin: "http://evil.test", "x-forwarded-host": "evil.test" }))).toBe(true);
      expect(isCrossSite(r({ origin: "http://evil.test", "x-forwarded-host": "evil.test, console.test" }))).toBe(true);
      expect(isCrossSite(r({ host: "127.0.0.1:3000", origin: "http://evil.test", "x-forwarded-host": "evil.test" }))).toBe(true);
      // The configured public origin passes even when the Host is the proxy's upstream address.
      expect(isCrossSite(r({ host: "127.0.0.1:3000", origin: "https://console.example.com" }))).toBe(false);
      // Same host, other scheme or port: not the public origin, not the Host.
      expect(isCrossSite(r({ host: "127.0.0.1:3000", origin: "http://console.example.com" }))).toBe(true);
      expect(isCrossSite(r({ host: "127.0.0.1:3000", origin: "https://console.example.com:8443" }))).toBe(true);
    });
  });

  it("honours X-Forwarded-Host only with CONSOLE_TRUSTED_PROXY", () => {
    const proxied = { host: "127.0.0.1:3000", "x-forwarded-host": "console.example.com", origin: "https://console.example.com" };
    withEnv({ CONSOLE_TRUSTED_PROXY: undefined, NEXTAUTH_URL: undefined }, () => expect(isCrossSite(r(proxied))).toBe(true));
    withEnv({ CONSOLE_TRUSTED_PROXY: "1", NEXTAUTH_URL: undefined }, () => expect(isCrossSite(r(proxied))).toBe(false));
  });

  it("does not apply to reads", async () => {
    session.user = as("manager");
    expect((await readThing(req("GET", "/api/t?n=2", { headers: { "sec-fetch-site": "cross-site" } }), ctx())).status).toBe(200);
  });
});

describe("defineRoute: input", () => {
  it("parses query params, with repeated keys as arrays", async () => {
    session.user = as("manager");
    const res = await readThing(req("GET", "/api/t?n=3&tag=a&tag=b"), ctx());
    expect(await json(res)).toMatchObject({ n: 3, tag: ["a", "b"], user: "manager" });
  });

  it("answers bad input with 400 and issues in the caller's language", async () => {
    session.user = as("manager");
    const en = await readThing(req("GET", "/api/t?n=zero", { headers: { "accept-language": "en-US" } }), ctx());
    expect(en.status).toBe(400);
    const body = await json(en);
    expect(body.error?.code).toBe("VALIDATION");
    expect(body.error?.message).toMatch(/^Invalid input/);
    expect(body.error?.issues).toEqual([expect.objectContaining({ path: "n" })]);
    const zh = await readThing(req("GET", "/api/t", { headers: { cookie: "gw_locale=zh-CN" } }), ctx());
    expect((await json(zh)).error?.message).toMatch(/^输入无效/);
  });

  it("rejects bad params, malformed JSON and non-JSON bodies with 4xx, never 500", async () => {
    session.user = as("admin");
    const h = { origin: ORIGIN };
    expect((await controlThing(req("POST", "/api/d/x/c", { body: { attrs: {} }, headers: h }), ctx({ did: "x" }))).status).toBe(400);
    expect((await controlThing(req("POST", "/api/d/dev/c", { body: "{not json", headers: h }), ctx({ did: "dev" }))).status).toBe(400);
    const form = await controlThing(
      req("POST", "/api/d/dev/c", { body: "attrs=1", headers: { ...h, "content-type": "application/x-www-form-urlencoded" } }),
      ctx({ did: "dev" }),
    );
    expect(form.status).toBe(415);
    expect((await controlThing(req("POST", "/api/d/dev/c", { headers: h }), ctx({ did: "dev" }))).status).toBe(400);
  });
});

describe("defineRoute: responses", () => {
  it("maps AppError and hides unknown errors behind a 500 without their text", async () => {
    session.user = as("manager");
    const quota = defineRoute({ permission: "read" }, () => {
      throw new AppError("QUOTA_EXHAUSTED", { en: "Quota used up", "zh-CN": "配额用完" }, { retryAfter: 42 });
    });
    const r1 = await quota(req("GET", "/api/q", { headers: { cookie: "gw_locale=zh-CN" } }), ctx());
    expect(r1.status).toBe(429);
    expect(r1.headers.get("retry-after")).toBe("42");
    expect((await json(r1)).error?.message).toBe("配额用完");

    const boom = defineRoute({ permission: "read" }, async () => {
      throw new Error("connect ECONNREFUSED secret-host");
    });
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const r2 = await boom(req("GET", "/api/b"), ctx());
    quiet.mockRestore();
    expect(r2.status).toBe(500);
    expect(await r2.text()).not.toContain("secret-host");
  });

  it("reports upstream calls and staleness from the meter, and no-store on every answer", async () => {
    session.user = as("manager");
    const route = defineRoute({ permission: "read" }, async () => {
      countUpstreamCall();
      countUpstreamCall();
      markStale(1_700_000_000_000);
      return [1, 2];
    });
    const res = await route(req("GET", "/api/m"), ctx());
    expect(res.headers.get("x-upstream-calls")).toBe("2");
    expect(res.headers.get("x-console-stale")).toBe("1700000000000");
    expect(res.headers.get("cache-control")).toBe("private, no-store");

    // Server-Timing says how long the console took, a slow handler included.
    const slow = defineRoute({ permission: "read" }, async () => {
      await new Promise((r) => setTimeout(r, 30));
      return 1;
    });
    const timing = (await slow(req("GET", "/api/s"), ctx())).headers.get("server-timing") ?? "";
    expect(timing).toMatch(/^app;dur=\d+\.\d{2}$/);
    expect(Number(timing.slice("app;dur=".length))).toBeGreaterThanOrEqual(29);

    const failing = defineRoute({ permission: "read" }, async () => {
      countUpstreamCall();
      throw new AppError("UPSTREAM", { en: "x", "zh-CN": "x" }, { upstreamCode: 9004 });
    });
    const res2 = await failing(req("GET", "/api/m"), ctx());
    expect(res2.headers.get("x-upstream-calls")).toBe("1");
    expect(res2.headers.get("cache-control")).toBe("private, no-store");
  });

  it("passes a handler's own Response through (e.g. CSV) with 204 for no content", async () => {
    session.user = as("manager");
    const csv = defineRoute(
      { permission: "read" },
      () => new Response("a,b\r\n", { headers: { "content-type": "text/csv", "cache-control": "public, max-age=60" } }),
    );
    const res = await csv(req("GET", "/api/c"), ctx());
    expect(await res.text()).toBe("a,b\r\n");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const empty = defineRoute({ permission: "read" }, () => undefined);
    expect((await empty(req("GET", "/api/e"), ctx())).status).toBe(204);
    const redirect = defineRoute({ permission: "read" }, () => Response.redirect("http://console.test/x", 302));
    expect((await redirect(req("GET", "/api/r"), ctx())).headers.get("cache-control")).toBe("private, no-store");
  });
});
