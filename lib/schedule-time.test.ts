import { describe, expect, it } from "vitest";
import {
  fromUtcTiming,
  hasDaylightSaving,
  nextRuns,
  type ScheduleTiming,
  toUtcTiming,
  utcTimingFields,
  utcTimingOf,
  type Weekday,
} from "./schedule-time";

// Reference "now": Wednesday 2026-07-15 12:00 UTC (northern summer, southern winter).
const SUMMER = Date.UTC(2026, 6, 15, 12, 0);
// Wednesday 2026-01-14 12:00 UTC (northern winter, southern summer).
const WINTER = Date.UTC(2026, 0, 14, 12, 0);

const weekly = (time: string, weekdays: Weekday[], startDate: string | null = null, endDate: string | null = null): ScheduleTiming => ({
  time,
  recurrence: { kind: "weekly", weekdays },
  startDate,
  endDate,
});
const monthly = (time: string, days: number[]): ScheduleTiming => ({
  time,
  recurrence: { kind: "monthly", days },
  startDate: null,
  endDate: null,
});
const once = (date: string, time: string): ScheduleTiming => ({ time, recurrence: { kind: "once", date }, startDate: null, endDate: null });

describe("toUtcTiming: one-off", () => {
  it.each([
    // zone, local date, local time, UTC date, UTC time
    ["Asia/Shanghai", "2026-03-02", "07:00", "2026-03-01", "23:00"],
    ["Asia/Shanghai", "2026-03-01", "08:00", "2026-03-01", "00:00"],
    ["UTC", "2026-12-31", "23:59", "2026-12-31", "23:59"],
    ["Asia/Kolkata", "2026-01-01", "05:00", "2025-12-31", "23:30"],
    ["Asia/Kolkata", "2026-06-10", "12:15", "2026-06-10", "06:45"],
    ["America/New_York", "2026-01-10", "20:00", "2026-01-11", "01:00"], // EST −5
    ["America/New_York", "2026-07-10", "20:00", "2026-07-11", "00:00"], // EDT −4
    ["America/New_York", "2026-07-10", "19:30", "2026-07-10", "23:30"],
    ["Pacific/Auckland", "2026-01-05", "10:00", "2026-01-04", "21:00"], // NZDT +13
    ["Pacific/Auckland", "2026-07-05", "10:00", "2026-07-04", "22:00"], // NZST +12
    ["Asia/Shanghai", "2026-01-01", "03:00", "2025-12-31", "19:00"], // year boundary
  ])("%s %s %s → %s %s UTC", (zone, date, time, utcDate, utcTime) => {
    const r = toUtcTiming(once(date, time), zone, SUMMER);
    expect(r).toMatchObject({ ok: true, utc: { time: utcTime, recurrence: { kind: "once", date: utcDate } } });
    if (!r.ok) return;
    // And back to what was entered.
    expect(fromUtcTiming(r.utc, zone, SUMMER)?.timing).toEqual(once(date, time));
  });
});

describe("toUtcTiming: weekly, weekday shift in both directions", () => {
  it.each([
    // zone, now, local time, local weekdays, UTC time, UTC weekdays, shift
    ["Asia/Shanghai", SUMMER, "08:00", ["mon", "tue", "wed", "thu", "fri"], "00:00", ["mon", "tue", "wed", "thu", "fri"], 0],
    ["Asia/Shanghai", SUMMER, "07:00", ["mon"], "23:00", ["sun"], -1],
    ["Asia/Shanghai", SUMMER, "07:00", ["mon", "tue", "wed", "thu", "fri"], "23:00", ["mon", "tue", "wed", "thu", "sun"], -1],
    ["Asia/Shanghai", SUMMER, "07:59", ["sun"], "23:59", ["sat"], -1],
    ["UTC", SUMMER, "00:00", ["sat", "sun"], "00:00", ["sat", "sun"], 0],
    ["Asia/Kolkata", SUMMER, "05:29", ["mon"], "23:59", ["sun"], -1],
    ["Asia/Kolkata", SUMMER, "05:30", ["mon"], "00:00", ["mon"], 0],
    ["America/New_York", WINTER, "19:00", ["sat"], "00:00", ["sun"], 1],
    ["America/New_York", WINTER, "18:59", ["sat"], "23:59", ["sat"], 0],
    ["America/New_York", SUMMER, "20:30", ["fri", "sat"], "00:30", ["sat", "sun"], 1],
    ["Pacific/Auckland", WINTER, "09:00", ["mon"], "20:00", ["sun"], -1],
    ["Pacific/Auckland", SUMMER, "12:00", ["sun"], "00:00", ["sun"], 0],
  ] as const)("%s (%i) %s %j → %s %j", (zone, now, time, days, utcTime, utcDays, shift) => {
    const r = toUtcTiming(weekly(time, [...days]), zone, now);
    expect(r).toEqual({ ok: true, dayShift: shift, utc: weekly(utcTime, [...utcDays]) });
    if (!r.ok) return;
    const back = fromUtcTiming(r.utc, zone, now);
    expect(back?.timing).toEqual(weekly(time, [...days]));
    expect(back?.dayShift).toBe(-shift || 0);
  });

  it("issue 13's example: every weekday 08:00 Beijing is 00:00 UTC Mon–Fri", () => {
    const r = toUtcTiming(weekly("08:00", ["mon", "tue", "wed", "thu", "fri"]), "Asia/Shanghai", WINTER);
    expect(r.ok && utcTimingFields(r.utc)).toEqual({ time: "00:00", repeat: "mon,tue,wed,thu,fri" });
  });

  it("start and end dates bound the first and last local occurrence", () => {
    // Beijing 07:00 on 2026-03-02 (Mon) … 2026-03-30 is UTC 23:00 on 2026-03-01 … 2026-03-29.
    const r = toUtcTiming(weekly("07:00", ["mon"], "2026-03-02", "2026-03-30"), "Asia/Shanghai", SUMMER);
    expect(r).toMatchObject({ ok: true, utc: { startDate: "2026-03-01", endDate: "2026-03-29", recurrence: { weekdays: ["sun"] } } });
    if (!r.ok) return;
    const runs = nextRuns(r.utc, Date.UTC(2026, 1, 1), 10);
    expect(runs.map((ms) => new Date(ms).toISOString())).toEqual([
      "2026-03-01T23:00:00.000Z",
      "2026-03-08T23:00:00.000Z",
      "2026-03-15T23:00:00.000Z",
      "2026-03-22T23:00:00.000Z",
      "2026-03-29T23:00:00.000Z",
    ]);
    expect(fromUtcTiming(r.utc, "Asia/Shanghai", SUMMER)?.timing).toEqual(weekly("07:00", ["mon"], "2026-03-02", "2026-03-30"));
  });

  it("New York: the start date picks the offset (winter start → EST), so weekdays follow that date", () => {
    const r = toUtcTiming(weekly("19:30", ["mon"], "2026-01-05"), "America/New_York", SUMMER);
    expect(r).toMatchObject({ ok: true, dayShift: 1, utc: { time: "00:30", recurrence: { weekdays: ["tue"] }, startDate: "2026-01-06" } });
  });
});

describe("toUtcTiming: monthly", () => {
  it.each([
    // zone, now, local time, local days, UTC time, UTC days
    ["Asia/Shanghai", SUMMER, "08:00", [1, 15, 31], "00:00", [1, 15, 31]],
    ["Asia/Shanghai", SUMMER, "06:00", [2, 15, 28], "22:00", [1, 14, 27]],
    ["UTC", SUMMER, "23:59", [29, 30, 31], "23:59", [29, 30, 31]],
    ["America/New_York", WINTER, "21:00", [1, 27], "02:00", [2, 28]],
    ["Asia/Kolkata", SUMMER, "03:00", [10, 20], "21:30", [9, 19]],
    ["Pacific/Auckland", SUMMER, "11:00", [5], "23:00", [4]],
  ] as const)("%s %s %j → %s %j", (zone, now, time, days, utcTime, utcDays) => {
    const r = toUtcTiming(monthly(time, [...days]), zone, now);
    expect(r).toMatchObject({ ok: true, utc: monthly(utcTime, [...utcDays]) });
    if (!r.ok) return;
    const back = fromUtcTiming(r.utc, zone, now);
    expect(back).toMatchObject({ exact: true, timing: monthly(time, [...days]) });
  });

  it.each([
    // Day 1 at 06:00 Beijing is the last day of the previous month in UTC: no day number says that.
    ["Asia/Shanghai", SUMMER, "06:00", [1, 15], [1], -1],
    // Day 29–31 moved back would fire on the 1st of the next local month in shorter months.
    ["Asia/Shanghai", SUMMER, "06:00", [29, 30, 31], [29, 30, 31], -1],
    ["Pacific/Auckland", SUMMER, "09:00", [1], [1], -1],
    // New York evening: day 28 → UTC 29, which February lacks; day 31 → UTC "32".
    ["America/New_York", WINTER, "21:00", [28, 31], [28, 31], 1],
  ] as const)("%s %s days %j refused (%j)", (zone, now, time, days, bad, shift) => {
    expect(toUtcTiming(monthly(time, [...days]), zone, now)).toEqual({
      ok: false,
      problem: { code: "monthDayShift", days: [...bad], shift },
    });
  });

  it("a UTC form made elsewhere that has no exact local day number is flagged inexact", () => {
    // UTC day 1 at 20:00 is the 2nd in Beijing except … it is exact (1→2). UTC day 31 at 20:00 is local "32".
    expect(fromUtcTiming(monthly("20:00", [1]), "Asia/Shanghai", SUMMER)).toMatchObject({ exact: true, timing: monthly("04:00", [2]) });
    expect(fromUtcTiming(monthly("20:00", [31]), "Asia/Shanghai", SUMMER)?.exact).toBe(false);
  });
});

describe("toUtcTiming: bad input", () => {
  it.each([
    [once("2026-02-30", "08:00"), { code: "badDate", date: "2026-02-30" }],
    [once("2026-02-10", "24:00"), { code: "badTime" }],
    [weekly("08:00", []), { code: "noWeekdays" }],
    [monthly("08:00", []), { code: "noDays" }],
    [monthly("08:00", [32]), { code: "noDays" }],
    [weekly("08:00", ["mon"], "2026-05-02", "2026-05-01"), { code: "endBeforeStart" }],
  ])("%j → %j", (timing, problem) => {
    expect(toUtcTiming(timing, "Asia/Shanghai", SUMMER)).toEqual({ ok: false, problem });
  });
});

describe("nextRuns", () => {
  it("weekly: the UTC weekdays at the UTC time", () => {
    const runs = nextRuns(weekly("00:00", ["mon", "tue", "wed", "thu", "fri"]), Date.UTC(2026, 6, 17, 0, 0), 3); // Fri 00:00 exactly
    expect(runs.map((ms) => new Date(ms).toISOString())).toEqual([
      "2026-07-20T00:00:00.000Z",
      "2026-07-21T00:00:00.000Z",
      "2026-07-22T00:00:00.000Z",
    ]);
  });
  it("monthly: day 31 skips shorter months", () => {
    const runs = nextRuns(monthly("10:00", [31]), Date.UTC(2026, 3, 1), 3);
    expect(runs.map((ms) => new Date(ms).toISOString().slice(0, 10))).toEqual(["2026-05-31", "2026-07-31", "2026-08-31"]);
  });
  it("one-off: once, and nothing after it passed", () => {
    expect(nextRuns(once("2026-07-20", "01:02"), SUMMER)).toEqual([Date.UTC(2026, 6, 20, 1, 2)]);
    expect(nextRuns(once("2026-07-01", "01:02"), SUMMER)).toEqual([]);
  });
  it("end date stops a repeating schedule", () => {
    expect(nextRuns(weekly("12:00", ["wed"], null, "2026-07-22"), SUMMER, 3)).toEqual([Date.UTC(2026, 6, 22, 12)]);
  });
  it("DST: a New York weekly schedule fixed in UTC reads 20:00 in winter and 21:00 in summer", () => {
    const r = toUtcTiming(weekly("20:00", ["fri"]), "America/New_York", WINTER);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const runs = nextRuns(r.utc, Date.UTC(2026, 2, 1), 3); // around the 8 March 2026 change
    const hours = runs.map((ms) =>
      new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "numeric", hourCycle: "h23" }).format(ms),
    );
    expect(hours).toEqual(["20", "21", "21"]);
  });
});

describe("hasDaylightSaving", () => {
  it.each([
    ["Asia/Shanghai", false],
    ["UTC", false],
    ["Asia/Kolkata", false],
    ["America/New_York", true],
    ["Pacific/Auckland", true],
  ] as const)("%s → %s", (zone, dst) => expect(hasDaylightSaving(zone, SUMMER)).toBe(dst));
});

describe("utcTimingOf / utcTimingFields round trip", () => {
  it.each([
    [{ time: "00:00", repeat: "mon,tue,wed,thu,fri", date: null, days: [], startDate: null, endDate: null }],
    [{ time: "23:30", repeat: "day", date: null, days: [1, 15], startDate: "2026-01-01", endDate: "2026-12-31" }],
    [{ time: "12:00", repeat: "none", date: "2026-07-20", days: [], startDate: null, endDate: null }],
  ])("%j", (s) => {
    const t = utcTimingOf(s);
    expect(t).not.toBeNull();
    const f = utcTimingFields(t!);
    expect(f.time).toBe(s.time);
    expect(f.repeat).toBe(s.repeat);
  });
  it("reads weekday lists in any order and case, and refuses unknown ones", () => {
    expect(utcTimingOf({ time: "01:00", repeat: "FRI,mon", date: null, days: [], startDate: null, endDate: null })?.recurrence).toEqual({
      kind: "weekly",
      weekdays: ["mon", "fri"],
    });
    expect(utcTimingOf({ time: "01:00", repeat: "funday", date: null, days: [], startDate: null, endDate: null })).toBeNull();
  });
});
