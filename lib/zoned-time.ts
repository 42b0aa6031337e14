/**
 * The console's one time-zone module: calendar arithmetic in an IANA time zone without a date
 * library, and the one cache of Intl.DateTimeFormat instances. The device pages label history
 * days and agg_data buckets in the product's local calendar (Asia/Shanghai by default), tables
 * and filters use the console's zone (CONSOLE_TIMEZONE), whatever zone the browser or server runs in.
 * lib/format.ts (display strings) and the chart options format through this module.
 */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A cached Intl.DateTimeFormat for `locale` in `timeZone`. Formatters are costly to build and
 * charts format thousands of points, so every formatter in the console comes from here.
 */
export function dateTimeFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** h23, so midnight reads 00 (never 24). */
const PARTS: Intl.DateTimeFormatOptions = {
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
};

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat("en-US", timeZone, PARTS);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of an instant in `timeZone`. */
export function zonedParts(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): ZonedParts {
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of partsFormatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type in out) out[p.type as keyof ZonedParts] = Number(p.value);
  }
  return out;
}

/** Offset of `timeZone` from UTC at instant `epochMs`, in milliseconds (positive east of Greenwich). */
export function timeZoneOffsetMs(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  return offsetMs(epochMs, timeZone);
}

function offsetMs(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local time. Out-of-range
 * fields roll over like Date.UTC (day 32 → next month). In a DST gap the later offset wins.
 */
export function zonedTimeToEpochMs(
  local: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string = DEFAULT_TIME_ZONE,
): number {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0, local.second ?? 0);
  const first = guess - offsetMs(guess, timeZone);
  // Across a DST change the offset at the true instant can differ from the guess's.
  const second = guess - offsetMs(first, timeZone);
  return second;
}

/** Start (epoch ms) of the local calendar day containing `epochMs`. */
export function startOfZonedDay(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  const p = zonedParts(epochMs, timeZone);
  return zonedTimeToEpochMs({ year: p.year, month: p.month, day: p.day }, timeZone);
}

/** "YYYY-MM-DD" of the local calendar day containing `epochMs`. */
export function zonedDayKey(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** A calendar day "2026-05-14" as numbers, or null when malformed or impossible (2026-02-30). */
export function parseCalendarDay(day: string): { year: number; month: number; day: number } | null {
  return parseDay(day);
}

function parseDay(day: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(d.year, d.month - 1, d.day));
  if (check.getUTCFullYear() !== d.year || check.getUTCMonth() !== d.month - 1 || check.getUTCDate() !== d.day) return null;
  return d;
}

/**
 * The instant a calendar day ("2026-05-14") starts in `timeZone`, or null for a malformed day.
 * Date filters are typed as days in the console's zone, but the API filters instants.
 */
export function zonedDayStart(day: string, timeZone: string): number | null {
  const d = parseDay(day);
  return d ? zonedTimeToEpochMs(d, timeZone) : null;
}

/** The last millisecond of a calendar day in `timeZone` (days are 23 or 25 hours long across DST). */
export function zonedDayEnd(day: string, timeZone: string): number | null {
  const d = parseDay(day);
  return d ? zonedTimeToEpochMs({ ...d, day: d.day + 1 }, timeZone) - 1 : null;
}

export function pad2(n: number): string {
  return String(n).padStart(2, "0");
}
