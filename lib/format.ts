import type { Locale } from "./i18n/core";
import { pad2, zonedParts } from "./zoned-time";

/** Day-filter bounds live in the time-zone module; re-exported for the devices search, which imports them from here. */
export { zonedDayEnd, zonedDayStart } from "./zoned-time";

/**
 * Formatting shared by server and browser. Dates always render in the console's configured
 * time zone (CONSOLE_TIMEZONE), not the viewer's, so an operator in another zone reads the same
 * timestamps as the audit log and the upstream reports.
 */
export type DateInput = Date | number | string;
export type DateStyle = "datetime" | "date" | "time" | "short" | "minute";

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
  const p = zonedParts(ms, opts.timeZone);
  const date = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
  const hm = `${pad2(p.hour)}:${pad2(p.minute)}`;
  const time = `${hm}:${pad2(p.second)}`;
  switch (opts.style ?? "datetime") {
    case "date":
      return date;
    case "time":
      return time;
    case "minute":
      return `${date} ${hm}`;
    case "short":
      return `${pad2(p.month)}-${pad2(p.day)} ${hm}`;
    default:
      return `${date} ${time}`;
  }
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
