import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEVICE_FILTER_KEYS, readDeviceFilter } from "../plain/devices";
import { deviceFilterSchema, deviceSearchQuerySchema, exportCalls, filterEntries, parseSearchParams } from "./devices";

describe("device search URL state", () => {
  it("reads every filter with the API's names", () => {
    const s = parseSearchParams(
      new URLSearchParams(
        "gid=g1&country=China&region=Guangdong&city=Shenzhen&is_online=1&is_faulty=0&is_alert=1&show_disabled=1&liveness_start=2026-05-01&type=uid&val=u1&page=3&page_size=50",
      ),
    );
    expect(s).toEqual({
      gid: "g1",
      country: "China",
      region: "Guangdong",
      city: "Shenzhen",
      is_online: true,
      is_faulty: false,
      is_alert: true,
      show_disabled: true,
      liveness_start: "2026-05-01",
      type: "uid",
      val: "u1",
      page: 3,
      page_size: 50,
    });
  });

  it("drops bad parameters instead of failing the page", () => {
    const s = parseSearchParams(
      new URLSearchParams("is_online=maybe&page=-2&page_size=7&type=imei&liveness_start=yesterday&country=China"),
    );
    expect(s).toEqual({ country: "China", page: 1, page_size: 20 });
  });

  it("searches a bare value by MAC and ignores a type without a value", () => {
    expect(parseSearchParams(new URLSearchParams("val=AA:BB")).type).toBe("mac");
    expect(parseSearchParams(new URLSearchParams("type=did")).type).toBeUndefined();
  });

  it("drops a region without its country and a city without its region", () => {
    expect(parseSearchParams(new URLSearchParams("region=Guangdong&city=Shenzhen"))).toEqual({ page: 1, page_size: 20 });
    expect(parseSearchParams(new URLSearchParams("country=China&city=Shenzhen"))).toEqual({ country: "China", page: 1, page_size: 20 });
  });

  it("names every filter of the schema in the zod-free key list, in the schema's order", () => {
    expect([...DEVICE_FILTER_KEYS]).toEqual(Object.keys(deviceFilterSchema.shape));
  });

  it("round-trips filters through filterEntries in a stable order", () => {
    const q = deviceSearchQuerySchema.parse({ val: "x", type: "did", is_online: "0", country: "China" });
    expect(filterEntries(q)).toEqual([
      ["country", "China"],
      ["is_online", "0"],
      ["type", "did"],
      ["val", "x"],
    ]);
  });

  it("rejects page sizes the table does not offer (the API answers 400)", () => {
    expect(deviceSearchQuerySchema.safeParse({ page_size: "1000" }).success).toBe(false);
  });

  it("counts one upstream call per 1000 devices for an export", () => {
    expect([0, 1, 1000, 1001, 25_000].map(exportCalls)).toEqual([1, 1, 1, 2, 25]);
  });

  it("reads a URL in the browser (zod-free) exactly as the lenient zod reading of deviceSearchQuerySchema would", () => {
    // The reference: keep each parameter its zod field accepts, then parse with the schema's defaults.
    const viaZod = (sp: URLSearchParams) => {
      const valid: Record<string, string> = {};
      const shape = deviceSearchQuerySchema.shape;
      for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
        const raw = sp.get(key);
        if (raw !== null && raw !== "" && shape[key].safeParse(raw).success) valid[key] = raw;
      }
      const parsed = deviceSearchQuerySchema.parse(valid);
      if (parsed.val && !parsed.type) parsed.type = "mac";
      if (!parsed.val) delete parsed.type;
      if (!parsed.country) delete parsed.region;
      if (!parsed.region) delete parsed.city;
      return parsed;
    };
    const values = fc.oneof(
      fc.constantFrom("", " ", "1", "0", "2", "-1", "20", "50", "100", "7", "1e2", " 3 ", "0x10", "did", "mac", "uid", "imei"),
      fc.constantFrom("2026-05-01", "2026-5-1", "1714521600", "1234567890123", " China ", "a".repeat(64), "a".repeat(65)),
      fc.constantFrom("b".repeat(100), "b".repeat(101), "c".repeat(128), "c".repeat(129), "1000000", "1000001", "3.5"),
      fc.string({ maxLength: 8 }),
    );
    const keys = [...Object.keys(deviceSearchQuerySchema.shape), "other"];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), values), (params) => {
        const sp = new URLSearchParams(params);
        expect(parseSearchParams(sp)).toEqual(viaZod(sp));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a handed-over filter (a dragged search) as deviceFilterSchema would, refusing it whole when one filter is bad", () => {
    const values = fc.constantFrom("", " ", "1", "0", "2", "did", "mac", "imei", "2026-05-01", "yesterday", " China ", "a".repeat(65), "x");
    const keys = [...DEVICE_FILTER_KEYS, "page", "other"];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), values), (given) => {
        const zod = deviceFilterSchema.safeParse(given);
        expect(readDeviceFilter(given)).toEqual(zod.success ? zod.data : null);
      }),
      { numRuns: 2000 },
    );
    expect(readDeviceFilter({ is_online: true, val: "AA" })).toEqual({ is_online: true, val: "AA" });
    expect(readDeviceFilter({ is_online: 1 })).toBeNull();
    expect(readDeviceFilter(null)).toBeNull();
  });
});
