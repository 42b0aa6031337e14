import { describe, expect, it } from "vitest";
import { can, type ROLES } from "@/lib/roles";
import { isActive, NAV_ITEMS } from "./nav-items";

describe("navigation", () => {
  it("shows Audit to admins only, everything else (Settings included: capabilities; Jobs: reading) to every role", () => {
    const visible = (role: (typeof ROLES)[number]) => NAV_ITEMS.filter((i) => can(role, i.permission)).map((i) => i.href);
    const base = ["/", "/devices", "/groups", "/jobs", "/users", "/reports"];
    expect(visible("manager")).toEqual([...base, "/settings"]);
    expect(visible("operator")).toEqual([...base, "/settings"]);
    expect(visible("ops")).toEqual([...base, "/settings"]);
    expect(visible("admin")).toEqual([...base, "/audit", "/settings"]);
  });
  it("marks a section active for its sub-pages, and Overview only for /", () => {
    expect(isActive("/", "/")).toBe(true);
    expect(isActive("/", "/devices")).toBe(false);
    expect(isActive("/settings", "/settings/accounts")).toBe(true);
    expect(isActive("/devices", "/devices/abc")).toBe(true);
    expect(isActive("/users", "/usersx")).toBe(false);
  });
});
