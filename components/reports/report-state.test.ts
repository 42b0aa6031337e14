import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-client";
import { reportUnavailable } from "./report-state";

describe("reportUnavailable", () => {
  it("tells a report not generated yet (5014) from one not offered or not enabled", () => {
    expect(reportUnavailable(new ApiError(404, "NOT_FOUND", "x", 5014))).toBe("notGenerated");
    expect(reportUnavailable(new ApiError(404, "NOT_FOUND", "x"))).toBe("notAvailable");
    expect(reportUnavailable(new ApiError(502, "UPSTREAM", "x", 5024))).toBe("notEnabled");
    expect(reportUnavailable(new ApiError(403, "UPSTREAM", "x", 5018))).toBe("notEnabled");
  });

  it("leaves real failures to the error state", () => {
    expect(reportUnavailable(new ApiError(404, "NOT_FOUND", "product", 5015))).toBeNull();
    expect(reportUnavailable(new ApiError(429, "QUOTA_EXHAUSTED", "quota", undefined, 60))).toBeNull();
    expect(reportUnavailable(new ApiError(502, "UPSTREAM_UNAVAILABLE", "down"))).toBeNull();
    expect(reportUnavailable(new Error("network"))).toBeNull();
  });
});
