import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

const O = "http://127.0.0.1:3100";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeCallbackPath("/devices?product=abc", O)).toBe("/devices?product=abc");
    expect(safeCallbackPath(`${O}/audit?status=denied#x`, O)).toBe("/audit?status=denied#x");
  });
  it("refuses other origins and protocol-relative tricks", () => {
    expect(safeCallbackPath("https://evil.example/", O)).toBe("/");
    expect(safeCallbackPath("//evil.example/path", O)).toBe("/");
    expect(safeCallbackPath("/\\evil.example", O)).toBe("/");
    expect(safeCallbackPath("javascript:alert(1)", O)).toBe("/");
  });
  it("never loops back to sign-in or into the API", () => {
    expect(safeCallbackPath("/signin?callbackUrl=/x", O)).toBe("/");
    expect(safeCallbackPath("/api/auth/signout", O)).toBe("/");
    expect(safeCallbackPath(null, O)).toBe("/");
    expect(safeCallbackPath("", O)).toBe("/");
  });
});
