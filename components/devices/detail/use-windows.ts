"use client";

import { useMemo } from "react";
import { dayCoverage, splitWindows, type TimeWindow } from "@/lib/history";
import { startOfZonedDay } from "@/lib/zoned-time";

/** History windows settle this long after their end; after that their answer never changes. */
const SETTLE_SEC = 5 * 60;

/**
 * A range (already clamped to the API's lookback, see resolveRange) cut into the API's ≤ 2-day
 * windows, anchored at a local midnight so the same closed windows recur (and hit the caches)
 * across visits and across ranges.
 */
export function useHistoryWindows(range: TimeWindow, now: number, timeZone: string) {
  const { start, end } = range;
  return useMemo(() => {
    const anchor = startOfZonedDay(start * 1000, timeZone) / 1000;
    const windows = splitWindows(start, end, undefined, anchor).map((w) => ({ ...w, closed: w.end < now / 1000 - SETTLE_SEC }));
    return { range: { start, end }, windows };
  }, [start, end, now, timeZone]);
}

export function coverageOf(range: TimeWindow, loaded: readonly TimeWindow[], timeZone: string) {
  return dayCoverage(range, loaded, timeZone);
}
