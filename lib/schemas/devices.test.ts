import { describe, expect, it } from "vitest";
import { DEVICE_FILTER_KEYS } from "../plain/devices";
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
});
