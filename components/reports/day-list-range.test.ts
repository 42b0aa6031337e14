import { describe, expect, it } from "vitest";
import { dayListRange } from "./day-list-range";

const today = "2026-12-02";

describe("dayListRange", () => {
  it("keeps a range that ends yesterday or earlier", () => {
    expect(dayListRange("2026-11-20", "2026-12-01", today)).toEqual({ start: "2026-11-20", end: "2026-12-01", todayPending: false });
  });

  it("shows yesterday, flagged, when the URL asks for today alone (the overview's New today)", () => {
    expect(dayListRange(today, today, today)).toEqual({ start: "2026-12-01", end: "2026-12-01", todayPending: true });
  });

  it("cuts a range reaching today to end yesterday, flagged", () => {
    expect(dayListRange("2026-11-26", today, today)).toEqual({ start: "2026-11-26", end: "2026-12-01", todayPending: true });
  });

  it("falls back to the last 7 days for ranges in the future or malformed, unflagged", () => {
    const week = { start: "2026-11-25", end: "2026-12-01", todayPending: false };
    expect(dayListRange("2026-12-03", "2026-12-03", today)).toEqual(week);
    expect(dayListRange("", "", today)).toEqual(week);
    expect(dayListRange("2026-12-01", "2026-11-30", today)).toEqual(week);
  });

  it("crosses a month and a year boundary", () => {
    expect(dayListRange("2027-01-01", "2027-01-01", "2027-01-01")).toEqual({ start: "2026-12-31", end: "2026-12-31", todayPending: true });
  });
});
