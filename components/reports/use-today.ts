"use client";

import { useMemo } from "react";
import { zonedDayKey } from "@/lib/zoned-time";
import { useTimeZone } from "../i18n";

/** Today as "YYYY-MM-DD" in the console's time zone (the day Gizwits' T+1 reports count from). */
export function useToday(): string {
  const tz = useTimeZone();
  // Per time zone only: a tab left open past midnight gets the new day on its next navigation.
  return useMemo(() => zonedDayKey(Date.now(), tz), [tz]);
}
