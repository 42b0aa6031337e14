import { DAY_SEC, LOOKBACK_DAYS } from "@/lib/history";
import { pad2, zonedParts, zonedTimeToEpochMs } from "@/lib/zoned-time";

export const RANGE_PRESETS = ["24h", "2d", "7d", "30d", "90d", "365d"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
/** The history logs (data, online, cmd) reach back LOOKBACK_DAYS, so longer presets are not offered there. */
export const HISTORY_PRESETS = ["24h", "2d", "7d", "30d"] as const satisfies readonly RangePreset[];

const SPAN: Record<RangePreset, number> = {
  "24h": DAY_SEC,
  "2d": 2 * DAY_SEC,
  "7d": 7 * DAY_SEC,
  "30d": 30 * DAY_SEC,
  "90d": 90 * DAY_SEC,
  "365d": 365 * DAY_SEC,
};

export function isRangePreset(v: string): v is RangePreset {
  return (RANGE_PRESETS as readonly string[]).includes(v);
}

/**
 * A preset as [start, end] unix seconds. `end` is rounded up to the minute so that the windows a
 * page asks for stay the same for a minute and hit the caches, instead of moving every second.
 */
export function presetRange(preset: RangePreset, nowMs: number): { start: number; end: number } {
  const end = Math.ceil(nowMs / 60_000) * 60;
  return { start: end - SPAN[preset], end };
}

export const rangeLabelKey = {
  "24h": "last24h",
  "2d": "last2d",
  "7d": "last7d",
  "30d": "last30d",
  "90d": "last90d",
  "365d": "last365d",
} as const;

/** What the URL holds: a preset (?range=7d), or a free range (?range=custom&from=…&to=…) in local wall-clock time. */
export type RangeSelection = { kind: "preset"; preset: RangePreset } | { kind: "custom"; from: string; to: string };

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * "2026-05-14T08:30" (or a bare date, or with seconds) read as wall-clock time in `timeZone`,
 * as epoch ms; null when malformed or impossible (2026-02-30, 25:00).
 */
export function parseLocalDateTime(value: string, timeZone: string): number | null {
  const m = LOCAL_RE.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return zonedTimeToEpochMs({ year, month, day, hour, minute, second }, timeZone);
}

/** Epoch ms as the value of an <input type="datetime-local"> showing wall-clock time in `timeZone`. */
export function toLocalInput(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** The selection the URL params describe; anything unreadable falls back to `fallback`. */
export function parseRangeParams(
  p: { range: string | null; from: string | null; to: string | null },
  fallback: RangePreset,
  presets: readonly RangePreset[],
): RangeSelection {
  if (p.range === "custom" && p.from && p.to) return { kind: "custom", from: p.from, to: p.to };
  const v = p.range ?? "";
  return { kind: "preset", preset: isRangePreset(v) && presets.includes(v) ? v : fallback };
}

export type RangeProblem = "invalid" | "order" | "outside";

export interface ResolvedRange {
  /** What was asked for, unix seconds (null when the custom range is unreadable). */
  requested: { start: number; end: number } | null;
  /** What will be loaded: the request limited to the lookback and to now. */
  range: { start: number; end: number };
  /** True when `range` is shorter than `requested`. */
  clamped: boolean;
  /** Set when nothing of the request can be loaded; `range` is then the fallback preset's. */
  problem: RangeProblem | null;
}

/**
 * The range to load for a selection: a custom range is read in `timeZone`, then limited to what
 * the API still holds (`lookbackDays` back from now, nothing in the future). A custom range that
 * cannot be read or lies wholly outside falls back to `fallback` and says why.
 */
export function resolveRange(
  sel: RangeSelection,
  nowMs: number,
  timeZone: string,
  opts: { lookbackDays?: number | null; fallback?: RangePreset; marginSec?: number } = {},
): ResolvedRange {
  const lookback = opts.lookbackDays === undefined ? LOOKBACK_DAYS : opts.lookbackDays;
  const nowSec = Math.ceil(nowMs / 60_000) * 60;
  // A request built now must still be inside the lookback when it reaches the API.
  const earliest = lookback === null ? Number.NEGATIVE_INFINITY : nowSec - lookback * DAY_SEC + (opts.marginSec ?? 300);
  const fallback = () => presetRange(opts.fallback ?? "2d", nowMs);
  const limit = (r: { start: number; end: number }) => ({ start: Math.max(r.start, earliest), end: Math.min(r.end, nowSec) });
  // The safety margin alone (a "last 30 days" preset) is not worth a message.
  const cut = (req: { start: number; end: number }, r: { start: number; end: number }) =>
    r.start - req.start > (opts.marginSec ?? 300) + 60 || req.end - r.end > 60;
  if (sel.kind === "preset") {
    const requested = presetRange(sel.preset, nowMs);
    const range = limit(requested);
    return { requested, range, clamped: cut(requested, range), problem: null };
  }
  const from = parseLocalDateTime(sel.from, timeZone);
  const to = parseLocalDateTime(sel.to, timeZone);
  if (from === null || to === null) return { requested: null, range: limit(fallback()), clamped: false, problem: "invalid" };
  const requested = { start: Math.floor(from / 1000), end: Math.floor(to / 1000) };
  if (!(requested.end > requested.start)) return { requested, range: limit(fallback()), clamped: false, problem: "order" };
  const range = limit(requested);
  if (!(range.end > range.start)) return { requested, range: limit(fallback()), clamped: false, problem: "outside" };
  return { requested, range, clamped: cut(requested, range), problem: null };
}
