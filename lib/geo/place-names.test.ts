import { describe, expect, it } from "vitest";
import * as aliases from "./aliases";
import { loadPlaceNames, placeNamesNow, subscribePlaceNames } from "./place-names";

describe("place names on demand", () => {
  it("is empty until loaded, loads once, tells subscribers, then labels as lib/geo/aliases does", async () => {
    expect(placeNamesNow()).toBeNull();
    let told = 0;
    const unsubscribe = subscribePlaceNames(() => told++);
    const [a, b] = await Promise.all([loadPlaceNames(), loadPlaceNames()]);
    expect(a).toBe(b);
    expect(placeNamesNow()).toBe(a);
    expect(told).toBe(1);
    unsubscribe();
    await loadPlaceNames();
    expect(told).toBe(1);
    expect(a.countryLabel("China", "zh-CN")).toBe(aliases.countryLabel("China", "zh-CN"));
    expect(a.placeLabel({ country: "China", region: "Guangdong", city: "Shenzhen" }, "zh-CN")).toBe("深圳");
    expect(a.regionLabel("China", "Guangdong Province", "en")).toBe("Guangdong");
    expect(a.isChina("China")).toBe(true);
    expect(a.isChina("Hong Kong")).toBe(false);
  });
});
