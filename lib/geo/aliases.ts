import type { Locale } from "@/lib/i18n/core";
import type { LocationPath } from "@/lib/location-tree";
import { CITY_ZH, COUNTRIES, type Coord, type Country, FOREIGN_REGION_ZH, PROVINCES, type Province } from "./aliases-data";

/**
 * Upstream place names → map features and display names.
 *
 * The API prints English/pinyin names ("China", "Guangdong", "Inner Mongolia", "Tibet", "Macau");
 * the map files use world-atlas short names ("United States of America", "Dem. Rep. Congo") and
 * Natural Earth admin-1 names ("Inner Mongol", "Xizang", "Macao"). Matching ignores case, accents,
 * punctuation, spacing and administrative suffixes ("Province", "省", "自治区", "SAR").
 */

// Trailing words that name the kind of division, not the place ("Guangdong Province",
// "Guangxi Zhuang Autonomous Region", "Hong Kong SAR", "Beijing Shi").
const SUFFIX_WORDS = new Set([
  "province",
  "sheng",
  "shi",
  "city",
  "municipality",
  "autonomous",
  "region",
  "zizhiqu",
  "sar",
  "special",
  "administrative",
  "zhuang",
  "hui",
  "uygur",
  "uyghur",
  "uighur",
  "weiwuer",
  "huizu",
  "zhuangzu",
]);
const ZH_SUFFIXES = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"];

/** Case-, accent-, punctuation- and space-insensitive key. */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

function provinceKey(name: string): string {
  let s = name.trim();
  for (const suffix of ZH_SUFFIXES) if (s.length > suffix.length && s.endsWith(suffix)) s = s.slice(0, -suffix.length);
  const words = s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\./g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  while (words.length > 1 && SUFFIX_WORDS.has(words[words.length - 1])) words.pop();
  return words.join("");
}

const countryIndex = new Map<string, Country>();
for (const c of COUNTRIES) {
  for (const n of [c.key, c.zh, ...(c.aliases ?? [])]) countryIndex.set(normalizeName(n), c);
}
const provinceIndex = new Map<string, Province>();
for (const p of PROVINCES) {
  for (const n of [p.feature, p.en, p.zh, ...(p.aliases ?? [])]) provinceIndex.set(provinceKey(n), p);
}

export type CountryMatch = { name: string; feature: string; point?: undefined } | { name: string; feature?: undefined; point: Coord };

/** Where an upstream country name goes on the world map: a feature of world.json, or a point. */
export function resolveCountry(name: string): CountryMatch | null {
  const c = countryIndex.get(normalizeName(name));
  if (!c) return null;
  return c.point ? { name: c.key, point: c.point } : { name: c.key, feature: c.key };
}

/** The feature of china-provinces.json for an upstream region of China. */
export function resolveProvince(name: string): string | null {
  return provinceIndex.get(provinceKey(name))?.feature ?? null;
}

export function isChina(country: string | undefined): boolean {
  return country !== undefined && countryIndex.get(normalizeName(country))?.key === "China" && !isChinaPart(country);
}

// "Hong Kong" as a country sits on China's shape, but it is not China: drilling into it must not
// show the provinces.
function isChinaPart(name: string): boolean {
  return provinceIndex.has(provinceKey(name)) && normalizeName(name) !== "china";
}

const hasCjk = (s: string) => /\p{Script=Han}/u.test(s);

/** Display name of a country: Chinese in zh-CN; in English the upstream name (it is already English). */
export function countryLabel(name: string, locale: Locale): string {
  if (locale === "zh-CN") {
    if (isChinaPart(name)) return provinceLabel(name, locale);
    return countryIndex.get(normalizeName(name))?.zh ?? name;
  }
  return hasCjk(name) ? (countryIndex.get(normalizeName(name))?.key ?? name) : name;
}

/** Display name of a Chinese provincial division. */
export function provinceLabel(name: string, locale: Locale): string {
  const p = provinceIndex.get(provinceKey(name));
  if (!p) return name;
  return locale === "zh-CN" ? p.zh : p.en;
}

/** Display name of a region (province, state) of a country. */
export function regionLabel(country: string, region: string, locale: Locale): string {
  if (isChina(country)) return provinceLabel(region, locale);
  if (locale !== "zh-CN") return region;
  const key = resolveCountry(country)?.name;
  return (key && FOREIGN_REGION_ZH[key]?.[region]) ?? region;
}

export function cityLabel(city: string, locale: Locale): string {
  return locale === "zh-CN" ? (CITY_ZH[city] ?? city) : city;
}

/** Display name of the deepest place of a path ("" for the world). */
export function placeLabel(path: LocationPath, locale: Locale): string {
  if (path.city !== undefined) return cityLabel(path.city, locale);
  if (path.region !== undefined && path.country !== undefined) return regionLabel(path.country, path.region, locale);
  if (path.country !== undefined) return countryLabel(path.country, locale);
  return "";
}

/** For tests and pickers: the canonical names this module knows. */
export const KNOWN_COUNTRIES: readonly string[] = COUNTRIES.map((c) => c.key);
export const KNOWN_PROVINCE_FEATURES: readonly string[] = PROVINCES.map((p) => p.feature);
