/**
 * Schedules entered in the operator's time zone ↔ the UTC form the Gizwits Open API stores
 * (seed 004: every scheduler field is UTC — `time` HH:MM, a one-off's `date`, the weekdays of a
 * weekly schedule, the days of the month of a monthly one, and start_date/end_date). Pure and
 * isomorphic; every time-zone computation goes through lib/zoned-time.ts.
 *
 * Rules:
 * - One-off: the local date and time are one instant; its UTC date and time are stored. Exact.
 * - Weekly: the local time on the reference day (the start date, else today) is one instant; its
 *   UTC time is stored and every weekday moves by the same day shift (−1, 0 or +1): Beijing 07:00
 *   Monday is UTC 23:00 Sunday.
 * - Monthly: days move by the same shift, but a day number cannot always follow. UTC day u fires in
 *   every month that has a day u, so local day d ↔ UTC day d±1 is exact only when both are 1–28
 *   (every month has them). Local day 1 at 06:00 Beijing would be "the last day of the previous
 *   month" in UTC, which no day number says (28, 29, 30 or 31 depending on the month); and local
 *   day 28 in New York evening would be UTC day 29, which February lacks. Such days are refused
 *   (`monthDayShift`) rather than stored so that the schedule fires on a wrong day. Without a shift
 *   (the time is on the same date in UTC) every day 1–31 is exact.
 * - Start/end dates: the UTC dates of the first and last local occurrence (local date + time), so
 *   the bounds include exactly the local days asked for.
 * - Daylight saving: the UTC form is fixed, so in a zone with DST the local time of a repeating
 *   schedule moves by an hour when the clocks change (America/New_York 08:00 in winter is 09:00 in
 *   summer). `hasDaylightSaving` lets the screen say so; `nextRuns` shows the real instants.
 */
import { pad2, parseCalendarDay, timeZoneOffsetMs, zonedParts, zonedTimeToEpochMs } from "./zoned-time";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type Recurrence = { kind: "once"; date: string } | { kind: "weekly"; weekdays: Weekday[] } | { kind: "monthly"; days: number[] };

/** When a schedule runs, in one time zone (the operator's, or UTC for the stored form). */
export interface ScheduleTiming {
  /** "HH:MM". */
  time: string;
  recurrence: Recurrence;
  /** "YYYY-MM-DD", inclusive; repeating schedules only. */
  startDate: string | null;
  endDate: string | null;
}

export type TimingProblem =
  | { code: "badTime" }
  | { code: "badDate"; date: string }
  | { code: "noWeekdays" }
  | { code: "noDays" }
  | { code: "endBeforeStart" }
  /** Local days whose UTC day number would not fire in every month the local day does. */
  | { code: "monthDayShift"; days: number[]; shift: -1 | 1 };

export type ToUtcResult = { ok: true; utc: ScheduleTiming; dayShift: DayShift } | { ok: false; problem: TimingProblem };
export type DayShift = -1 | 0 | 1;

const DAY_MS = 86_400_000;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseTime(time: string): { hour: number; minute: number } | null {
  const m = TIME.exec(time);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

function utcDayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function dayNumber(day: { year: number; month: number; day: number }): number {
  return Date.UTC(day.year, day.month - 1, day.day) / DAY_MS;
}

function shiftOf(from: { year: number; month: number; day: number }, to: { year: number; month: number; day: number }): DayShift {
  const s = dayNumber(to) - dayNumber(from);
  if (s !== -1 && s !== 0 && s !== 1) throw new Error(`day shift ${s} out of range`);
  return s;
}

export function shiftWeekdays(days: readonly Weekday[], shift: number): Weekday[] {
  const set = new Set(days.map((w) => WEEKDAYS[(((WEEKDAYS.indexOf(w) + shift) % 7) + 7) % 7]!));
  return WEEKDAYS.filter((w) => set.has(w));
}

/** Whether local day `d` maps exactly onto UTC day `d + shift` in every month. */
function exactMonthDay(d: number, shift: DayShift): boolean {
  if (shift === 0) return d >= 1 && d <= 31;
  return d >= 1 && d <= 28 && d + shift >= 1 && d + shift <= 28;
}

function check(t: ScheduleTiming): TimingProblem | null {
  if (!parseTime(t.time)) return { code: "badTime" };
  const r = t.recurrence;
  if (r.kind === "once" && !parseCalendarDay(r.date)) return { code: "badDate", date: r.date };
  if (r.kind === "weekly" && r.weekdays.length === 0) return { code: "noWeekdays" };
  if (r.kind === "monthly" && (r.days.length === 0 || r.days.some((d) => !Number.isInteger(d) || d < 1 || d > 31)))
    return { code: "noDays" };
  for (const d of [t.startDate, t.endDate]) if (d !== null && !parseCalendarDay(d)) return { code: "badDate", date: d };
  if (t.startDate && t.endDate && t.startDate > t.endDate) return { code: "endBeforeStart" };
  return null;
}

/** The instant the wall clock in `timeZone` shows `date` `time`. */
function localInstant(date: string, time: string, timeZone: string): number {
  const d = parseCalendarDay(date)!;
  const t = parseTime(time)!;
  return zonedTimeToEpochMs({ ...d, hour: t.hour, minute: t.minute }, timeZone);
}

/** Converts a schedule entered in `timeZone` to the UTC form; `nowMs` picks the reference day when there is no start date. */
export function toUtcTiming(local: ScheduleTiming, timeZone: string, nowMs: number): ToUtcResult {
  const problem = check(local);
  if (problem) return { ok: false, problem };
  const r = local.recurrence;
  const refDate = r.kind === "once" ? r.date : (local.startDate ?? zonedDayKeyOf(nowMs, timeZone));
  const at = localInstant(refDate, local.time, timeZone);
  const u = new Date(at);
  const time = `${pad2(u.getUTCHours())}:${pad2(u.getUTCMinutes())}`;
  const dayShift = shiftOf(parseCalendarDay(refDate)!, parseCalendarDay(utcDayKey(at))!);
  if (r.kind === "once")
    return { ok: true, dayShift, utc: { time, recurrence: { kind: "once", date: utcDayKey(at) }, startDate: null, endDate: null } };
  const bound = (d: string | null) => (d === null ? null : utcDayKey(localInstant(d, local.time, timeZone)));
  const startDate = bound(local.startDate);
  const endDate = bound(local.endDate);
  if (r.kind === "weekly") {
    return {
      ok: true,
      dayShift,
      utc: { time, recurrence: { kind: "weekly", weekdays: shiftWeekdays(r.weekdays, dayShift) }, startDate, endDate },
    };
  }
  const days = [...new Set(r.days)].sort((a, b) => a - b);
  const bad = days.filter((d) => !exactMonthDay(d, dayShift));
  if (bad.length > 0) return { ok: false, problem: { code: "monthDayShift", days: bad, shift: dayShift === 1 ? 1 : -1 } };
  return { ok: true, dayShift, utc: { time, recurrence: { kind: "monthly", days: days.map((d) => d + dayShift) }, startDate, endDate } };
}

export interface LocalView {
  timing: ScheduleTiming;
  dayShift: DayShift;
  /** False when a monthly UTC day has no exact local day number (a schedule made elsewhere): show the UTC form. */
  exact: boolean;
}

/** The stored UTC form as the operator in `timeZone` reads it (reference day: the start date, else today). */
export function fromUtcTiming(utc: ScheduleTiming, timeZone: string, nowMs: number): LocalView | null {
  if (check(utc)) return null;
  const r = utc.recurrence;
  const refDate = r.kind === "once" ? r.date : (utc.startDate ?? utcDayKey(nowMs));
  const at = utcInstant(refDate, utc.time);
  const p = zonedParts(at, timeZone);
  const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
  const localDate = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
  const dayShift = shiftOf(parseCalendarDay(refDate)!, p);
  if (r.kind === "once")
    return { dayShift, exact: true, timing: { time, recurrence: { kind: "once", date: localDate }, startDate: null, endDate: null } };
  const bound = (d: string | null) => (d === null ? null : zonedDayKeyOf(utcInstant(d, utc.time), timeZone));
  const startDate = bound(utc.startDate);
  const endDate = bound(utc.endDate);
  if (r.kind === "weekly") {
    return {
      dayShift,
      exact: true,
      timing: { time, recurrence: { kind: "weekly", weekdays: shiftWeekdays(r.weekdays, dayShift) }, startDate, endDate },
    };
  }
  const back = (-dayShift || 0) as DayShift;
  const exact = r.days.every((u) => exactMonthDay(u + dayShift, back));
  const days = [...new Set(r.days.map((u) => u + dayShift))].sort((a, b) => a - b);
  return { dayShift, exact, timing: { time, recurrence: { kind: "monthly", days }, startDate, endDate } };
}

function utcInstant(date: string, time: string): number {
  const d = parseCalendarDay(date)!;
  const t = parseTime(time)!;
  return Date.UTC(d.year, d.month - 1, d.day, t.hour, t.minute);
}

function zonedDayKeyOf(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

const JS_WEEKDAY: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * The next `count` instants (epoch ms, after `afterMs`) at which the stored UTC form fires, as the
 * Open API runs it: the UTC time on every UTC day the recurrence names, within start/end dates.
 */
export function nextRuns(utc: ScheduleTiming, afterMs: number, count = 3): number[] {
  if (check(utc)) return [];
  const r = utc.recurrence;
  if (r.kind === "once") {
    const at = utcInstant(r.date, utc.time);
    return at > afterMs ? [at] : [];
  }
  const t = parseTime(utc.time)!;
  const out: number[] = [];
  const first = Math.floor(afterMs / DAY_MS);
  const start = utc.startDate ? dayNumber(parseCalendarDay(utc.startDate)!) : -Infinity;
  const end = utc.endDate ? dayNumber(parseCalendarDay(utc.endDate)!) : Infinity;
  // 400 days cover every monthly day (day 31 recurs within 62 days; 29 Feb needs no more than a year of it).
  for (let day = Math.max(first, start); day <= first + 400 && day <= end && out.length < count; day++) {
    const at = day * DAY_MS + (t.hour * 60 + t.minute) * 60_000;
    if (at <= afterMs) continue;
    const d = new Date(at);
    const fires = r.kind === "weekly" ? r.weekdays.includes(JS_WEEKDAY[d.getUTCDay()]!) : r.days.includes(d.getUTCDate());
    if (fires) out.push(at);
  }
  return out;
}

/** Whether `timeZone` changes its UTC offset during the year of `nowMs` (then a UTC schedule drifts an hour locally). */
export function hasDaylightSaving(timeZone: string, nowMs: number): boolean {
  const year = new Date(nowMs).getUTCFullYear();
  const offsets = new Set<number>();
  for (let month = 0; month < 12; month++) offsets.add(timeZoneOffsetMs(Date.UTC(year, month, 1), timeZone));
  return offsets.size > 1;
}

/** The wire fields (snake_case, as the Open API takes them) of a UTC timing. */
export function utcTimingFields(utc: ScheduleTiming): {
  time: string;
  repeat: string;
  date?: string;
  days?: number[];
  startDate?: string;
  endDate?: string;
} {
  const r = utc.recurrence;
  const bounds = { startDate: utc.startDate ?? undefined, endDate: utc.endDate ?? undefined };
  if (r.kind === "once") return { time: utc.time, repeat: "none", date: r.date };
  if (r.kind === "weekly") return { time: utc.time, repeat: r.weekdays.join(","), ...bounds };
  return { time: utc.time, repeat: "day", days: r.days, ...bounds };
}

/** The UTC timing of a stored schedule (`repeat` none | day | "mon,wed"), or null when it is not one the console can read. */
export function utcTimingOf(s: {
  time: string | null;
  repeat: string;
  date: string | null;
  days: readonly number[];
  startDate: string | null;
  endDate: string | null;
}): ScheduleTiming | null {
  if (!s.time || !parseTime(s.time)) return null;
  const bounds = { startDate: s.startDate, endDate: s.endDate };
  if (s.repeat === "none")
    return s.date ? { time: s.time, recurrence: { kind: "once", date: s.date }, startDate: null, endDate: null } : null;
  if (s.repeat === "day") return { time: s.time, recurrence: { kind: "monthly", days: [...s.days] }, ...bounds };
  const list = s.repeat.split(",").map((w) => w.trim().toLowerCase());
  if (!list.every((w): w is Weekday => (WEEKDAYS as readonly string[]).includes(w))) return null;
  return { time: s.time, recurrence: { kind: "weekly", weekdays: shiftWeekdays(list, 0) }, ...bounds };
}
