import { expect, signInThroughUi, test } from "./fixtures";

/**
 * The fast lane (server/http/fast-lane.ts) against the real build: once Next has served a read,
 * the request guard hands the route's next reads to the same handler without Next's router. The
 * answers must be the ones Next gives, and every check must still run.
 */

/** Headers that differ between two answers for reasons other than the lane. */
const PER_ANSWER = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "x-upstream-calls",
  "x-console-lane",
  "server-timing",
]);

test.describe("fast lane", () => {
  test("answers a repeated read itself, with Next's status, body and headers", async ({ asRole }) => {
    const page = await asRole("manager");
    const [first] = (await (await page.request.get("/api/products")).json()) as { productKey: string }[];
    const url = `/api/products/${first!.productKey}/devices/search?page=1`;
    await page.request.get(url);
    // X-Console-Lane: off asks for Next's own answer.
    const viaNext = await page.request.get(url, { headers: { "X-Console-Lane": "off" } });
    const viaLane = await page.request.get(url);
    expect(viaNext.status()).toBe(200);
    expect(viaNext.headers()["x-console-lane"]).toBeUndefined();
    expect(viaLane.status()).toBe(200);
    expect(viaLane.headers()["x-console-lane"]).toBe("fast");
    expect(await viaLane.json()).toEqual(await viaNext.json());
    const names = (h: Record<string, string>) =>
      Object.keys(h)
        .filter((k) => !PER_ANSWER.has(k))
        .sort();
    expect(names(viaLane.headers())).toEqual(names(viaNext.headers()));
    for (const k of names(viaNext.headers())) expect(viaLane.headers()[k], k).toBe(viaNext.headers()[k]);
    for (const r of [viaNext, viaLane]) expect(r.headers()["server-timing"]).toMatch(/^app;dur=\d+\.\d{2}$/);
  });

  test("still refuses a signed-out caller, a role without the permission and bad input", async ({ asRole, playwright, baseURL }) => {
    const admin = await asRole("admin");
    const manager = await asRole("manager");
    // Teach the lane the routes: the admin reads the audit log, the manager searches devices.
    expect((await admin.request.get("/api/audit?page=1")).status()).toBe(200);
    const [first] = (await (await manager.request.get("/api/products")).json()) as { productKey: string }[];
    const search = `/api/products/${first!.productKey}/devices/search`;
    expect((await manager.request.get(`${search}?page=2`)).status()).toBe(200);

    const forbidden = await manager.request.get("/api/audit?page=1");
    expect(forbidden.status()).toBe(403);
    expect(forbidden.headers()["x-console-lane"]).toBe("fast");
    const invalid = await manager.request.get(`${search}?page=0`);
    expect(invalid.status()).toBe(400);
    expect(invalid.headers()["x-console-lane"]).toBe("fast");

    const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "Accept-Language": "zh-CN" } });
    const signedOut = await anonymous.get(`${search}?page=2`);
    expect(signedOut.status()).toBe(401);
    expect(signedOut.headers()["x-console-lane"]).toBe("fast");
    expect(((await signedOut.json()) as { error: { message: string } }).error.message).toMatch(/登录/);
    await anonymous.dispose();
  });

  test("a disabled account loses access through the lane at once", async ({ asRole, browser, baseURL }) => {
    const admin = await asRole("admin");
    const username = `lane-${Date.now().toString(36)}`;
    const password = "lane-probe-2026";
    const created = await admin.request.post("/api/admin/accounts", { data: { username, name: "Lane Probe", role: "manager", password } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const ctx = await browser.newContext({ baseURL, locale: "en-US" });
    const page = await ctx.newPage();
    await signInThroughUi(page, username, password);
    await expect(page).not.toHaveURL(/\/signin/);
    expect((await page.request.get("/api/quota")).status()).toBe(200);
    const before = await page.request.get("/api/quota");
    expect(before.status()).toBe(200);
    expect(before.headers()["x-console-lane"]).toBe("fast");

    expect((await admin.request.patch(`/api/admin/accounts/${id}`, { data: { disabled: true } })).status()).toBe(200);
    const after = await page.request.get("/api/quota");
    expect(after.status()).toBe(401);
    expect(after.headers()["x-console-lane"]).toBe("fast");
    await ctx.close();
  });
});
