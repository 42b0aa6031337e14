import { describe, expect, it } from "vitest";
import { quotaLevel } from "./quota-meter";

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
});
