import { describe, expect, it } from "vitest";
import { canarySize } from "@/lib/schemas/jobs";
import { estimateDurationMs, pathCalls, planBatches, thresholdExceeded } from "./plan";

describe("planBatches", () => {
  it("a canary of 1 % (at least one device), then batches of the chosen size", () => {
    expect(planBatches(500, 1, 100)).toEqual([5, 100, 100, 100, 100, 95]);
    expect(planBatches(30, 1, 10)).toEqual([1, 10, 10, 9]);
    expect(planBatches(1, 1, 10)).toEqual([1]);
    expect(planBatches(0, 1, 10)).toEqual([]);
    expect(canarySize(10, 0)).toBe(1);
    expect(canarySize(3, 100)).toBe(3);
  });
  it("covers every device exactly once", () => {
    for (const [n, c, b] of [
      [1234, 1, 50],
      [7, 50, 2],
      [300, 5, 1000],
    ] as const)
      expect(planBatches(n, c, b).reduce((x, y) => x + y, 0)).toBe(n);
  });
});

describe("thresholdExceeded", () => {
  it("stops when failures pass the percent of attempted devices, not at it", () => {
    expect(thresholdExceeded(1, 10, 10)).toBe(false);
    expect(thresholdExceeded(2, 10, 10)).toBe(true);
    expect(thresholdExceeded(1, 1, 0)).toBe(true);
    expect(thresholdExceeded(0, 0, 0)).toBe(false);
  });
});

describe("preview cost and duration", () => {
  it("Enterprise: a control and a read-back per device; Open API: binds, four calls per batch, reads", () => {
    expect(pathCalls({ toSend: 500, batches: 6, readBack: true, openApi: true })).toEqual({
      enterprise: 1000,
      openapi: 1 + 500 + 24 + 500,
    });
    expect(pathCalls({ toSend: 500, batches: 6, readBack: false, openApi: false })).toEqual({ enterprise: 500, openapi: null });
  });
  it("calls beyond the quota above the reserve wait for the next hourly window", () => {
    const now = 1_000_000_000_000;
    const resetAt = now / 1000 + 1800;
    const q = { limit: 3600, remaining: 1300, resetAt, reserved: 300 };
    // 1000 calls fit above the reserve: call speed.
    expect(estimateDurationMs("enterprise", { enterprise: 1000, openapi: null }, q, now)).toBe(1000 * 200);
    // 1001 do not: the last call waits for the reset.
    expect(estimateDurationMs("enterprise", { enterprise: 1001, openapi: null }, q, now)).toBeGreaterThanOrEqual(1800 * 1000);
    // The Open API path spends no Enterprise quota.
    expect(estimateDurationMs("openapi_group", { enterprise: 5000, openapi: 100 }, { ...q, remaining: 0 }, now)).toBe(100 * 200);
  });
});
