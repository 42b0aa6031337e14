import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readBoundSearch, readRegisteredSearch } from "../plain/users";
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

describe("users page URL in the browser (zod-free)", () => {
  // The reference: keep each parameter its zod field accepts, then parse with the schema's defaults.
  const viaZod = <S extends typeof registeredSearchSchema | typeof boundSearchSchema>(
    schema: S,
    sp: URLSearchParams,
    extra: Record<string, string>,
  ) => {
    const valid: Record<string, string> = { ...extra };
    const shape = schema.shape as Record<string, { safeParse: (v: unknown) => { success: boolean } }>;
    for (const key of Object.keys(shape)) {
      const raw = sp.get(key);
      if (raw === null || raw === "" || key in extra) continue;
      if (shape[key]!.safeParse(raw).success) valid[key] = raw;
    }
    return schema.parse(valid);
  };
  const values = fc.oneof(
    fc.constantFrom(
      "",
      " ",
      "1",
      "0",
      "-1",
      "20",
      "50",
      "100",
      "7",
      "1e2",
      " 3 ",
      "uid",
      "did",
      "mac",
      "phone",
      "email",
      "username",
      "device_sn",
    ),
    fc.constantFrom("app-1", "app 1", " app_2 ", "a".repeat(64), "a".repeat(65), "b".repeat(128), "b".repeat(129), "1000001"),
    fc.string({ maxLength: 8 }),
  );
  const keys = ["type", "val", "username", "phone", "email", "appid", "gid", "page", "page_size", "product", "other"];
  it("reads the registered-users search as registeredSearchSchema would", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), values), (params) => {
        const sp = new URLSearchParams(params);
        expect(readRegisteredSearch(sp, "pk")).toEqual(viaZod(registeredSearchSchema, sp, { product: "pk" }));
      }),
      { numRuns: 1500 },
    );
  });
  it("reads the bound-users search as boundSearchSchema would", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), values), (params) => {
        const sp = new URLSearchParams(params);
        expect(readBoundSearch(sp)).toEqual(viaZod(boundSearchSchema, sp, {}));
      }),
      { numRuns: 1500 },
    );
  });
});
