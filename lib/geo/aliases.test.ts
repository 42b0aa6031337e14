import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  KNOWN_COUNTRIES,
  KNOWN_PROVINCE_FEATURES,
  cityLabel,
  countryLabel,
  isChina,
  normalizeName,
  placeLabel,
  provinceLabel,
  regionLabel,
  resolveCountry,
  resolveProvince,
} from "./aliases";

const root = path.resolve(import.meta.dirname, "../..");
const featureNames = (file: string): string[] =>
  (JSON.parse(readFileSync(path.join(root, "public/maps", file), "utf8")) as { features: { properties: { name: string } }[] }).features.map(
    (f) => f.properties.name,
  );
const WORLD = featureNames("world.json");
const CHINA = featureNames("china-provinces.json");

// The API's own spelling of the 34 provincial divisions (pinyin, as its location reports print them),
// with the variants seen in the wild for the ones whose names differ.
const API_PROVINCES = [
  "Anhui",
  "Beijing",
  "Chongqing",
  "Fujian",
  "Gansu",
  "Guangdong",
  "Guangxi",
  "Guizhou",
  "Hainan",
  "Hebei",
  "Heilongjiang",
  "Henan",
  "Hong Kong",
  "Hubei",
  "Hunan",
  "Inner Mongolia",
  "Jiangsu",
  "Jiangxi",
  "Jilin",
  "Liaoning",
  "Macau",
  "Ningxia",
  "Qinghai",
  "Shaanxi",
  "Shandong",
  "Shanghai",
  "Shanxi",
  "Sichuan",
  "Taiwan",
  "Tianjin",
  "Tibet",
  "Xinjiang",
  "Yunnan",
  "Zhejiang",
];

describe("map data", () => {
  it("has the 34 provincial divisions of China, each once", () => {
    expect(CHINA).toHaveLength(34);
    expect(new Set(CHINA).size).toBe(34);
  });

  it("has the world without Antarctica, with Taiwan drawn as part of China", () => {
    expect(WORLD.length).toBeGreaterThan(170);
    expect(WORLD).not.toContain("Antarctica");
    expect(WORLD).not.toContain("Taiwan");
    expect(WORLD).toContain("China");
  });
});

describe("provinces", () => {
  it("resolves all 34 API names to distinct features of the China map", () => {
    const features = API_PROVINCES.map((p) => resolveProvince(p));
    for (const [i, f] of features.entries()) expect(CHINA, API_PROVINCES[i]).toContain(f);
    expect(new Set(features).size).toBe(34);
  });

  it("knows every feature of the China map", () => {
    expect([...KNOWN_PROVINCE_FEATURES].sort()).toEqual([...CHINA].sort());
    for (const f of CHINA) expect(resolveProvince(f)).toBe(f);
  });

  it.each([
    ["Xizang", "Xizang"],
    ["Tibet", "Xizang"],
    ["Inner Mongol", "Inner Mongol"],
    ["Nei Mongol", "Inner Mongol"],
    ["Inner Mongolia Autonomous Region", "Inner Mongol"],
    ["Macau", "Macao"],
    ["Macao SAR", "Macao"],
    ["Hong Kong S.A.R.", "Hong Kong"],
    ["Hongkong", "Hong Kong"],
    ["Guangxi Zhuang Autonomous Region", "Guangxi"],
    ["Ningxia Hui", "Ningxia"],
    ["Xinjiang Uygur Zizhiqu", "Xinjiang"],
    ["guangdong province", "Guangdong"],
    ["Beijing Shi", "Beijing"],
    ["SHANGHAI", "Shanghai"],
    ["广东省", "Guangdong"],
    ["北京市", "Beijing"],
    ["内蒙古自治区", "Inner Mongol"],
    ["广西壮族自治区", "Guangxi"],
    ["新疆维吾尔自治区", "Xinjiang"],
    ["香港特别行政区", "Hong Kong"],
    ["西藏", "Xizang"],
  ])("%s → %s", (name, feature) => {
    expect(resolveProvince(name)).toBe(feature);
  });

  it("keeps Shanxi and Shaanxi apart", () => {
    expect(resolveProvince("Shanxi")).toBe("Shanxi");
    expect(resolveProvince("Shaanxi")).toBe("Shaanxi");
  });

  it("returns null for unknown names", () => {
    expect(resolveProvince("Atlantis")).toBeNull();
    expect(resolveProvince("")).toBeNull();
  });

  it("labels provinces in both languages", () => {
    expect(provinceLabel("Guangdong", "zh-CN")).toBe("广东");
    expect(provinceLabel("Tibet", "zh-CN")).toBe("西藏");
    expect(provinceLabel("Inner Mongol", "en")).toBe("Inner Mongolia");
    expect(provinceLabel("Macau", "zh-CN")).toBe("澳门");
    for (const p of API_PROVINCES) expect(provinceLabel(p, "zh-CN")).toMatch(/^\p{Script=Han}+$/u);
  });
});

describe("countries", () => {
  it("knows every feature of the world map and gives it a Chinese name", () => {
    const known = new Set(KNOWN_COUNTRIES);
    for (const name of WORLD) {
      expect(known.has(name), name).toBe(true);
      expect(resolveCountry(name)).toEqual({ name, feature: name });
      expect(countryLabel(name, "zh-CN"), name).toMatch(/\p{Script=Han}/u);
      expect(countryLabel(name, "en")).toBe(name);
    }
  });

  it("resolves only to features that exist", () => {
    for (const name of KNOWN_COUNTRIES) {
      const m = resolveCountry(name);
      expect(m, name).not.toBeNull();
      if (m?.feature) expect(WORLD).toContain(m.feature);
      else expect(m?.point, name).toHaveLength(2);
    }
  });

  it("gives every Chinese name to one country only", () => {
    const zh = KNOWN_COUNTRIES.map((c) => countryLabel(c, "zh-CN"));
    expect(new Set(zh).size).toBe(zh.length);
  });

  it.each([
    ["USA", "United States of America"],
    ["United States", "United States of America"],
    ["U.S.", "United States of America"],
    ["Korea", "South Korea"],
    ["Republic of Korea", "South Korea"],
    ["Russian Federation", "Russia"],
    ["Viet Nam", "Vietnam"],
    ["Czech Republic", "Czechia"],
    ["Democratic Republic of the Congo", "Dem. Rep. Congo"],
    ["Republic of the Congo", "Congo"],
    ["Ivory Coast", "Côte d'Ivoire"],
    ["Cote d'Ivoire", "Côte d'Ivoire"],
    ["Bosnia and Herzegovina", "Bosnia and Herz."],
    ["North Macedonia", "Macedonia"],
    ["Eswatini", "eSwatini"],
    ["Türkiye", "Turkey"],
    ["UK", "United Kingdom"],
    ["China", "China"],
    ["中国", "China"],
    ["美国", "United States of America"],
    ["Hong Kong", "China"],
    ["Macau", "China"],
    ["Taiwan", "China"],
  ])("%s → %s", (name, feature) => {
    expect(resolveCountry(name)?.feature).toBe(feature);
  });

  it("places small countries missing from the 1:110m map as points", () => {
    const sg = resolveCountry("Singapore");
    expect(sg?.feature).toBeUndefined();
    expect(sg?.point?.[0]).toBeCloseTo(103.8, 0);
    expect(sg?.point?.[1]).toBeCloseTo(1.35, 0);
  });

  it("returns null for unknown names", () => {
    expect(resolveCountry("Atlantis")).toBeNull();
  });

  it("tells China apart from its parts", () => {
    expect(isChina("China")).toBe(true);
    expect(isChina("中国")).toBe(true);
    expect(isChina("Hong Kong")).toBe(false);
    expect(isChina("Japan")).toBe(false);
    expect(isChina(undefined)).toBe(false);
  });

  it("labels countries in both languages", () => {
    expect(countryLabel("United States", "zh-CN")).toBe("美国");
    expect(countryLabel("United States", "en")).toBe("United States");
    expect(countryLabel("中国", "en")).toBe("China");
    expect(countryLabel("Hong Kong", "zh-CN")).toBe("香港");
    expect(countryLabel("Atlantis", "zh-CN")).toBe("Atlantis");
  });
});

describe("labels", () => {
  it("labels the deepest place of a path", () => {
    expect(placeLabel({}, "zh-CN")).toBe("");
    expect(placeLabel({ country: "China" }, "zh-CN")).toBe("中国");
    expect(placeLabel({ country: "China", region: "Guangdong" }, "zh-CN")).toBe("广东");
    expect(placeLabel({ country: "China", region: "Guangdong", city: "Guangzhou" }, "zh-CN")).toBe("广州");
    expect(placeLabel({ country: "China", region: "Guangdong", city: "Guangzhou" }, "en")).toBe("Guangzhou");
    expect(placeLabel({ country: "Japan", region: "Tokyo" }, "en")).toBe("Tokyo");
  });

  it("falls back to the upstream name", () => {
    expect(cityLabel("Nowhere", "zh-CN")).toBe("Nowhere");
    expect(regionLabel("Japan", "Nowhere", "zh-CN")).toBe("Nowhere");
  });

  it("normalizes names for matching", () => {
    expect(normalizeName("Côte d'Ivoire")).toBe("cotedivoire");
    expect(normalizeName("Bosnia & Herzegovina")).toBe("bosniaandherzegovina");
  });
});
