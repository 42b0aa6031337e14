// Plain TypeScript, no zod (client code imports this; see bench/bundle-budget.ts, "keeping a route light").
/**
 * agg_data helpers. The API aggregates numeric datapoints of one device by HOURS / DAYS / WEEKS /
 * MONTHS with sum / avg / max / min, over at most about a month ("目前支持最大时间范围是最近一个月
 * 的数据", the agg_data doc), with start_ts/end_ts in milliseconds. Buckets come back as `datetime`
 * strings (YYYYMMDDHH, YYYYMMDD, YYYYWW, YYYYMM) in the product's local calendar — Asia/Shanghai
 * unless configured — with ISO-8601 weeks (Monday first, week 1 holds the first Thursday).
 */
import type { AggQuery } from "../agg";
import type { Locale } from "../i18n/core";
import { say, text } from "../devices-text";
import { isNumeric, type Result } from "../datapoints";
import type { Datapoint } from "../schemas/datapoints";
import { DEFAULT_TIME_ZONE, pad2, zonedParts, zonedTimeToEpochMs } from "../zoned-time";

export const AGG_UNITS = ["HOURS", "DAYS", "WEEKS", "MONTHS"] as const;
export type AggUnit = (typeof AGG_UNITS)[number];
export const AGG_AGGREGATORS = ["sum", "avg", "max", "min"] as const;
export type AggAggregator = (typeof AGG_AGGREGATORS)[number];

export const AGG_MAX_RANGE_DAYS = 31;
const DAY_MS = 86_400_000;

/** End after start, and no longer than AGG_MAX_RANGE_DAYS. */
export function validateAggRange(startMs: number, endMs: number): Result<{ startMs: number; endMs: number }> {
  if (!(endMs > startMs)) return { ok: false, reason: say("rangeOrder") };
  const days = (endMs - startMs) / DAY_MS;
  if (days > AGG_MAX_RANGE_DAYS) {
    return { ok: false, reason: say("aggRangeTooLong", { days: Math.ceil(days), max: AGG_MAX_RANGE_DAYS }) };
  }
  return { ok: true, value: { startMs, endMs } };
}

/** Every name must be a numeric datapoint of the product ("只能为数值类型的数据点"). */
export function validateAggAttrs(datapoints: readonly Datapoint[], names: readonly string[]): Result<string[]> {
  if (names.length === 0) return { ok: false, reason: say("aggNoAttrs") };
  for (const name of names) {
    const dp = datapoints.find((d) => d.name === name);
    if (!dp) return { ok: false, reason: say("unknownDatapoint", { name }) };
    if (!isNumeric(dp)) return { ok: false, reason: say("aggNotNumeric", { name: dp.display_name }) };
  }
  return { ok: true, value: [...new Set(names)] };
}

/** The numeric datapoints a user can pick for aggregation. */
export function aggregatableDatapoints(datapoints: readonly Datapoint[]): Datapoint[] {
  return datapoints.filter(isNumeric);
}

/** Range and attrs together; the first problem found wins. */
export function validateAggQuery(q: AggQuery, datapoints: readonly Datapoint[]): Result<AggQuery> {
  const range = validateAggRange(q.start, q.end);
  if (!range.ok) return range;
  const attrs = validateAggAttrs(datapoints, q.attrs);
  if (!attrs.ok) return attrs;
  return { ok: true, value: { ...q, attrs: attrs.value } };
}

export function aggregatorLabel(a: AggAggregator, locale: Locale): string {
  return text(`agg_${a}`, locale);
}
export function unitLabel(u: AggUnit, locale: Locale): string {
  return text(`unit_${u}`, locale);
}

interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** Monday of ISO week `week` of `year`, or null if that week does not exist. */
export function isoWeekMonday(year: number, week: number): CalendarDay | null {
  if (!Number.isInteger(week) || week < 1 || week > 53) return null;
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS + (week - 1) * 7 * DAY_MS);
  const day = { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() };
  const check = isoWeekOf(day);
  return check.year === year && check.week === week ? day : null;
}

/** ISO week-year and week of a calendar day. */
export function isoWeekOf(d: CalendarDay): { year: number; week: number } {
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day));
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  return { year, week: Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1 };
}

interface Bucket {
  year: number;
  month: number;
  day: number;
  hour: number;
  week: number | null;
}

function validDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function parseBucket(datetime: string, unit: AggUnit): Bucket | null {
  const s = datetime.trim();
  const n = (i: number, len: number) => Number(s.slice(i, i + len));
  if (!/^\d+$/.test(s)) return null;
  switch (unit) {
    case "HOURS":
      if (s.length !== 10 || !validDay(n(0, 4), n(4, 2), n(6, 2)) || n(8, 2) > 23) return null;
      return { year: n(0, 4), month: n(4, 2), day: n(6, 2), hour: n(8, 2), week: null };
    case "DAYS":
      if (s.length !== 8 || !validDay(n(0, 4), n(4, 2), n(6, 2))) return null;
      return { year: n(0, 4), month: n(4, 2), day: n(6, 2), hour: 0, week: null };
    case "WEEKS": {
      if (s.length !== 6) return null;
      const monday = isoWeekMonday(n(0, 4), n(4, 2));
      return monday ? { ...monday, hour: 0, week: n(4, 2) } : null;
    }
    case "MONTHS":
      if (s.length !== 6 || n(4, 2) < 1 || n(4, 2) > 12) return null;
      return { year: n(0, 4), month: n(4, 2), day: 1, hour: 0, week: null };
  }
}

/**
 * Human label of a bucket, e.g. HOURS "2015072010" → "2015-07-20 10:00" / "2015年7月20日 10时",
 * WEEKS "201530" → "2015 week 30 (from 07-20)" / "2015年第30周（7月20日起）". Unreadable
 * values are returned unchanged.
 */
export function bucketLabel(datetime: string, unit: AggUnit, locale: Locale): string {
  const b = parseBucket(datetime, unit);
  if (!b) return datetime;
  const p = locale === "en" ? pad2 : String;
  const vars = { year: b.year, month: p(b.month), day: p(b.day), hour: p(b.hour), week: b.week ?? "" };
  const key = ({ HOURS: "bucketHour", DAYS: "bucketDay", WEEKS: "bucketWeek", MONTHS: "bucketMonth" } as const)[unit];
  return text(key, locale, vars);
}

/** Epoch ms at which the bucket begins in the product's local calendar; null if unreadable. */
export function bucketStart(datetime: string, unit: AggUnit, timeZone: string = DEFAULT_TIME_ZONE): number | null {
  const b = parseBucket(datetime, unit);
  return b ? zonedTimeToEpochMs(b, timeZone) : null;
}

/** Epoch ms at which the bucket ends (= the next bucket's start); null if unreadable. */
export function bucketEnd(datetime: string, unit: AggUnit, timeZone: string = DEFAULT_TIME_ZONE): number | null {
  const b = parseBucket(datetime, unit);
  if (!b) return null;
  const next =
    unit === "HOURS"
      ? { ...b, hour: b.hour + 1 }
      : unit === "DAYS"
        ? { ...b, day: b.day + 1 }
        : unit === "WEEKS"
          ? { ...b, day: b.day + 7 }
          : { ...b, month: b.month + 1 };
  return zonedTimeToEpochMs(next, timeZone);
}

/** The `datetime` key of the bucket holding an instant, in the API's format. */
export function bucketKey(epochMs: number, unit: AggUnit, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(epochMs, timeZone);
  switch (unit) {
    case "HOURS":
      return `${p.year}${pad2(p.month)}${pad2(p.day)}${pad2(p.hour)}`;
    case "DAYS":
      return `${p.year}${pad2(p.month)}${pad2(p.day)}`;
    case "WEEKS": {
      const w = isoWeekOf(p);
      return `${w.year}${pad2(w.week)}`;
    }
    case "MONTHS":
      return `${p.year}${pad2(p.month)}`;
  }
}

/**
 * Every bucket key from the one holding `startMs` to the one holding the last instant before
 * `endMs`, in order — so a chart shows empty buckets as gaps instead of closing them up.
 */
export function bucketKeys(startMs: number, endMs: number, unit: AggUnit, timeZone: string = DEFAULT_TIME_ZONE): string[] {
  const keys: string[] = [];
  if (!(endMs > startMs)) return keys;
  let key = bucketKey(startMs, unit, timeZone);
  for (let guard = 0; guard < 10_000; guard++) {
    keys.push(key);
    const next = bucketEnd(key, unit, timeZone);
    if (next === null || next >= endMs) break;
    key = bucketKey(next, unit, timeZone);
  }
  return keys;
}

/** A local date range ("YYYY-MM-DD" inclusive) as epoch ms [start of first day, start of the day after the last). */
export function dayRangeToMs(from: string, to: string, timeZone: string = DEFAULT_TIME_ZONE): Result<{ startMs: number; endMs: number }> {
  const parse = (s: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
    return m && validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  };
  const a = parse(from);
  const b = parse(to);
  if (!a) return { ok: false, reason: say("invalidDate", { value: from }) };
  if (!b) return { ok: false, reason: say("invalidDate", { value: to }) };
  const startMs = zonedTimeToEpochMs(a, timeZone);
  const endMs = zonedTimeToEpochMs({ ...b, day: b.day + 1 }, timeZone);
  if (!(endMs > startMs)) return { ok: false, reason: say("rangeOrder") };
  return { ok: true, value: { startMs, endMs } };
}

/**
 * Cuts a range longer than agg_data allows into requests of at most `maxDays` days whose inner
 * boundaries fall on bucket boundaries of `unit` in `timeZone` (local midnight, Monday 00:00,
 * the 1st of the month…), so no bucket is ever split between two requests and the buckets of
 * the parts can simply be put side by side. A month is one request (two months exceed 31 days);
 * a bucket longer than `maxDays` on its own is cut at the limit. Epoch ms, oldest first.
 */
export function splitAggRange(
  startMs: number,
  endMs: number,
  unit: AggUnit,
  timeZone: string = DEFAULT_TIME_ZONE,
  maxDays: number = AGG_MAX_RANGE_DAYS,
): { startMs: number; endMs: number }[] {
  const out: { startMs: number; endMs: number }[] = [];
  if (!(endMs > startMs)) return out;
  const maxMs = maxDays * DAY_MS;
  let from = startMs;
  while (endMs - from > maxMs) {
    // The last bucket boundary within maxMs of `from`.
    let cut = from;
    let key = bucketKey(from, unit, timeZone);
    for (let guard = 0; guard < 10_000; guard++) {
      const next = bucketEnd(key, unit, timeZone);
      if (next === null || next - from > maxMs || next >= endMs) break;
      cut = next;
      key = bucketKey(next, unit, timeZone);
    }
    if (cut <= from) cut = from + maxMs;
    out.push({ startMs: from, endMs: cut });
    from = cut;
  }
  out.push({ startMs: from, endMs });
  return out;
}

export interface AggBucket {
  datetime: string;
  attrs: Record<string, number | null>;
}

/**
 * The buckets of the parts of a split query as one list, in time order. Parts meet on bucket
 * boundaries, so a key normally comes from one part only; should two parts both answer a key,
 * sum adds, max/min keep the extreme, and avg keeps the first answer (the counts behind an
 * average are not returned, so two averages cannot be combined).
 */
export function mergeAggBuckets(parts: readonly (readonly AggBucket[])[], aggregator: AggAggregator): AggBucket[] {
  const byKey = new Map<string, Record<string, number | null>>();
  for (const part of parts) {
    for (const b of part) {
      const seen = byKey.get(b.datetime);
      if (!seen) {
        byKey.set(b.datetime, { ...b.attrs });
        continue;
      }
      for (const [k, v] of Object.entries(b.attrs)) {
        const a = seen[k];
        if (a === undefined || a === null) seen[k] = v;
        else if (v === null || aggregator === "avg") continue;
        else if (aggregator === "sum") seen[k] = a + v;
        else if (aggregator === "max") seen[k] = Math.max(a, v);
        else seen[k] = Math.min(a, v);
      }
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([datetime, attrs]) => ({ datetime, attrs }));
}
