import { describe, expect, it } from "vitest";
import { nodeHeaders } from "./node-headers";

describe("nodeHeaders", () => {
  it("reads node's header object like Headers.get: any case, repeated values joined, skipped names absent", () => {
    const h = nodeHeaders({ "x-ratelimit-limit": "3600", "set-cookie": ["a=1", "b=2"], connection: "close" }, new Set(["connection"]));
    expect(h.get("X-RateLimit-Limit")).toBe("3600");
    expect(h.get("set-cookie")).toBe("a=1, b=2");
    expect(h.get("Connection")).toBeNull();
    expect(h.get("missing")).toBeNull();
  });
});
