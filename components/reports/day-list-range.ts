import { rangeProblem, shiftPeriod } from "@/lib/plain/report-periods";

export interface DayListRange {
  start: string;
  end: string;
  /**
   * The URL asked for today, whose list Gizwits publishes only tomorrow (its daily lists are T+1):
   * the range was cut to end yesterday and the page says so.
   */
  todayPending: boolean;
}

/**
 * The day range a daily device list (incr_devices / active_devices) shows for the URL's `start`
 * and `end`: the URL's range when the API can answer it; a range reaching today ends yesterday
 * instead, and is flagged so the page explains why; anything else falls back to the last 7 days
 * to yesterday.
 */
export function dayListRange(start: string, end: string, today: string): DayListRange {
  if (rangeProblem("date", start, end, today) === null) return { start, end, todayPending: false };
  const yesterday = shiftPeriod("date", today, -1);
  if (end === today && rangeProblem("date", start, end) === null) {
    const cut = start === today ? yesterday : start;
    return { start: cut, end: yesterday, todayPending: true };
  }
  return { start: shiftPeriod("date", yesterday, -6), end: yesterday, todayPending: false };
}
