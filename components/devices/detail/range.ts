import { DAY_SEC } from "@/lib/history";

export const RANGE_PRESETS = ["24h", "2d", "7d", "30d"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const SPAN: Record<RangePreset, number> = { "24h": DAY_SEC, "2d": 2 * DAY_SEC, "7d": 7 * DAY_SEC, "30d": 30 * DAY_SEC };

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

export const rangeLabelKey = { "24h": "last24h", "2d": "last2d", "7d": "last7d", "30d": "last30d" } as const;
