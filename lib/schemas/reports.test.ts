import { describe, expect, it } from "vitest";
import {
  clampRange,
  defaultRange,
  isClosedPeriod,
  latestPeriod,
  periodOrdinal,
  periodSpan,
  rangeProblem,
  shiftPeriod,
  periodQuerySchema,
} from "./reports";

describe("period keys", () => {
  it("rejects periods that do not exist", () => {
    expect(periodOrdinal("date", "2026-02-29")).toBeNull();
    expect(periodOrdinal("date", "2024-02-29")).not.toBeNull();
    expect(periodOrdinal("month", "2026-13")).toBeNull();
    // 2026 has 53 ISO weeks, 2025 has 52.
    expect(periodOrdinal("week", "2026-53")).not.toBeNull();
    expect(periodOrdinal("week", "2025-53")).toBeNull();
    expect(periodOrdinal("week", "2026-1")).toBeNull();
  });

  it("shifts across year ends in every cycle", () => {
    expect(shiftPeriod("date", "2025-12-31", 1)).toBe("2026-01-01");
    expect(shiftPeriod("month", "2026-01", -1)).toBe("2025-12");
    expect(shiftPeriod("week", "2026-01", -1)).toBe("2025-52");
    expect(shiftPeriod("week", "2026-53", 1)).toBe("2027-01");
  });

  it("counts spans inclusively and refuses reversed ranges", () => {
    expect(periodSpan("date", "2026-01-01", "2026-01-30")).toBe(30);
    expect(periodSpan("week", "2025-52", "2026-02")).toBe(3);
    expect(periodSpan("month", "2025-12", "2025-11")).toBeNull();
  });
});

describe("the API's limits", () => {
  it("accepts exactly 30 days, 53 weeks and 12 months, and no more", () => {
    expect(rangeProblem("date", "2026-01-01", "2026-01-30")).toBeNull();
    expect(rangeProblem("date", "2026-01-01", "2026-01-31")).toBe("limit");
    expect(rangeProblem("week", "2025-01", "2025-52")).toBeNull();
    expect(rangeProblem("week", "2025-01", "2026-02")).toBe("limit");
    expect(rangeProblem("month", "2025-01", "2025-12")).toBeNull();
    expect(rangeProblem("month", "2025-01", "2026-01")).toBe("limit");
    expect(rangeProblem("month", "2025-05", "2025-01")).toBe("order");
    expect(rangeProblem("date", "2025-5-1", "2025-05-02")).toBe("format");
  });

  it("refuses periods that have no completed day yet (T+1)", () => {
    expect(rangeProblem("date", "2026-11-01", "2026-11-22", "2026-11-22")).toBe("future");
    expect(rangeProblem("date", "2026-11-01", "2026-11-21", "2026-11-22")).toBeNull();
    // The current month has completed days unless today is the 1st.
    expect(latestPeriod("month", "2026-11-22")).toBe("2026-11");
    expect(latestPeriod("month", "2026-11-01")).toBe("2026-10");
    expect(latestPeriod("week", "2026-11-23")).toBe("2026-47"); // a Monday: last week
  });

  it("clamps the end that was not moved", () => {
    expect(clampRange("date", "2026-01-01", "2026-03-01", "start")).toEqual({ start: "2026-01-01", end: "2026-01-30", clamped: true });
    expect(clampRange("date", "2026-01-01", "2026-03-01", "end")).toEqual({ start: "2026-01-31", end: "2026-03-01", clamped: true });
    expect(clampRange("month", "2026-05", "2026-03", "start")).toEqual({ start: "2026-05", end: "2026-05", clamped: false });
    expect(clampRange("month", "2026-01", "2026-12", "end", "2026-10").end).toBe("2026-10");
  });

  it("defaults to the newest allowed window", () => {
    expect(defaultRange("date", "2026-11-22")).toEqual({ start: "2026-10-23", end: "2026-11-21" });
    expect(defaultRange("month", "2026-11-22")).toEqual({ start: "2025-12", end: "2026-11" });
    const w = defaultRange("week", "2026-11-22");
    expect(periodSpan("week", w.start, w.end)).toBe(12);
  });

  it("tells closed periods from the current one", () => {
    expect(isClosedPeriod("date", "2026-11-21", "2026-11-22")).toBe(true);
    expect(isClosedPeriod("month", "2026-11", "2026-11-22")).toBe(false);
    expect(isClosedPeriod("week", "2026-46", "2026-11-22")).toBe(true);
  });

  it("parses a period query with the date cycle by default", () => {
    expect(periodQuerySchema.parse({ start: "2026-01-01", end: "2026-01-02" }).cycle).toBe("date");
    expect(periodQuerySchema.safeParse({ cycle: "year", start: "2026", end: "2026" }).success).toBe(false);
  });
});
