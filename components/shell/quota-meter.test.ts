import { describe, expect, it } from "vitest";
import { quotaFigures, quotaLevel } from "./quota-meter";

const q = (remaining: number, limit = 3600, known = true) => ({ limit, remaining, resetAt: 0, reserved: 300, known });

describe("quotaLevel", () => {
  it("is ok at 20 % or more, low below, out at zero", () => {
    expect(quotaLevel(q(3600))).toBe("ok");
    expect(quotaLevel(q(720))).toBe("ok");
    expect(quotaLevel(q(719))).toBe("low");
    expect(quotaLevel(q(1))).toBe("low");
    expect(quotaLevel(q(0))).toBe("out");
    expect(quotaLevel(q(-3))).toBe("out");
  });
  it("is unknown before the first upstream answer or without data", () => {
    expect(quotaLevel(q(3600, 3600, false))).toBe("unknown");
    expect(quotaLevel(undefined)).toBe("unknown");
    expect(quotaLevel(q(0, 0))).toBe("unknown");
  });
  it("follows the upstream's own figures, and is out while calls are held after a refusal", () => {
    const upstream = { limit: 3600, remaining: 100, resetAt: 0, seenAt: 5 };
    expect(quotaLevel({ ...q(3000), upstream })).toBe("low");
    expect(quotaLevel({ ...q(3000), upstream: { ...upstream, remaining: 3000 }, heldUntil: 10 })).toBe("out");
  });
});

describe("quotaFigures", () => {
  it("shows the upstream's figures with when they were seen, and nothing before any call", () => {
    expect(quotaFigures({ ...q(3598), upstream: { limit: 3600, remaining: 3599, resetAt: 0, seenAt: 42 } })).toEqual({
      limit: 3600,
      remaining: 3599,
      seenAt: 42,
    });
    expect(quotaFigures({ ...q(3600, 3600, false), upstream: null })).toBeNull();
  });
});
