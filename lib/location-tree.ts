import { z } from "zod";

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

/** The report's shape was not one of the documented ones; `path` names the place that broke. */
export class LocationTreeError extends Error {
  constructor(
    message: string,
    readonly path: readonly string[],
  ) {
    super(path.length ? `Unrecognised location report at ${path.join(" › ")}: ${message}` : `Unrecognised location report: ${message}`);
    this.name = "LocationTreeError";
  }
}

// Counters are non-negative; the users/report/new table types `count` as a string, so numeric
// strings are accepted too.
const counterSchema = z.union([
  z.number().nonnegative().finite(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);
const countsSchema = z.record(z.string(), counterSchema);
const countSchema = z.union([counterSchema.transform((count): Counts => ({ count })), countsSchema]);
const detailSchema = z.record(z.string(), countsSchema);
const objectSchema = z.record(z.string(), z.unknown());

const RESERVED = new Set(["count", "detail"]);

function parse<T>(schema: z.ZodType<T>, value: unknown, path: string[], what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
  throw new LocationTreeError(`${what}${where}: ${issue?.message ?? "invalid"}`, path);
}

function sumCounts(nodes: readonly LocationNode[]): Counts {
  const out: Counts = {};
  for (const n of nodes) for (const [k, v] of Object.entries(n.counts)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function readNode(name: string, raw: unknown, depth: number, path: string[]): LocationNode {
  const level = LOCATION_LEVELS[depth];
  const here = [...path, name];
  if (typeof raw === "number" || typeof raw === "string") {
    return { name, level, counts: parse(countSchema, raw, here, "count"), children: [] };
  }
  const obj = parse(objectSchema, raw, here, "expected an object or a number");
  const children: LocationNode[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (RESERVED.has(key)) continue;
    if (depth + 1 >= LOCATION_LEVELS.length) {
      throw new LocationTreeError(`unexpected key "${key}" below city level`, here);
    }
    children.push(readNode(key, value, depth + 1, here));
  }
  const node: LocationNode = {
    name,
    level,
    // A level without its own `count` is the sum of its children (never documented, but harmless).
    counts: obj.count === undefined || obj.count === null ? sumCounts(children) : parse(countSchema, obj.count, here, "count"),
    children,
  };
  if (obj.detail !== undefined && obj.detail !== null) node.detail = parse(detailSchema, obj.detail, here, "detail");
  return node;
}

function walk(nodes: readonly LocationNode[], fn: (n: LocationNode) => void): void {
  for (const n of nodes) {
    fn(n);
    walk(n.children, fn);
  }
}

/** Omitted counters are zeros: give every node (and detail entry) the same keys so tables line up. */
function fillZeros(report: LocationReport): void {
  const counterKeys = new Set<string>(Object.keys(report.counts ?? {}));
  const detailKeys = new Set<string>();
  const addDetail = (d: Detail | undefined) => {
    for (const c of Object.values(d ?? {})) for (const k of Object.keys(c)) detailKeys.add(k);
  };
  addDetail(report.detail);
  walk(report.nodes, (n) => {
    for (const k of Object.keys(n.counts)) counterKeys.add(k);
    addDetail(n.detail);
  });
  const fill = (c: Counts, keys: Set<string>) => {
    for (const k of keys) c[k] ??= 0;
  };
  if (report.counts) fill(report.counts, counterKeys);
  for (const c of Object.values(report.detail ?? {})) fill(c, detailKeys);
  walk(report.nodes, (n) => {
    fill(n.counts, counterKeys);
    for (const c of Object.values(n.detail ?? {})) fill(c, detailKeys);
  });
}

function readTree(tree: Record<string, unknown>): LocationNode[] {
  return Object.entries(tree)
    .filter(([key]) => !RESERVED.has(key))
    .map(([name, value]) => readNode(name, value, 0, []));
}

/**
 * Reads a whole report response (or one liveness-history item, or the bare users/location tree)
 * and keeps its top-level numbers next to the tree.
 */
export function readLocationReport(raw: unknown): LocationReport {
  const obj = parse(objectSchema, raw, [], "expected a JSON object");
  if (Array.isArray(obj.data) && !("location" in obj)) {
    throw new LocationTreeError("a history response holds one tree per period: read each item of `data`", []);
  }
  // Only the bare users/location tree has no `location`; a report that echoes `gid` without one
  // (users/report/total, say) is not a location report, and a country is never called "gid".
  if ("gid" in obj && !("location" in obj)) throw new LocationTreeError("the report has no `location`", []);
  let report: LocationReport;
  if ("location" in obj) {
    const location = obj.location === null ? {} : parse(objectSchema, obj.location, ["location"], "location");
    report = { nodes: readTree(location) };
    if (obj.count !== undefined && obj.count !== null) report.counts = parse(countSchema, obj.count, [], "count");
    if (obj.detail !== undefined && obj.detail !== null) report.detail = parse(detailSchema, obj.detail, [], "detail");
    if (typeof obj.total === "number" || typeof obj.total === "string") report.total = parse(counterSchema, obj.total, [], "total");
    if ("gid" in obj) report.gid = parse(z.string().nullable(), obj.gid, [], "gid");
  } else {
    report = { nodes: readTree(obj) };
    if (obj.count !== undefined && obj.count !== null) report.counts = parse(countSchema, obj.count, [], "count");
  }
  fillZeros(report);
  return report;
}

/** The location tree of any documented report shape. Throws LocationTreeError for anything else. */
export function readLocationTree(raw: unknown): LocationNode[] {
  return readLocationReport(raw).nodes;
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
