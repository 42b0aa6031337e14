import { describe, expect, it } from "vitest";
import { can, ROLES } from "./roles";

describe("can", () => {
  it("denies anonymous callers everything", () => {
    expect(can(null, "read")).toBe(false);
    expect(can(undefined, "control")).toBe(false);
  });
  it("follows the role ladder", () => {
    expect(can("manager", "read")).toBe(true);
    expect(can("manager", "groups:write")).toBe(false);
    expect(can("operator", "bindings:write")).toBe(true);
    expect(can("operator", "control")).toBe(false);
    expect(can("ops", "control")).toBe(true);
    expect(can("ops", "admin")).toBe(false);
    for (const r of ROLES) expect(can("admin", "read") && can(r, "read")).toBe(true);
  });
});
