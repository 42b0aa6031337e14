"use client";

import { useMemo, useState } from "react";
import { clampToLookback, dayCoverage, LOOKBACK_DAYS, splitWindows, type TimeWindow } from "@/lib/history";
import { startOfZonedDay } from "@/lib/zoned-time";
import { presetRange, type RangePreset } from "./range";

/** History windows settle this long after their end; after that their answer never changes. */
const SETTLE_SEC = 5 * 60;

/**
 * A preset range clamped to the API's lookback and cut into its ≤ 2-day windows, anchored at a
 * local midnight so the same closed windows recur (and hit the caches) across visits.
 */
export function useHistoryWindows(preset: RangePreset, timeZone: string) {
  const [now] = useState(() => Date.now());
  return useMemo(() => {
    const raw = presetRange(preset, now);
    const clamped = clampToLookback(raw, Math.floor(now / 1000), LOOKBACK_DAYS);
    const range: TimeWindow = clamped.ok ? { start: clamped.value.start, end: clamped.value.end } : raw;
    const anchor = startOfZonedDay(range.start * 1000, timeZone) / 1000;
    const windows = splitWindows(range.start, range.end, undefined, anchor).map((w) => ({ ...w, closed: w.end < now / 1000 - SETTLE_SEC }));
    return { range, windows };
  }, [preset, now, timeZone]);
}

export function coverageOf(range: TimeWindow, loaded: readonly TimeWindow[], timeZone: string) {
  return dayCoverage(range, loaded, timeZone);
}
