import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/auth/session";
import { useThrowawayDatabase } from "@/server/db/testing";

useThrowawayDatabase();

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => session.user }));

const { closeDb, db, accounts } = await import("@/server/db");
const { GET, POST } = await import("./route");
const { DELETE } = await import("./[id]/route");

const alice: SessionUser = { id: "u-alice", username: "alice", name: "Alice", role: "manager" };
const bob: SessionUser = { id: "u-bob", username: "bob", name: "Bob", role: "operator" };

beforeAll(async () => {
  const d = await db();
  for (const u of [alice, bob])
    await d
      .insert(accounts)
      .values({ id: u.id, username: u.username, name: u.name, role: u.role, passwordHash: "x" })
      .onConflictDoNothing();
});
afterAll(() => closeDb());

const ORIGIN = "http://console.test";
const noParams = { params: Promise.resolve({}) };
function req(method: string, path: string, body?: unknown) {
  return new NextRequest(`${ORIGIN}${path}`, {
    method,
    headers: { host: "console.test", ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
async function list(user: SessionUser) {
  session.user = user;
  const res = await GET(req("GET", "/api/saved-views?page=devices"), noParams);
  expect(res.status).toBe(200);
  return ((await res.json()) as { views: { id: string; name: string; query: string }[] }).views;
}

describe("saved views", () => {
  it("keeps each user's views to themselves and replaces a view saved under the same name", async () => {
    session.user = alice;
    const first = await POST(
      req("POST", "/api/saved-views", {
        page: "devices",
        name: "Online in Guangdong",
        query: "?is_online=1&country=China&region=Guangdong",
      }),
      noParams,
    );
    expect(first.status).toBe(200);
    expect(((await first.json()) as { query: string }).query).toBe("is_online=1&country=China&region=Guangdong");
    await POST(req("POST", "/api/saved-views", { page: "devices", name: "Online in Guangdong", query: "is_online=1" }), noParams);

    const mine = await list(alice);
    expect(mine.map((v) => [v.name, v.query])).toEqual([["Online in Guangdong", "is_online=1"]]);
    expect(await list(bob)).toEqual([]);
  });

  it("lets only the owner delete a view", async () => {
    const [view] = await list(alice);
    session.user = bob;
    const denied = await DELETE(req("DELETE", `/api/saved-views/${view!.id}`), { params: Promise.resolve({ id: view!.id }) });
    expect(denied.status).toBe(404);
    expect(await list(alice)).toHaveLength(1);

    session.user = alice;
    const ok = await DELETE(req("DELETE", `/api/saved-views/${view!.id}`), { params: Promise.resolve({ id: view!.id }) });
    expect(ok.status).toBe(204);
    expect(await list(alice)).toEqual([]);
  });

  it("answers bad input with a 400 in the caller's language", async () => {
    session.user = alice;
    const blank = await POST(req("POST", "/api/saved-views", { page: "devices", name: "   ", query: "" }), noParams);
    expect(blank.status).toBe(400);
    const otherPage = await GET(req("GET", "/api/saved-views?page=nope"), noParams);
    expect(otherPage.status).toBe(400);
    const unauth = async () => {
      session.user = null;
      return GET(req("GET", "/api/saved-views?page=devices"), noParams);
    };
    expect((await unauth()).status).toBe(401);
  });
});
