import { describe, expect, it } from "vitest";
import { checks, guarded, searchVal } from "./guards";
import { accountIdSchema, boundedDateSchema, didOrMacSchema, didSchema, gidSchema, macSchema, productKeySchema } from "./ids";
import { findUnsafeText, safeText, unsafeTextReason } from "./safe-text";
import { z } from "zod";

describe("safe text", () => {
  it("refuses NUL, lone surrogates and control characters; tab and newline only where multi-line", () => {
    for (const bad of ["a\u0000", "\uD800", "x\uDC00y", "a\u0007", "\u001b[31m", "a\u0085"]) expect(unsafeTextReason(bad)).not.toBeNull();
    expect(unsafeTextReason("line\nnext")).not.toBeNull();
    expect(unsafeTextReason("line\nnext\tcol", { multiline: true })).toBeNull();
    expect(unsafeTextReason("智能空调 😀 ok")).toBeNull();
    expect(safeText({ max: 5 }).safeParse("  abc  ").data).toBe("abc");
    expect(safeText({ max: 5 }).safeParse("abcdef").success).toBe(false);
    expect(findUnsafeText({ a: [{ b: "x\u0000" }] })?.path).toBe("a.0.b");
    expect(findUnsafeText({ "k\u0000": 1 })).not.toBeNull();
  });
});

describe("id shapes", () => {
  it("takes the shapes the upstream uses and nothing else", () => {
    expect(didSchema.safeParse("jaUHdkYkSocBhE2xspYM5k").success).toBe(true);
    for (const bad of ["<script>", "a\r\nb", "jaUHdkYkSocBhE2xspYM5", "jaUHdkYkSocBhE2xspYM5k_", "%zz"])
      expect(didSchema.safeParse(bad).success).toBe(false);
    expect(macSchema.parse("AC:CF:23:00:11:22")).toBe("accf23001122");
    expect(macSchema.safeParse("zz:zz:zz:zz:zz:zz").success).toBe(false);
    expect(didOrMacSchema.parse("virtual:site")).toBe("virtual:site");
    expect(gidSchema.parse("C8E4B5634B047DC495BE4A05A39D02A3")).toBe("c8e4b5634b047dc495be4a05a39d02a3");
    expect(gidSchema.safeParse("g1").success).toBe(false);
    expect(productKeySchema.safeParse("6f2e214bf2d79649232431b94a25f46a").success).toBe(true);
    expect(accountIdSchema.safeParse("a\u0000").success).toBe(false);
  });

  it("bounds dates to what the database holds", () => {
    for (const bad of ["0000-01-01", "+275760-09-13T00:00:00Z", "not a date"]) expect(boundedDateSchema.safeParse(bad).success).toBe(false);
    expect(boundedDateSchema.safeParse("2026-03-01").success).toBe(true);
    expect(checks.day("2026-02-30", {})).not.toBeNull();
    expect(checks.period("2026-54", { cycle: "week" })).not.toBeNull();
    expect(checks.period("2026-12", { cycle: "month" })).toBeNull();
  });

  it("guards a route's schema without changing what it produces", () => {
    const s = guarded(z.object({ type: z.string().optional(), val: z.string().trim().optional(), n: z.coerce.number() }), {
      val: searchVal("mac"),
    });
    expect(s.parse({ val: " AC:CF:23:00:11:22 ", n: "2" })).toEqual({ val: "AC:CF:23:00:11:22", n: 2 });
    expect(s.safeParse({ val: "<script>", n: "2" }).success).toBe(false);
    expect(s.safeParse({ type: "did", val: "accf23001122", n: "2" }).success).toBe(false);
  });
});
