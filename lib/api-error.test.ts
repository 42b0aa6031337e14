import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, isSchemaError } from "./api-error";

describe("isSchemaError", () => {
  it("recognises the error zod throws for a response that fails its schema, without importing zod", () => {
    let thrown: unknown;
    try {
      z.object({ devices: z.array(z.string()) }).parse({ devices: [1] });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(z.ZodError);
    expect(isSchemaError(thrown)).toBe(true);
  });

  it("does not take an API error, a plain error or a look-alike without issues for one", () => {
    expect(isSchemaError(new ApiError(400, "VALIDATION", "bad"))).toBe(false);
    expect(isSchemaError(new Error("ZodError"))).toBe(false);
    expect(isSchemaError({ name: "ZodError" })).toBe(false);
    expect(isSchemaError(null)).toBe(false);
  });
});
