/**
 * Calendar arithmetic in an IANA time zone without a date library: the device pages label
 * history days and agg_data buckets in the product's local calendar (Asia/Shanghai by default),
 * whatever zone the browser or server runs in.
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

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of an instant in `timeZone`. */
export function zonedParts(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): ZonedParts {
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type in out) out[p.type as keyof ZonedParts] = Number(p.value);
  }
  return out;
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

export function pad2(n: number): string {
  return String(n).padStart(2, "0");
}
