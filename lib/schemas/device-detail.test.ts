import { describe, expect, it } from "vitest";
import { cmdQuerySchema, macFromParam, windowQuerySchema } from "./device-detail";

describe("macFromParam", () => {
  it("reads a MAC with or without separators and never mistakes a did for one", () => {
    expect(macFromParam("AC:CF:23:00:11:22")).toBe("accf23001122");
    expect(macFromParam("accf23001122")).toBe("accf23001122");
    expect(macFromParam("virtual:site")).toBe("virtual:site");
    expect(macFromParam("jaUHdkYkSocBhE2xspYM5k")).toBeNull();
    expect(macFromParam("accf2300112")).toBeNull();
  });
});

describe("route inputs", () => {
  it("refuses history windows longer than two days or reversed", () => {
    expect(windowQuerySchema.safeParse({ start: "100", end: String(100 + 2 * 86_400) }).success).toBe(true);
    expect(windowQuerySchema.safeParse({ start: "100", end: String(101 + 2 * 86_400) }).success).toBe(false);
    expect(windowQuerySchema.safeParse({ start: "200", end: "100" }).success).toBe(false);
  });
  it("pages the cmd log by skip or context, not both", () => {
    expect(cmdQuerySchema.safeParse({ start: "1", end: "2", context: "abc" }).success).toBe(true);
    expect(cmdQuerySchema.safeParse({ start: "1", end: "2", skip: "20", context: "abc" }).success).toBe(false);
  });
});
