/**
 * Role matrix: every route handler under app/api (found on disk, so routes added later are
 * covered without touching this file) × every exported method × every role, anonymous included.
 * The session is stubbed at getSessionUser; upstream traffic goes to the shared test emulator
 * through node:http, whose request() is watched, so "denied" can be checked as "no upstream call
 * at all".
 */
import { readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type Role } from "@/lib/roles";
import type { SessionUser } from "@/server/auth/session";
import { useThrowawayDatabase } from "@/server/db/testing";
import { emulator } from "@/server/gizwits/test/emulator";

const emu = emulator();
emu.useEnv();
useThrowawayDatabase();

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", async (orig) => ({ ...(await orig<object>()), getSessionUser: async () => session.user }));

// Every upstream call goes out through node:http (server/gizwits/http.ts): watched, not replaced.
const upstreamRequests = vi.spyOn(http, "request");
const upstreamCalls = () => upstreamRequests.mock.calls.map((c) => String(c[0]));

const { auditLog, closeDb, db } = await import("@/server/db");
const { count, eq } = await import("drizzle-orm");

beforeAll(() => db());
afterAll(() => closeDb());

/** Routes that are public by design and do not go through defineRoute. */
const PUBLIC_ROUTES = new Set(["auth/[...nextauth]/route.ts", "health/route.ts"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const ORIGIN = "http://console.test";

const apiDir = import.meta.dirname;
const routeFiles = readdirSync(apiDir, { recursive: true, encoding: "utf8" })
  .map((f) => f.split(path.sep).join("/"))
  .filter((f) => /(^|\/)route\.ts$/.test(f))
  .sort();

function samplePath(file: string): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segments = file
    .replace(/(^|\/)route\.ts$/, "")
    .split("/")
    .filter(Boolean)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => {
      const catchAll = /^\[\[?\.\.\.(\w+)\]?\]$/.exec(s);
      if (catchAll) {
        params[catchAll[1]!] = ["sample", "path"];
        return "sample/path";
      }
      const dyn = /^\[(\w+)\]$/.exec(s);
      if (dyn) {
        params[dyn[1]!] = "sample";
        return "sample";
      }
      return s;
    });
  return { url: `/api/${segments.join("/")}`, params };
}

function request(method: string, url: string): NextRequest {
  const product = emu.tenant.products[0]!.product_key;
  const write = method !== "GET";
  return new NextRequest(`${ORIGIN}${url}?product=${product}`, {
    method,
    headers: { host: "console.test", "accept-language": "en", ...(write ? { origin: ORIGIN, "content-type": "application/json" } : {}) },
    body: write ? "{}" : undefined,
  });
}

type Handler = ((req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  permission?: unknown;
};
const roles: (Role | null)[] = [null, ...ROLES];
const user = (role: Role): SessionUser => ({ id: `matrix-${role}`, username: `matrix-${role}`, name: role, role });

async function deniedCount(): Promise<number> {
  const [row] = await (await db()).select({ n: count() }).from(auditLog).where(eq(auditLog.status, "denied"));
  return row?.n ?? 0;
}

describe("role matrix", () => {
  it("finds the API routes on disk", () => {
    expect(routeFiles).toContain("auth/[...nextauth]/route.ts");
    expect(routeFiles.length).toBeGreaterThan(PUBLIC_ROUTES.size);
  });

  it("sees the upstream calls an allowed read makes (so an empty list below means none)", async () => {
    const mod = (await import(path.join(apiDir, "products/[pk]/devices/search/route.ts"))) as Record<string, Handler>;
    session.user = user("admin");
    upstreamRequests.mockClear();
    const pk = emu.tenant.products[0]!.product_key;
    const res = await mod.GET!(
      new NextRequest(`${ORIGIN}/api/products/${pk}/devices/search?page=3&page_size=20`, { headers: { host: "console.test" } }),
      {
        params: Promise.resolve({ pk }),
      },
    );
    expect(res.status).toBe(200);
    expect(upstreamCalls().some((u) => u.includes(`/products/${pk}/devices`))).toBe(true);
  });

  for (const file of routeFiles) {
    if (PUBLIC_ROUTES.has(file)) continue;
    it(`${file}: every method declares a permission and enforces it for every role`, { timeout: 120_000 }, async () => {
      const mod = (await import(path.join(apiDir, file))) as Record<string, unknown>;
      const methods = METHODS.filter((m) => typeof mod[m] === "function");
      expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
      const { url, params } = samplePath(file);
      for (const method of methods) {
        const handler = mod[method] as Handler;
        // Deny by default: a handler not built with defineRoute has no permission and fails here.
        expect(Object.keys(PERMISSIONS), `${method} ${url} must be built with defineRoute`).toContain(handler.permission);
        const permission = handler.permission as Permission;
        for (const role of roles) {
          session.user = role ? user(role) : null;
          upstreamRequests.mockClear();
          const deniedBefore = await deniedCount();
          const res = await handler(request(method, url), { params: Promise.resolve(params) });
          const who = `${method} ${url} as ${role ?? "anonymous"} (needs ${permission})`;
          expect(res.headers.get("cache-control"), who).toBe("private, no-store");
          if (role === null) {
            expect(res.status, who).toBe(401);
            expect(upstreamCalls(), who).toEqual([]);
          } else if (!can(role, permission)) {
            expect(res.status, who).toBe(403);
            expect(upstreamCalls(), who).toEqual([]);
            if (method !== "GET") expect(await deniedCount(), `${who}: denied write audited`).toBe(deniedBefore + 1);
          } else {
            expect([401, 403], `${who}: ${res.status} ${await res.clone().text()}`).not.toContain(res.status);
          }
          await res.body?.cancel();
        }
      }
    });
  }
});
