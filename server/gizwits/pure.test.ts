import { createServer, type AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeQuery, cacheKey, TTL } from "./cache";
import { historyTtl, historyWindows, validateHistoryQuery, HISTORY_WINDOW_SEC } from "./history";
import { parseRateLimit } from "./quota";
import { redactHeaders, redactText, redactUrl } from "./redact";
import { isoWeekKey, reportTtl } from "./reports";
import { backoffDelay } from "./retry";
import { usableUntil } from "./token";

beforeAll(async () => {
  process.env.CONSOLE_TIMEZONE = "Asia/Shanghai";
  // A loopback port that was just free: nothing listens, connections are refused at once.
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  process.env.GIZWITS_API_BASE = `http://127.0.0.1:${port}`;
  process.env.GIZWITS_ENTERPRISE_ID ??= "eid";
  process.env.GIZWITS_ENTERPRISE_SECRET ??= "esecret";
  process.env.GIZWITS_PRODUCTS ??= "pk:psecret";
  process.env.NEXTAUTH_SECRET ??= "a-test-secret-of-length";
});

describe("cache keys", () => {
  it("are the same whatever the query order, and drop empty values", () => {
    const a = cacheKey("pk", "GET", "/p", normalizeQuery({ b: 2, a: "x", c: undefined, d: null, e: "" }));
    const b = cacheKey("pk", "GET", "/p", normalizeQuery({ a: "x", b: 2 }));
    expect(a).toBe(b);
    expect(cacheKey("pk2", "GET", "/p", normalizeQuery({ a: "x", b: 2 }))).not.toBe(a);
  });

  it("send booleans as 1/0 like the API's integer flags", () => {
    expect(normalizeQuery({ is_online: true, is_alert: false })).toEqual([
      ["is_alert", "0"],
      ["is_online", "1"],
    ]);
  });
});

describe("rate-limit headers", () => {
  it("reads the documented headers and tolerates deltas and milliseconds", () => {
    const now = Math.floor(Date.now() / 1000);
    expect(
      parseRateLimit(new Headers({ "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "56", "X-RateLimit-Reset": "1372700873" })),
    ).toEqual({ limit: 60, remaining: 56, resetAt: 1372700873 });
    expect(
      parseRateLimit(new Headers({ "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "1", "X-RateLimit-Reset": "1372700873000" }))
        ?.resetAt,
    ).toBe(1372700873);
    const delta = parseRateLimit(
      new Headers({ "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "1", "X-RateLimit-Reset": "30" }),
    )!.resetAt;
    expect(delta - now).toBeGreaterThanOrEqual(29);
    expect(delta - now).toBeLessThanOrEqual(31);
    expect(parseRateLimit(new Headers({ "X-RateLimit-Limit": "60" }))).toBeNull();
  });
});

describe("token lifetime", () => {
  it("renews 10 minutes before a 7-day token expires, and halfway through a short one", () => {
    const now = 1_700_000_000_000;
    expect(usableUntil(now / 1000 + 7 * 86400, now)).toBe(now + 7 * 86400_000 - 600_000);
    expect(usableUntil(now / 1000 + 60, now)).toBe(now + 30_000);
  });
});

describe("retry backoff", () => {
  it("waits a random time below a growing cap", () => {
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(400);
    expect(backoffDelay(1, () => 0.999)).toBeLessThan(800);
    expect(backoffDelay(5, () => 0.999)).toBeLessThan(2000);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });
});

describe("history windows", () => {
  it("refuses ranges Gizwits would reject before spending a call", () => {
    expect(() => validateHistoryQuery({ startTs: 0, endTs: HISTORY_WINDOW_SEC + 1 })).toThrow(/2 days/);
    expect(() => validateHistoryQuery({ startTs: 10, endTs: 5 })).toThrow(/after its start/);
    expect(() => validateHistoryQuery({ limit: 101 })).toThrow(/between 1 and 100/);
    expect(() => validateHistoryQuery({ skip: 20, context: "c" })).toThrow(/not both/);
    expect(() => validateHistoryQuery({ startTs: 0, endTs: HISTORY_WINDOW_SEC, limit: 100 })).not.toThrow();
  });

  it("splits a long range into consecutive 2-day windows", () => {
    const d = 86400;
    expect(historyWindows(0, 5 * d)).toEqual([
      [0, 2 * d],
      [2 * d, 4 * d],
      [4 * d, 5 * d],
    ]);
    expect(historyWindows(0, 0)).toEqual([]);
  });

  it("caches closed windows long and open ones briefly", () => {
    const now = 1_700_000_000_000;
    expect(historyTtl(now / 1000 - 3600, now)).toBe(TTL.historyClosed);
    expect(historyTtl(now / 1000 - 10, now)).toBe(TTL.historyOpen);
    expect(historyTtl(undefined, now)).toBe(TTL.historyOpen);
  });
});

describe("report periods", () => {
  it("computes ISO weeks", () => {
    expect(isoWeekKey("2024-01-01")).toBe("2024-01");
    expect(isoWeekKey("2021-01-03")).toBe("2020-53");
    expect(isoWeekKey("2024-12-30")).toBe("2025-01");
  });

  it("caches closed periods for hours and the current one for minutes, in the console's time zone", () => {
    // 2024-05-01 17:00 UTC is already 2024-05-02 01:00 in Shanghai.
    const now = Date.UTC(2024, 4, 1, 17);
    expect(reportTtl("2024-05-01", "date", now)).toBe(TTL.reportClosed);
    expect(reportTtl("2024-05-02", "date", now)).toBe(TTL.reportCurrent);
    expect(reportTtl("2024-04", "month", now)).toBe(TTL.reportClosed);
    expect(reportTtl("2024-05", "month", now)).toBe(TTL.reportCurrent);
    expect(reportTtl("2024-17", "week", now)).toBe(TTL.reportClosed);
    expect(reportTtl("2024-18", "week", now)).toBe(TTL.reportCurrent);
  });
});

describe("unreachable upstream", () => {
  it("reports Gizwits as unavailable and charges no quota for connections that were refused", async () => {
    const { getDeviceDetail } = await import("./devices");
    const { quotaStatus, resetGizwitsState } = await import("./client");
    resetGizwitsState();
    const before = quotaStatus().remaining;
    await expect(getDeviceDetail("pk", "aa")).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE", status: 502 });
    expect(quotaStatus().remaining).toBe(before);
  });
});

describe("redaction", () => {
  it("hides secret-looking parameters, headers and known secret values", () => {
    expect(redactUrl("/v1/users/location?product_secret=abc&x=1")).toBe("/v1/users/location?product_secret=%5Bredacted%5D&x=1");
    expect(redactHeaders({ Authorization: "token t", "X-Gizwits-Enterprise-Secret": "s", Accept: "a" })).toEqual({
      Authorization: "[redacted]",
      "X-Gizwits-Enterprise-Secret": "[redacted]",
      Accept: "a",
    });
    expect(redactText("connect failed for db2ac98200824181", ["db2ac98200824181"])).toBe("connect failed for [redacted]");
  });
});
