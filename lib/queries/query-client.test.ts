import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "../api-client";
import { makeQueryClient, shouldRetry } from "./query-client";

describe("shouldRetry", () => {
  it("never retries 4xx answers", () => {
    for (const [status, code] of [
      [400, "VALIDATION"],
      [401, "UNAUTHORIZED"],
      [403, "FORBIDDEN"],
      [404, "NOT_FOUND"],
      [429, "QUOTA_EXHAUSTED"],
    ] as const) {
      expect(shouldRetry(0, new ApiError(status, code, "x"))).toBe(false);
    }
  });
  it("never retries a response that failed its schema", () => {
    const r = z.object({ a: z.string() }).safeParse({});
    expect(r.success).toBe(false);
    expect(shouldRetry(0, r.error)).toBe(false);
  });
  it("retries 5xx and network failures twice", () => {
    const e = new ApiError(502, "UPSTREAM_UNAVAILABLE", "x");
    expect(shouldRetry(0, e)).toBe(true);
    expect(shouldRetry(1, e)).toBe(true);
    expect(shouldRetry(2, e)).toBe(false);
    expect(shouldRetry(0, new TypeError("Failed to fetch"))).toBe(true);
  });
});

describe("makeQueryClient", () => {
  it("keeps reads fresh for 30 s and never retries mutations", () => {
    const c = makeQueryClient().getDefaultOptions();
    expect(c.queries?.staleTime).toBe(30_000);
    expect(c.mutations?.retry).toBe(false);
  });
});
