import { describe, expect, it } from "vitest";
import { readLocationTree } from "@/lib/schemas/location-report";
import { drillInto, geoView, pathSteps } from "./map-model";

const tree = readLocationTree({
  gid: null,
  location: {
    China: {
      count: { activated: 10, faulty: 2 },
      Guangdong: {
        count: { activated: 6, faulty: 2 },
        Guangzhou: { count: { activated: 4 } },
        Shenzhen: { count: { activated: 2, faulty: 2 } },
      },
      "Inner Mongolia": { count: { activated: 1 } },
      Tibet: { count: { activated: 1 } },
      Macau: { count: { activated: 1 } },
      Atlantis: { count: { activated: 1 } },
    },
    "Hong Kong": { count: { activated: 3 } },
    "United States": { count: { activated: 5 }, California: { count: { activated: 4 } }, Texas: { count: { activated: 1 } } },
    Singapore: { count: { activated: 2 } },
    Narnia: { count: { activated: 7 } },
  },
});

describe("geoView", () => {
  it("world: countries as shapes, small countries as points, unknown names listed", () => {
    const v = geoView(tree, {}, "activated", "zh-CN");
    if (v.kind !== "world") throw new Error(v.kind);
    // Hong Kong sits on China's shape; a click on it still drills into China.
    expect(v.areas).toContainEqual({ feature: "China", name: "China", label: "中国", value: 13 });
    expect(v.areas).toContainEqual({ feature: "United States of America", name: "United States", label: "美国", value: 5 });
    expect(v.points).toEqual([{ name: "Singapore", label: "新加坡", value: 2, coord: [103.82, 1.352] }]);
    expect(v.unplaced).toEqual([{ name: "Narnia", label: "Narnia", value: 7 }]);
    expect(v.max).toBe(13);
  });

  it("world: colours by the chosen measure", () => {
    const v = geoView(tree, {}, "faulty", "en");
    if (v.kind !== "world") throw new Error(v.kind);
    expect(v.areas.find((a) => a.feature === "China")).toMatchObject({ value: 2, label: "China" });
    expect(v.max).toBe(2);
  });

  it("China: provinces resolved to the China map's features", () => {
    const v = geoView(tree, { country: "China" }, "activated", "zh-CN");
    if (v.kind !== "china") throw new Error(v.kind);
    expect(v.areas.map((a) => [a.feature, a.name, a.label, a.value])).toEqual([
      ["Guangdong", "Guangdong", "广东", 6],
      ["Inner Mongol", "Inner Mongolia", "内蒙古", 1],
      ["Xizang", "Tibet", "西藏", 1],
      ["Macao", "Macau", "澳门", 1],
    ]);
    expect(v.unplaced).toEqual([{ name: "Atlantis", label: "Atlantis", value: 1 }]);
    expect(v.max).toBe(6);
  });

  it("cities of a province: a ranked list", () => {
    const v = geoView(tree, { country: "China", region: "Guangdong" }, "faulty", "zh-CN");
    expect(v).toEqual({
      kind: "ranking",
      level: "city",
      items: [
        { name: "Shenzhen", label: "深圳", value: 2 },
        { name: "Guangzhou", label: "广州", value: 0 },
      ],
      max: 2,
    });
  });

  it("regions of a country other than China: a ranked list", () => {
    const v = geoView(tree, { country: "United States" }, "activated", "zh-CN");
    expect(v).toMatchObject({
      kind: "ranking",
      level: "region",
      items: [
        { name: "California", label: "加利福尼亚州", value: 4 },
        { name: "Texas", value: 1 },
      ],
    });
  });

  it("a path to a place the tree lacks is an empty view", () => {
    expect(geoView(tree, { country: "Atlantis" }, "activated", "en")).toEqual({ kind: "ranking", level: "region", items: [], max: 0 });
    const v = geoView([], {}, "count", "en");
    expect(v).toMatchObject({ kind: "world", areas: [], points: [], max: 0 });
  });
});

describe("drill paths", () => {
  it("drills one level at a time", () => {
    expect(drillInto({}, "China")).toEqual({ country: "China" });
    expect(drillInto({ country: "China" }, "Guangdong")).toEqual({ country: "China", region: "Guangdong" });
    expect(drillInto({ country: "China", region: "Guangdong" }, "Shenzhen")).toEqual({
      country: "China",
      region: "Guangdong",
      city: "Shenzhen",
    });
  });

  it("lists breadcrumb steps", () => {
    expect(pathSteps({})).toEqual([{}]);
    expect(pathSteps({ country: "China", region: "Guangdong" })).toEqual([
      {},
      { country: "China" },
      { country: "China", region: "Guangdong" },
    ]);
    expect(pathSteps({ country: "China", region: "Guangdong", city: "Shenzhen" })).toHaveLength(4);
  });
});
