import type { Locale } from "@/lib/i18n/core";
import { levelAt, nodesAt, valueOf, type LocationNode, type LocationPath, type Measure } from "@/lib/location-tree";
import { cityLabel, countryLabel, isChina, normalizeName, provinceLabel, regionLabel, resolveCountry, resolveProvince } from "./aliases";

/**
 * What the drill-down map shows at a path, independent of echarts:
 * world (countries as shapes, small countries as points) → China (provinces as shapes) →
 * regions of another country or cities of a region as a ranked list (no city shapes exist).
 */

export interface MapArea {
  /** Feature name in the map file. */
  feature: string;
  value: number;
  label: string;
  /** The upstream name a click drills into (the largest when several names share a shape). */
  name: string;
}

export interface MapPoint {
  name: string;
  label: string;
  value: number;
  coord: [number, number];
}

export interface RankItem {
  name: string;
  label: string;
  value: number;
}

export type GeoView =
  | { kind: "world" | "china"; areas: MapArea[]; points: MapPoint[]; unplaced: RankItem[]; max: number }
  | { kind: "ranking"; level: "region" | "city"; items: RankItem[]; max: number };

function byValueDesc(a: { value: number }, b: { value: number }): number {
  return b.value - a.value;
}

function groupAreas(entries: { feature: string; name: string; label: string; value: number; exact: boolean }[]): MapArea[] {
  const byFeature = new Map<string, typeof entries>();
  for (const e of entries) byFeature.set(e.feature, [...(byFeature.get(e.feature) ?? []), e]);
  return [...byFeature.entries()].map(([feature, list]) => {
    const primary = list.find((e) => e.exact) ?? [...list].sort(byValueDesc)[0];
    return { feature, name: primary.name, label: primary.label, value: list.reduce((s, e) => s + e.value, 0) };
  });
}

function maxOf(values: number[]): number {
  return values.reduce((m, v) => Math.max(m, v), 0);
}

/** The view for a drill path. A path naming a place the tree lacks gives an empty view, not an error. */
export function geoView(nodes: readonly LocationNode[], path: LocationPath, measure: Measure, locale: Locale): GeoView {
  const level = levelAt(path);
  const list = nodesAt(nodes, path);

  if (level === "country") {
    const entries: Parameters<typeof groupAreas>[0] = [];
    const points: MapPoint[] = [];
    const unplaced: RankItem[] = [];
    for (const n of list) {
      const value = valueOf(n, measure);
      const label = countryLabel(n.name, locale);
      const m = resolveCountry(n.name);
      if (m?.feature !== undefined)
        entries.push({
          feature: m.feature,
          name: n.name,
          label,
          value,
          exact: isChina(n.name) || normalizeName(n.name) === normalizeName(m.feature),
        });
      else if (m?.point) points.push({ name: n.name, label, value, coord: m.point });
      else unplaced.push({ name: n.name, label, value });
    }
    const areas = groupAreas(entries);
    return { kind: "world", areas, points, unplaced: unplaced.sort(byValueDesc), max: maxOf([...areas, ...points].map((a) => a.value)) };
  }

  if (level === "region" && isChina(path.country)) {
    const entries: Parameters<typeof groupAreas>[0] = [];
    const unplaced: RankItem[] = [];
    for (const n of list) {
      const value = valueOf(n, measure);
      const label = provinceLabel(n.name, locale);
      const feature = resolveProvince(n.name);
      if (feature) entries.push({ feature, name: n.name, label, value, exact: normalizeName(n.name) === normalizeName(feature) });
      else unplaced.push({ name: n.name, label, value });
    }
    const areas = groupAreas(entries);
    return { kind: "china", areas, points: [], unplaced: unplaced.sort(byValueDesc), max: maxOf(areas.map((a) => a.value)) };
  }

  const country = path.country ?? "";
  const items = list
    .map((n) => ({
      name: n.name,
      label: level === "region" ? regionLabel(country, n.name, locale) : cityLabel(n.name, locale),
      value: valueOf(n, measure),
    }))
    .sort(byValueDesc);
  return { kind: "ranking", level: level === "region" ? "region" : "city", items, max: maxOf(items.map((i) => i.value)) };
}

/** The path one level below `path` for a clicked place (its upstream name). */
export function drillInto(path: LocationPath, name: string): LocationPath {
  if (path.country === undefined) return { country: name };
  if (path.region === undefined) return { country: path.country, region: name };
  return { country: path.country, region: path.region, city: name };
}

/** The steps of a breadcrumb, from the world down to the path itself. */
export function pathSteps(path: LocationPath): LocationPath[] {
  const steps: LocationPath[] = [{}];
  if (path.country !== undefined) steps.push({ country: path.country });
  if (path.country !== undefined && path.region !== undefined) steps.push({ country: path.country, region: path.region });
  if (path.country !== undefined && path.region !== undefined && path.city !== undefined) steps.push({ ...path });
  return steps;
}
