// Plain TypeScript, no zod: the period rules the Gizwits batch reports enforce (the pickers run
// them in the browser) and the report constants; lib/schemas/reports.ts re-exports all of this
// (see bench/bundle-budget.ts, "keeping a route light").
import { PAGE_SIZES } from "./paging";

export const CYCLES = ["date", "week", "month"] as const;
export type Cycle = (typeof CYCLES)[number];

/** Most periods one liveness-history (and sibling) query may span: 30 days, 53 weeks, 12 months. */
export const PERIOD_LIMITS: Record<Cycle, number> = { date: 30, week: 53, month: 12 };

const FORMATS: Record<Cycle, RegExp> = {
  date: /^(\d{4})-(\d{2})-(\d{2})$/,
  week: /^(\d{4})-(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
};

const DAY_MS = 86_400_000;
const p2 = (n: number) => String(n).padStart(2, "0");

function dayIndex(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function dayKeyOf(index: number): string {
  const dt = new Date(index * DAY_MS);
  return `${dt.getUTCFullYear()}-${p2(dt.getUTCMonth() + 1)}-${p2(dt.getUTCDate())}`;
}

/** Monday (day index) of ISO week 1 of a year: the week holding January 4th. */
function isoYearStart(year: number): number {
  const jan4 = dayIndex(year, 1, 4);
  const dow = (new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7;
  return jan4 - dow;
}

/** ISO-8601 week "YYYY-WW" of a day index. */
function weekKeyOf(index: number): string {
  const dow = (new Date(index * DAY_MS).getUTCDay() + 6) % 7;
  const thursday = index - dow + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  return `${year}-${p2(Math.floor((thursday - isoYearStart(year)) / 7) + 1)}`;
}

/**
 * A period key as an ordinal in its cycle (days, ISO-week Mondays / 7, months), or null when it
 * is not a real period of that cycle ("2026-02-30", week 54, month 13).
 */
export function periodOrdinal(cycle: Cycle, key: string): number | null {
  const m = FORMATS[cycle].exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  const a = Number(m[2]);
  if (cycle === "month") return a >= 1 && a <= 12 ? y * 12 + (a - 1) : null;
  if (cycle === "week") {
    if (a < 1 || a > 53) return null;
    const monday = isoYearStart(y) + (a - 1) * 7;
    return weekKeyOf(monday) === key ? Math.floor((monday + 3) / 7) : null;
  }
  const d = Number(m[3]);
  const idx = dayIndex(y, a, d);
  return dayKeyOf(idx) === key ? idx : null;
}

/** The key of an ordinal from periodOrdinal. */
export function periodKey(cycle: Cycle, ordinal: number): string {
  if (cycle === "month") return `${Math.floor(ordinal / 12)}-${p2((ordinal % 12) + 1)}`;
  if (cycle === "week") return weekKeyOf(ordinal * 7 - 3);
  return dayKeyOf(ordinal);
}

/** `key` moved by `n` periods. */
export function shiftPeriod(cycle: Cycle, key: string, n: number): string {
  const o = periodOrdinal(cycle, key);
  if (o === null) throw new Error(`not a ${cycle} period: ${key}`);
  return periodKey(cycle, o + n);
}

/** The period of `cycle` that holds a "YYYY-MM-DD" day. */
export function periodOfDay(cycle: Cycle, day: string): string {
  const idx = periodOrdinal("date", day);
  if (idx === null) throw new Error(`not a day: ${day}`);
  if (cycle === "date") return day;
  if (cycle === "week") return weekKeyOf(idx);
  return day.slice(0, 7);
}

/** Number of periods from start to end inclusive; null for a malformed or reversed range. */
export function periodSpan(cycle: Cycle, start: string, end: string): number | null {
  const a = periodOrdinal(cycle, start);
  const b = periodOrdinal(cycle, end);
  if (a === null || b === null || b < a) return null;
  return b - a + 1;
}

/**
 * The newest period a batch report can answer: reports are computed the next day (T+1), so a
 * period is available once its first day is over — yesterday's day, week or month.
 */
export function latestPeriod(cycle: Cycle, today: string): string {
  return periodOfDay(cycle, shiftPeriod("date", today, -1));
}

/** Whether the period is over (its report is final and can be cached for long). */
export function isClosedPeriod(cycle: Cycle, key: string, today: string): boolean {
  const a = periodOrdinal(cycle, key);
  const b = periodOrdinal(cycle, periodOfDay(cycle, today));
  return a !== null && b !== null && a < b;
}

/** The default window: the newest `PERIOD_LIMITS` periods (the last 30 days, 12 weeks, 12 months). */
export function defaultRange(cycle: Cycle, today: string): { start: string; end: string } {
  const end = latestPeriod(cycle, today);
  const n = cycle === "week" ? 12 : PERIOD_LIMITS[cycle];
  return { start: shiftPeriod(cycle, end, -(n - 1)), end };
}

export type RangeProblem = "format" | "order" | "limit" | "future";

/** What is wrong with a period range, in the order a person would fix it; null when it is fine. */
export function rangeProblem(cycle: Cycle, start: string, end: string, today?: string): RangeProblem | null {
  const a = periodOrdinal(cycle, start);
  const b = periodOrdinal(cycle, end);
  if (a === null || b === null) return "format";
  if (b < a) return "order";
  if (b - a + 1 > PERIOD_LIMITS[cycle]) return "limit";
  if (today !== undefined) {
    const latest = periodOrdinal(cycle, latestPeriod(cycle, today));
    if (latest !== null && b > latest) return "future";
  }
  return null;
}

/**
 * Keeps a range within the cycle's limit after one end moved: the end the user did not touch
 * follows, so the picker never holds a range the API would refuse.
 */
export function clampRange(
  cycle: Cycle,
  start: string,
  end: string,
  moved: "start" | "end",
  latest?: string,
): { start: string; end: string; clamped: boolean } {
  let a = periodOrdinal(cycle, start);
  let b = periodOrdinal(cycle, end);
  if (a === null || b === null) return { start, end, clamped: false };
  let clamped = false;
  const max = latest === undefined ? null : periodOrdinal(cycle, latest);
  if (max !== null && b > max) {
    b = max;
    clamped = true;
  }
  if (max !== null && a > max) {
    a = max;
    clamped = true;
  }
  const limit = PERIOD_LIMITS[cycle];
  if (b < a) {
    if (moved === "start") b = a;
    else a = b;
  }
  if (b - a + 1 > limit) {
    if (moved === "start") b = a + limit - 1;
    else a = b - limit + 1;
    clamped = true;
  }
  return { start: periodKey(cycle, a), end: periodKey(cycle, b), clamped };
}

export const REPORT_PAGE_SIZES = PAGE_SIZES;

export const FAULT_KINDS = ["fault", "alert"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export const FAULT_SCOPES = ["devices", "events"] as const;
export type FaultScope = (typeof FAULT_SCOPES)[number];
