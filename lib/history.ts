/**
 * History over the API's windows. /online, /cmd and /data answer at most two days per call and
 * only within a lookback (7 days in the 2018 doc, 30 in the newer revision), so longer ranges are
 * split, loaded window by window and merged; this module holds that arithmetic plus the readings
 * of the online log (sessions, heartbeat statistics, offline reasons). Times are unix seconds,
 * as the API uses them.
 */
import type { Locale } from "./i18n/core";
import { devicesDomain } from "./i18n/messages/devices-domain";
import { say, text, type DevicesDomainKey } from "./devices-text";
import type { Result } from "./datapoints";
import type { DataRecord } from "./schemas/datapoints";
import { DEFAULT_TIME_ZONE, zonedDayKey, zonedParts, zonedTimeToEpochMs } from "./zoned-time";

export const DAY_SEC = 86_400;
/** "start_ts 与 end_ts之间的间隔秒必须在两天范围以内" (both revisions of the API doc). */
export const MAX_WINDOW_SEC = 2 * DAY_SEC;
/** Lookback of /online, /cmd, /data: the 2018 API doc says 7 days, the current one 30. */
export const LOOKBACK_DAYS_2018 = 7;
export const LOOKBACK_DAYS = 30;

/** A time range in unix seconds, start < end. */
export interface TimeWindow {
  start: number;
  end: number;
}

/**
 * Splits [start, end] into windows no longer than `maxSpanSec`. Inner boundaries fall on
 * `anchor + k·maxSpanSec`, so passing a fixed anchor (e.g. a local midnight) makes the same
 * closed windows recur across requests and hit the server's cache. Neighbouring windows share
 * their boundary second; merging the pages removes a record returned by both.
 */
export function splitWindows(start: number, end: number, maxSpanSec: number = MAX_WINDOW_SEC, anchor: number = start): TimeWindow[] {
  if (!(end > start) || !(maxSpanSec > 0)) return [];
  const windows: TimeWindow[] = [];
  let from = start;
  let k = Math.floor((start - anchor) / maxSpanSec) + 1;
  for (let boundary = anchor + k * maxSpanSec; boundary < end; boundary = anchor + ++k * maxSpanSec) {
    if (boundary > from) {
      windows.push({ start: from, end: boundary });
      from = boundary;
    }
  }
  windows.push({ start: from, end });
  return windows;
}

/**
 * Limits a range to what the API still holds: no later than `now`, no earlier than `lookbackDays`
 * ago (plus `marginSec`, so a request built now is still inside the lookback when it arrives).
 */
export function clampToLookback(
  range: TimeWindow,
  now: number,
  lookbackDays: number = LOOKBACK_DAYS,
  marginSec = 300,
): Result<TimeWindow & { clamped: boolean }> {
  if (!(range.end > range.start)) return { ok: false, reason: say("rangeOrder") };
  const earliest = now - lookbackDays * DAY_SEC + marginSec;
  const start = Math.max(range.start, earliest);
  const end = Math.min(range.end, now);
  if (!(end > start)) return { ok: false, reason: say("rangeOutsideLookback", { days: lookbackDays }) };
  return { ok: true, value: { start, end, clamped: start !== range.start || end !== range.end } };
}

/** Sorted, non-overlapping union of windows (touching windows join). */
export function unionWindows(windows: readonly TimeWindow[]): TimeWindow[] {
  const sorted = windows.filter((w) => w.end > w.start).sort((a, b) => a.start - b.start);
  const out: TimeWindow[] = [];
  for (const w of sorted) {
    const last = out.at(-1);
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else out.push({ start: w.start, end: w.end });
  }
  return out;
}

/** The parts of `range` not covered by `loaded`, in order: what is left to fetch. */
export function missingWindows(range: TimeWindow, loaded: readonly TimeWindow[]): TimeWindow[] {
  const gaps: TimeWindow[] = [];
  let from = range.start;
  for (const w of unionWindows(loaded)) {
    if (w.end <= from) continue;
    if (w.start >= range.end) break;
    if (w.start > from) gaps.push({ start: from, end: w.start });
    from = Math.max(from, w.end);
  }
  if (from < range.end) gaps.push({ start: from, end: range.end });
  return gaps;
}

function coveredSec(segment: TimeWindow, union: readonly TimeWindow[]): number {
  let sum = 0;
  for (const w of union) sum += Math.max(0, Math.min(w.end, segment.end) - Math.max(w.start, segment.start));
  return sum;
}

export type CoverageState = "full" | "partial" | "none";

export interface DayCoverage {
  /** Local calendar day, "YYYY-MM-DD". */
  day: string;
  /** The part of this day inside the requested range (seconds). */
  start: number;
  end: number;
  state: CoverageState;
  loadedSec: number;
}

/** Per local calendar day of `range`: how much of it the loaded windows cover, for a coverage bar. */
export function dayCoverage(range: TimeWindow, loaded: readonly TimeWindow[], timeZone: string = DEFAULT_TIME_ZONE): DayCoverage[] {
  if (!(range.end > range.start)) return [];
  const union = unionWindows(loaded);
  const out: DayCoverage[] = [];
  const p = zonedParts(range.start * 1000, timeZone);
  for (let d = 0; ; d++) {
    const dayStart = zonedTimeToEpochMs({ year: p.year, month: p.month, day: p.day + d }, timeZone) / 1000;
    const dayEnd = zonedTimeToEpochMs({ year: p.year, month: p.month, day: p.day + d + 1 }, timeZone) / 1000;
    if (dayStart >= range.end) break;
    const segment = { start: Math.max(dayStart, range.start), end: Math.min(dayEnd, range.end) };
    const loadedSec = coveredSec(segment, union);
    const state: CoverageState = loadedSec >= segment.end - segment.start ? "full" : loadedSec > 0 ? "partial" : "none";
    out.push({ day: zonedDayKey(dayStart * 1000, timeZone), ...segment, state, loadedSec });
  }
  return out;
}

export function coverageLabel(state: CoverageState, locale: Locale): string {
  return text(`coverage_${state}`, locale);
}

/** JSON with sorted keys, so equal records give equal keys whatever their key order. */
function stableKey(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "undefined";
  if (Array.isArray(v)) return `[${v.map(stableKey).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableKey(o[k])}`)
    .join(",")}}`;
}

function mergeBy<T>(pages: readonly (readonly T[])[], tsOf: (t: T) => number, order: "asc" | "desc"): T[] {
  const seen = new Map<string, T>();
  for (const page of pages) for (const item of page) seen.set(stableKey(item), item);
  const sign = order === "asc" ? 1 : -1;
  return [...seen.values()].sort((a, b) => sign * (tsOf(a) - tsOf(b)));
}

/** Merges /data pages (any order, overlapping windows) into one time-sorted list without duplicates. */
export function mergeDataPages(pages: readonly (readonly DataRecord[])[], order: "asc" | "desc" = "asc"): DataRecord[] {
  return mergeBy(pages, (r) => r.ts, order);
}

/** The same for /online and /cmd records, which carry `timestamp`. */
export function mergeEventPages<T extends { timestamp: number }>(pages: readonly (readonly T[])[], order: "asc" | "desc" = "asc"): T[] {
  return mergeBy(pages, (r) => r.timestamp, order);
}

/** What a history page says about the next one: its `context` cursor, else a `skip`. */
export function nextHistoryCursor(page: {
  objects: readonly unknown[];
  total?: number | null;
  skip?: number | null;
  next?: string | null;
  context?: string | null;
}): { context: string } | { skip: number } | null {
  if (page.context) return { context: page.context };
  if (page.objects.length === 0) return null;
  const skip = (page.skip ?? 0) + page.objects.length;
  if (page.next || (page.total != null && skip < page.total)) return { skip };
  return null;
}

export interface Heartbeat {
  count?: number;
  max?: number;
  min?: number;
  avg?: number;
  last?: number;
}

/** A /online record: dev_online carries keep_alive, dev_offline duration/heartbeat/reason. */
export interface OnlineEvent {
  timestamp: number;
  type: string;
  payload?: {
    keep_alive?: number;
    duration?: number;
    reason?: string;
    heartbeat?: Heartbeat;
  } | null;
}

export interface OnlineSession {
  /** Seconds; null if the session began before the loaded range and no duration told us when. */
  start: number | null;
  /** True when `start` was derived from the offline record's duration. */
  startInferred: boolean;
  /** Seconds; null while still online, or when the next online came without an offline record. */
  end: number | null;
  /** The latest session, with no offline yet. */
  ongoing: boolean;
  durationSec: number | null;
  reason: string | null;
  heartbeat: Heartbeat | null;
  keepAlive: number | null;
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Pairs dev_online/dev_offline records (any order) into sessions, oldest first. An offline with
 * no online before it in the range becomes a session whose start comes from its `duration`; the
 * last online without an offline is the ongoing session (its duration counts up to `now`).
 */
export function sessionsFromOnline(events: readonly OnlineEvent[], now?: number): OnlineSession[] {
  const rank = (t: string) => (t === "dev_offline" ? 0 : 1);
  const sorted = events
    .filter((e) => e.type === "dev_online" || e.type === "dev_offline")
    .sort((a, b) => a.timestamp - b.timestamp || rank(a.type) - rank(b.type));
  const sessions: OnlineSession[] = [];
  let open: OnlineSession | null = null;
  for (const e of sorted) {
    const p = e.payload ?? {};
    if (e.type === "dev_online") {
      if (open) sessions.push(open);
      open = {
        start: e.timestamp,
        startInferred: false,
        end: null,
        ongoing: false,
        durationSec: null,
        reason: null,
        heartbeat: null,
        keepAlive: finite(p.keep_alive) ? p.keep_alive : null,
      };
      continue;
    }
    const duration = finite(p.duration) ? p.duration : null;
    const closing: OnlineSession = open ?? {
      start: duration === null ? null : e.timestamp - duration,
      startInferred: duration !== null,
      end: null,
      ongoing: false,
      durationSec: null,
      reason: null,
      heartbeat: null,
      keepAlive: null,
    };
    closing.end = e.timestamp;
    closing.durationSec = duration ?? (closing.start === null ? null : Math.round(e.timestamp - closing.start));
    closing.reason = p.reason ?? null;
    closing.heartbeat = p.heartbeat ?? null;
    sessions.push(closing);
    open = null;
  }
  if (open) {
    open.ongoing = true;
    if (now !== undefined && open.start !== null) open.durationSec = Math.max(0, Math.round(now - open.start));
    sessions.push(open);
  }
  return sessions;
}

export interface HeartbeatSummary {
  sessions: number;
  /** Sessions that ended with an offline record. */
  completed: number;
  /** Sum of the known session durations (the ongoing one up to `now`). */
  onlineSec: number;
  averageSessionSec: number | null;
  longestSessionSec: number | null;
  /** Heartbeats received across completed sessions. */
  heartbeats: number;
  /** Heartbeat interval statistics (s) over sessions with at least two heartbeats. */
  intervalMin: number | null;
  intervalMax: number | null;
  intervalAvg: number | null;
  /** Longest silence between the last heartbeat and going offline. */
  lastGapMax: number | null;
  /** Keep-alive of the most recent session that reported one (heartbeat interval + 5 s). */
  keepAlive: number | null;
  /** Offline reasons, most frequent first. */
  reasons: { reason: string; count: number }[];
}

export function heartbeatSummary(sessions: readonly OnlineSession[]): HeartbeatSummary {
  const durations = sessions.map((s) => s.durationSec).filter(finite);
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const beats = sessions.map((s) => s.heartbeat).filter((h): h is Heartbeat => h !== null);
  // "当n < 2时，max，min，avg的值固定为0": those zeros are no measurement, so they are left out.
  const measured = beats.filter((h) => finite(h.count) && h.count >= 2);
  const weighted = measured.flatMap((h) => (finite(h.avg) && finite(h.count) ? [{ avg: h.avg, n: h.count }] : []));
  const mins = measured.map((h) => h.min).filter(finite);
  const maxs = measured.map((h) => h.max).filter(finite);
  const lasts = beats.map((h) => h.last).filter(finite);
  const reasonCounts = new Map<string, number>();
  for (const s of sessions) if (s.reason) reasonCounts.set(s.reason, (reasonCounts.get(s.reason) ?? 0) + 1);
  const weightSum = sum(weighted.map((w) => w.n));
  return {
    sessions: sessions.length,
    completed: sessions.filter((s) => s.end !== null).length,
    onlineSec: sum(durations),
    averageSessionSec: durations.length ? sum(durations) / durations.length : null,
    longestSessionSec: durations.length ? Math.max(...durations) : null,
    heartbeats: sum(beats.map((h) => h.count).filter(finite)),
    intervalMin: mins.length ? Math.min(...mins) : null,
    intervalMax: maxs.length ? Math.max(...maxs) : null,
    intervalAvg: weightSum > 0 ? sum(weighted.map((w) => w.avg * w.n)) / weightSum : null,
    lastGapMax: lasts.length ? Math.max(...lasts) : null,
    keepAlive: [...sessions].reverse().find((s) => s.keepAlive !== null)?.keepAlive ?? null,
    reasons: [...reasonCounts]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
}

/** Every offline reason the API documents (设备上下线记录). */
export const OFFLINE_REASONS = [
  "mqtt_disconnect",
  "no_heartbeat",
  "tcp_closed",
  "ssl_closed",
  "offline_force",
  "offline_reset",
  "offline_exception",
  "offline_sending_density_overflow",
  "offline_sending_data_size_overflow",
] as const;
export type OfflineReason = (typeof OFFLINE_REASONS)[number];

/** The reason in plain words; an undocumented reason is shown as the API sent it. */
export function offlineReasonText(reason: string, locale: Locale): string {
  const key = `offline_${reason}`;
  return Object.hasOwn(devicesDomain.en, key) ? text(key as DevicesDomainKey, locale) : reason;
}
