import { describe, expect, it } from "vitest";
import { cn, variants } from "./cn";

describe("variants", () => {
  const v = variants("base", {
    variants: { tone: { a: "ta", b: "tb" }, size: { s: "ss", m: "sm" } },
    defaults: { tone: "a", size: "m" },
  });
  it("applies defaults, overrides and extra classes", () => {
    expect(v()).toBe("base ta sm");
    expect(v({ tone: "b" })).toBe("base tb sm");
    expect(v({ size: "s", className: "x" })).toBe("base ta ss x");
  });
  it("cn drops falsy values", () => {
    expect(cn("a", false, null, undefined, { b: true, c: false })).toBe("a b");
  });
});
