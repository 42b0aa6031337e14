/**
 * Report building blocks: cycle/period parsing with the documented limits, T+1 availability
 * (5014), nested Country → Region → City location trees, and a small cache for report
 * results that cannot change any more (completed days) or may be a minute stale.
 */
import { ApiError } from "./errors";
import { CITIES } from "./geo";
import { dayOf, formatDay, formatMonth, formatWeek, isoWeekStart, monthIndex, monthStartDay, parseDay } from "./util";

export type Cycle = "date" | "week" | "month";

export interface Period {
  label: string;
  firstDay: number;
  /** Inclusive; clipped to yesterday for the period that is still running. */
  lastDay: number;
}

const LIMITS: Record<Cycle, number> = { date: 30, week: 53, month: 12 };

function parseStart(cycle: Cycle, s: string): number | null {
  if (cycle === "date") return parseDay(s);
  if (cycle === "week") {
    const m = /^(\d{4})-(\d{1,2})$/.exec(s);
    return m ? isoWeekStart(Number(m[1]), Number(m[2])) : null;
  }
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return monthStartDay(Number(m[1]) * 12 + Number(m[2]) - 1);
}

export function inferCycle(raw: string | undefined, start: string): Cycle {
  if (raw !== undefined) {
    if (raw !== "date" && raw !== "week" && raw !== "month") throw new ApiError(5002, "cycle must be date, week or month");
    return raw;
  }
  // The doc marks cycle optional: infer it from the shape of start.
  if (/^\d{4}-\d{2}-\d{2}$/.test(start)) return "date";
  if (/^\d{4}-\d{2}$/.test(start) && Number(start.slice(5)) > 12) return "week";
  return /^\d{4}-\d{2}$/.test(start) ? "month" : "date";
}

/**
 * Expands start..end into periods. Formats: date YYYY-MM-DD, week YYYY-WW (ISO-8601 weeks),
 * month YYYY-MM; at most 30 days / 53 weeks / 12 months (5002). Batch reports are computed T+1:
 * a range whose last period has no completed day yet is 5014 "Report has not been generated!".
 */
export function parsePeriods(cycle: Cycle, start: string, end: string, now: number): Period[] {
  const a = parseStart(cycle, start);
  const b = parseStart(cycle, end);
  if (a === null || b === null)
    throw new ApiError(5002, `start/end must look like ${cycle === "date" ? "2016-08-01" : cycle === "week" ? "2016-51" : "2016-12"}`);
  if (a > b) throw new ApiError(5002, "start must not be after end");
  const yesterday = dayOf(now) - 1;
  if (b > yesterday) throw new ApiError(5014, "batch reports cover completed days only (T+1)");
  const out: Period[] = [];
  let d = a;
  while (d <= b) {
    let next: number;
    let label: string;
    if (cycle === "date") {
      next = d + 1;
      label = formatDay(d);
    } else if (cycle === "week") {
      next = d + 7;
      label = formatWeek(d);
    } else {
      const mi = monthIndex(d);
      next = monthStartDay(mi + 1);
      label = formatMonth(mi);
    }
    out.push({ label, firstDay: d, lastDay: Math.min(next - 1, yesterday) });
    if (out.length > LIMITS[cycle])
      throw new ApiError(5002, `at most ${LIMITS[cycle]} ${cycle === "date" ? "days" : `${cycle}s`} per query`);
    d = next;
  }
  return out;
}

/** Day range for the YYYY-MM-DD start/end of incr_devices/active_devices (default: yesterday). */
export function parseDayRange(start: string | undefined, end: string | undefined, now: number): [number, number] {
  const yesterday = dayOf(now) - 1;
  const a = start === undefined ? (end === undefined ? yesterday : parseDay(end)) : parseDay(start);
  const b = end === undefined ? (start === undefined ? yesterday : a) : parseDay(end);
  if (a === null || b === null) throw new ApiError(5002, "start/end must look like 2016-08-01");
  if (a > b) throw new ApiError(5002, "start must not be after end");
  if (b > yesterday) throw new ApiError(5014, "batch reports cover completed days only (T+1)");
  return [a, b];
}

// --- location trees ----------------------------------------------------------------------------

type Tree = Record<string, unknown>;

/**
 * Single-count tree: `{China: {count, Guangdong: {count, Guangzhou: leaf}}}`. The
 * devices/locations example prints the city as a bare number (leaf "number"); every other
 * report uses `{count}` objects (leaf "object").
 */
export function countTree(perCity: ArrayLike<number>, leaf: "number" | "object"): Tree {
  const tree: Tree = {};
  for (let k = 0; k < CITIES.length; k++) {
    const n = perCity[k];
    if (!n) continue;
    const c = CITIES[k];
    const country = (tree[c.country] ??= { count: 0 }) as Tree & { count: number };
    country.count += n;
    const region = (country[c.region] ??= { count: 0 }) as Tree & { count: number };
    region.count += n;
    if (leaf === "number") region[c.city] = ((region[c.city] as number | undefined) ?? 0) + n;
    else ((region[c.city] ??= { count: 0 }) as { count: number }).count += n;
  }
  return tree;
}

export type Counters = Record<string, number>;

function addInto(target: Counters, src: Counters): void {
  for (const [k, v] of Object.entries(src)) target[k] = (target[k] ?? 0) + v;
}

function prune(c: Counters, omitZeros: boolean): Counters {
  return omitZeros ? Object.fromEntries(Object.entries(c).filter(([, v]) => v !== 0)) : c;
}

/**
 * Multi-counter tree: each level is `{count: {...}, [detail: {...}], <child>: {...}}`. The
 * realtime report's example omits zero counters below the top level (omitZeros).
 */
export function counterTree(perCity: Map<number, { count: Counters; detail?: Record<string, Counters> }>, omitZeros: boolean): Tree {
  type Node = { count: Counters; detail?: Record<string, Counters>; children: Map<string, Node> };
  const root = new Map<string, Node>();
  const node = (m: Map<string, Node>, key: string, withDetail: boolean): Node => {
    let n = m.get(key);
    if (!n) {
      n = { count: {}, children: new Map(), ...(withDetail ? { detail: {} } : {}) };
      m.set(key, n);
    }
    return n;
  };
  for (const [k, v] of [...perCity.entries()].sort(([a], [b]) => a - b)) {
    const c = CITIES[k];
    const withDetail = v.detail !== undefined;
    const levels = [node(root, c.country, withDetail)];
    levels.push(node(levels[0].children, c.region, withDetail));
    levels.push(node(levels[1].children, c.city, withDetail));
    for (const n of levels) {
      addInto(n.count, v.count);
      if (v.detail && n.detail) for (const [attr, counters] of Object.entries(v.detail)) addInto((n.detail[attr] ??= {}), counters);
    }
  }
  const render = (m: Map<string, Node>): Tree => {
    const out: Tree = {};
    for (const [key, n] of m) {
      const entry: Tree = { count: prune(n.count, omitZeros) };
      if (n.detail) entry.detail = n.detail;
      Object.assign(entry, render(n.children));
      out[key] = entry;
    }
    return out;
  };
  return render(root);
}

// --- cache ----------------------------------------------------------------------------------------

/** Bounded memo with optional expiry; completed periods are cached forever (until eviction). */
export class ReportCache {
  private map = new Map<string, { value: unknown; expires: number }>();
  constructor(private readonly max = 20_000) {}

  get<T>(key: string, compute: () => T, ttlMs = Infinity): T {
    const now = Date.now();
    const hit = this.map.get(key);
    if (hit && hit.expires > now) return hit.value as T;
    const value = compute();
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, { value, expires: now + ttlMs });
    return value;
  }

  clear(): void {
    this.map.clear();
  }
}
