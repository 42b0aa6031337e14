import type { Locale } from "./i18n/core";

/**
 * Formatting shared by server and browser. Dates always render in the console's configured
 * time zone (CONSOLE_TIMEZONE), not the viewer's, so an operator in another zone reads the same
 * timestamps as the audit log and the upstream reports.
 */
export type DateInput = Date | number | string;
export type DateStyle = "datetime" | "date" | "time" | "short" | "minute";

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    dtfCache.set(timeZone, f);
  }
  return f;
}

/** Milliseconds since the epoch, or null for missing/invalid input. Numbers are milliseconds. */
export function toMillis(value: DateInput | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** Unix seconds (as Gizwits and the quota endpoint send them) to milliseconds. */
export function fromUnixSeconds(seconds: number): number {
  return seconds * 1000;
}

/**
 * ISO-like "2026-05-14 13:05:22" in both languages: dense, sortable and unambiguous, which is
 * what an ops table needs more than a localized month name.
 */
export function formatDateTime(value: DateInput | null | undefined, opts: { timeZone: string; style?: DateStyle }): string {
  const ms = toMillis(value);
  if (ms === null) return "—";
  const p: Record<string, string> = {};
  for (const part of partsFormatter(opts.timeZone).formatToParts(ms)) p[part.type] = part.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}:${p.second}`;
  switch (opts.style ?? "datetime") {
    case "date":
      return date;
    case "time":
      return time;
    case "minute":
      return `${date} ${p.hour}:${p.minute}`;
    case "short":
      return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
    default:
      return `${date} ${time}`;
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in the given zone. */
export function dateKey(value: DateInput, timeZone: string): string {
  return formatDateTime(value, { timeZone, style: "date" });
}

const rtfCache = new Map<string, Intl.RelativeTimeFormat>();
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["week", 7 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
  ["second", 1000],
];

/** "3 minutes ago" / "3分钟前", "in 2 hours" / "2小时后"; `now` is injectable for tests. */
export function formatRelative(value: DateInput | null | undefined, locale: Locale, now: number = Date.now()): string {
  const ms = toMillis(value);
  if (ms === null) return "—";
  const diff = ms - now;
  let rtf = rtfCache.get(locale);
  if (!rtf) {
    rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    rtfCache.set(locale, rtf);
  }
  const abs = Math.abs(diff);
  if (abs < 10_000) return locale === "zh-CN" ? "刚刚" : "just now";
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === "second") return rtf.format(Math.round(diff / size), unit);
  }
  return rtf.format(Math.round(diff / 1000), "second");
}

const nfCache = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = nfCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    nfCache.set(key, f);
  }
  return f;
}

export function formatNumber(value: number | null | undefined, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return nf(locale, { maximumFractionDigits: 2, ...options }).format(value);
}

/** 12.3K / 1.2万: for KPI tiles where the exact count is in a tooltip. */
export function formatCompact(value: number | null | undefined, locale: Locale): string {
  return formatNumber(value, locale, { notation: "compact", maximumFractionDigits: 1 });
}

/** `ratio` is 0..1. */
export function formatPercent(ratio: number | null | undefined, locale: Locale, digits = 1): string {
  return formatNumber(ratio, locale, { style: "percent", maximumFractionDigits: digits });
}

const DURATION_UNITS = {
  en: { d: "d", h: "h", m: "m", s: "s" },
  "zh-CN": { d: "天", h: "小时", m: "分", s: "秒" },
} as const;

/**
 * "2h 5m" / "2小时5分": at most two units, because "2h 5m 13s" is noise in a table. Negative durations are treated as zero.
 */
export function formatDuration(ms: number | null | undefined, locale: Locale): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const u = DURATION_UNITS[locale];
  let s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const all: [number, string][] = [
    [d, u.d],
    [h, u.h],
    [m, u.m],
    [s, u.s],
  ];
  const first = all.findIndex(([n]) => n > 0);
  if (first === -1) return `0${u.s}`;
  // The largest unit and the one right below it: "3d 1m" would hide the hours it skipped.
  const parts = all.slice(first, first + 2).filter(([n]) => n > 0);
  const sep = locale === "zh-CN" ? "" : " ";
  return parts.map(([n, unit]) => `${n}${unit}`).join(sep);
}

export function formatBytes(bytes: number | null | undefined, locale: Locale): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(Math.sign(bytes) * v, locale, { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (positive east of Greenwich). */
function zoneOffset(ms: number, timeZone: string): number {
  const p: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(ms)) p[part.type] = part.value;
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a calendar day ("2026-05-14") starts in `timeZone`, or null for a malformed day.
 * Date filters are typed as days in the console's zone, but the API filters instants.
 */
export function zonedDayStart(day: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(guess) || dateKey(guess, "UTC") !== day) return null;
  let start = guess - zoneOffset(guess, timeZone);
  // Across a DST change the offset at the true start can differ from the guess's.
  start = guess - zoneOffset(start, timeZone);
  return start;
}

/** The last millisecond of a calendar day in `timeZone`. */
export function zonedDayEnd(day: string, timeZone: string): number | null {
  const start = zonedDayStart(day, timeZone);
  if (start === null) return null;
  const next = zonedDayStart(dateKey(start + 36 * 3600_000, timeZone), timeZone);
  return next === null ? null : next - 1;
}
