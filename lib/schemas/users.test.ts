import { describe, expect, it } from "vitest";
import {
  bindingSchema,
  boundSearchSchema,
  MAX_DIDS_PER_BINDING,
  parseDidList,
  registeredCriteria,
  registeredSearchSchema,
  userDisplayName,
} from "./users";

describe("parseDidList", () => {
  it("splits on whitespace, commas and full-width separators, dedupes in order and names bad entries", () => {
    expect(parseDidList("a1B2c3\n d4e5f6,a1B2c3；g7h8，bad!did  ")).toEqual({ dids: ["a1B2c3", "d4e5f6", "g7h8"], invalid: ["bad!did"] });
    expect(parseDidList("  \n ")).toEqual({ dids: [], invalid: [] });
  });
});

describe("bindingSchema", () => {
  it("dedupes dids and enforces 1..MAX_DIDS_PER_BINDING", () => {
    expect(bindingSchema.parse({ uid: "u1", appid: "app", dids: ["d1", "d1", "d2"] }).dids).toEqual(["d1", "d2"]);
    expect(bindingSchema.safeParse({ uid: "u1", appid: "app", dids: [] }).success).toBe(false);
    const many = Array.from({ length: MAX_DIDS_PER_BINDING + 1 }, (_, i) => `d${i}`);
    expect(bindingSchema.safeParse({ uid: "u1", appid: "app", dids: many }).success).toBe(false);
    expect(bindingSchema.safeParse({ uid: "u 1", appid: "app", dids: ["d1"] }).success).toBe(false);
  });
});

describe("search query schemas", () => {
  it("default paging and reject unknown fields and page sizes", () => {
    expect(registeredSearchSchema.parse({ product: "pk" })).toMatchObject({ page: 1, page_size: 20 });
    expect(registeredSearchSchema.safeParse({ product: "pk", type: "uid" }).success).toBe(false);
    expect(boundSearchSchema.safeParse({ type: "did", val: "x", page_size: "7" }).success).toBe(false);
    expect(boundSearchSchema.parse({ type: "mac", val: " AABB ", page: "3" })).toMatchObject({ type: "mac", val: "AABB", page: 3 });
  });
});

describe("registered-user criteria", () => {
  it("combine username, phone and email with the main type/val", () => {
    const q = registeredSearchSchema.parse({ product: "pk", type: "phone", val: "1380", username: "li", email: "x@y" });
    expect(registeredCriteria(q)).toEqual({ phone: "1380", username: "li", email: "x@y" });
    expect(registeredCriteria(registeredSearchSchema.parse({ product: "pk", val: "wang" }))).toEqual({ username: "wang" });
    expect(registeredCriteria(registeredSearchSchema.parse({ product: "pk" }))).toEqual({});
  });
  it("lets bound users be found by device_sn", () => {
    expect(boundSearchSchema.parse({ type: "device_sn", val: "SN-001" })).toMatchObject({ type: "device_sn", val: "SN-001" });
  });
});

describe("userDisplayName", () => {
  it("prefers username, then name, phone, email; null for an anonymous user", () => {
    expect(userDisplayName({ username: null, name: null, phone: "138", email: "a@b" })).toBe("138");
    expect(userDisplayName({ username: null, name: null, phone: null, email: null })).toBeNull();
  });
});
