/**
 * Reads the location trees of the Gizwits report endpoints into one shape.
 *
 * Upstream nests `country → region → city` as object keys (pinyin English names), and each level
 * carries its numbers in a reserved `count` key. The variants the Enterprise API reference
 * documents (设备报表 / 用户报表):
 * - `count` is a number (locations, liveness history, users/location) or an object of counters
 *   (`{activated, faulty, alert}` for report/rt, `{total, resolved, unresolved}` for fault/alert);
 * - zero counters may be omitted at any level;
 * - a city may be a bare number (`"Guangzhou": 3` in /devices/locations);
 * - `detail` (per-datapoint counters) may sit at the top and at any level of the tree;
 * - /v1/users/location returns the tree itself, every other report wraps it in `location`.
 *
 * This module is the zod-free half (types and walks, used in the browser); reading an upstream
 * answer into these types is lib/schemas/location-report.ts (server side, with zod).
 */

export const LOCATION_LEVELS = ["country", "region", "city"] as const;
export type LocationLevel = (typeof LOCATION_LEVELS)[number];

export type Counts = Record<string, number>;
/** Per-datapoint counters, e.g. `{ fault_roomtemp: { total: 1, resolved: 1, unresolved: 0 } }`. */
export type Detail = Record<string, Counts>;

export interface LocationNode {
  name: string;
  level: LocationLevel;
  /** Counters of this place; a plain `count` number becomes `{ count }`. Omitted counters are 0. */
  counts: Counts;
  detail?: Detail;
  children: LocationNode[];
}

/** A drill position: nothing = the world, `{country}` = its regions, `{country, region}` = its cities. */
export interface LocationPath {
  country?: string;
  region?: string;
  city?: string;
}

export interface LocationReport {
  nodes: LocationNode[];
  /** The report's own top-level counters (upstream's totals need not equal the sum of the tree). */
  counts?: Counts;
  detail?: Detail;
  /** `total` of /devices/locations: all devices, including those without a known location. */
  total?: number;
  gid?: string | null;
}

/** Every node of a tree, depth first. */
export function walk(nodes: readonly LocationNode[], fn: (n: LocationNode) => void): void {
  for (const n of nodes) {
    fn(n);
    walk(n.children, fn);
  }
}

// Most telling counter first, so a picker defaults to it.
const MEASURE_ORDER = ["count", "total", "activated", "unresolved", "resolved", "faulty", "alert"];

function byPreferredOrder(a: string, b: string): number {
  const ia = MEASURE_ORDER.indexOf(a);
  const ib = MEASURE_ORDER.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
  return a.localeCompare(b);
}

/**
 * A measure is a counter key (`"count"`, `"faulty"`, …) or a per-datapoint counter written
 * `"<datapoint>.<counter>"` (`"fault_roomtemp.unresolved"`). Datapoint names are identifiers, so
 * the dot cannot be ambiguous.
 */
export type Measure = string;

export function isDetailMeasure(measure: Measure): boolean {
  return measure.includes(".");
}

/** Every measure present anywhere in the tree: counters first (preferred order), then detail measures. */
export function measures(nodes: readonly LocationNode[]): Measure[] {
  const counters = new Set<string>();
  const detail = new Map<string, Set<string>>();
  walk(nodes, (n) => {
    for (const k of Object.keys(n.counts)) counters.add(k);
    for (const [dp, c] of Object.entries(n.detail ?? {})) {
      const keys = detail.get(dp) ?? new Set<string>();
      for (const k of Object.keys(c)) keys.add(k);
      detail.set(dp, keys);
    }
  });
  const out = [...counters].sort(byPreferredOrder);
  for (const dp of [...detail.keys()].sort()) {
    for (const k of [...(detail.get(dp) ?? [])].sort(byPreferredOrder)) out.push(`${dp}.${k}`);
  }
  return out;
}

/** The node's value for a measure; absent means 0 (upstream omits zero counters). */
export function valueOf(node: Pick<LocationNode, "counts" | "detail">, measure: Measure): number {
  const dot = measure.indexOf(".");
  if (dot === -1) return node.counts[measure] ?? 0;
  return node.detail?.[measure.slice(0, dot)]?.[measure.slice(dot + 1)] ?? 0;
}

/** Sum of every measure over the given nodes (one level: children are not added again). */
export function totals(nodes: readonly LocationNode[]): Record<Measure, number> {
  const out: Record<Measure, number> = {};
  for (const m of measures(nodes)) out[m] = nodes.reduce((s, n) => s + valueOf(n, m), 0);
  return out;
}

export type FlatLocation = LocationNode & { path: LocationPath };

/** All nodes of one level with the path that leads to each (for tables, rankings and CSV). */
export function flatten(nodes: readonly LocationNode[], level: LocationLevel): FlatLocation[] {
  const out: FlatLocation[] = [];
  const visit = (list: readonly LocationNode[], path: LocationPath) => {
    for (const n of list) {
      const here: LocationPath = { ...path, [n.level]: n.name };
      if (n.level === level) out.push({ ...n, path: here });
      else visit(n.children, here);
    }
  };
  visit(nodes, {});
  return out;
}

/** The level shown at a drill path: countries, then regions of a country, then cities of a region. */
export function levelAt(path: LocationPath): LocationLevel {
  if (path.country === undefined) return "country";
  if (path.region === undefined) return "region";
  return "city";
}

/** The nodes listed at a drill path (empty when the path names a place the tree does not have). */
export function nodesAt(nodes: readonly LocationNode[], path: LocationPath): LocationNode[] {
  if (path.country === undefined) return [...nodes];
  const country = nodes.find((n) => n.name === path.country);
  if (!country) return [];
  if (path.region === undefined) return country.children;
  return country.children.find((n) => n.name === path.region)?.children ?? [];
}
