import { z } from "zod";
import { type Counts, type Detail, LOCATION_LEVELS, type LocationNode, type LocationReport, walk } from "../location-tree";

// Reads the Gizwits report location trees (documented variants: lib/location-tree.ts) into the
// console's shape. Server side; the browser gets the result typed, without zod.

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
