import { describe, expect, it } from "vitest";
import {
  dateTimeFormat,
  isValidTimeZone,
  startOfZonedDay,
  zonedDayEnd,
  zonedDayKey,
  zonedDayStart,
  zonedParts,
  zonedTimeToEpochMs,
} from "./zoned-time";

describe("zoned time", () => {
  it("maps Shanghai wall time to instants (UTC+8, no DST)", () => {
    expect(zonedTimeToEpochMs({ year: 2024, month: 3, day: 1 })).toBe(Date.UTC(2024, 1, 29, 16));
    expect(zonedTimeToEpochMs({ year: 2024, month: 1, day: 1, hour: 7 }, "Asia/Shanghai")).toBe(Date.UTC(2023, 11, 31, 23));
  });
  it("rolls over out-of-range days like Date.UTC", () => {
    expect(zonedTimeToEpochMs({ year: 2024, month: 2, day: 30 }, "UTC")).toBe(Date.UTC(2024, 2, 1));
    expect(zonedTimeToEpochMs({ year: 2024, month: 12, day: 32 }, "UTC")).toBe(Date.UTC(2025, 0, 1));
  });
  it("handles DST days in zones that have them", () => {
    const ny = "America/New_York";
    const before = zonedTimeToEpochMs({ year: 2024, month: 3, day: 10 }, ny);
    const after = zonedTimeToEpochMs({ year: 2024, month: 3, day: 11 }, ny);
    expect(after - before).toBe(23 * 3600_000);
    expect(before).toBe(Date.UTC(2024, 2, 10, 5));
    expect(zonedParts(zonedTimeToEpochMs({ year: 2024, month: 3, day: 10, hour: 3, minute: 30 }, ny), ny)).toMatchObject({
      hour: 3,
      minute: 30,
    });
  });
  it("finds the local day of an instant", () => {
    const t = Date.UTC(2024, 1, 29, 17, 30); // 01:30 on 1 March in Shanghai
    expect(zonedDayKey(t)).toBe("2024-03-01");
    expect(zonedDayKey(t, "UTC")).toBe("2024-02-29");
    expect(startOfZonedDay(t)).toBe(Date.UTC(2024, 1, 29, 16));
    const T = Date.UTC(2026, 4, 14, 17, 5, 9); // 2026-05-14 17:05:09 UTC
    expect(zonedDayKey(T, "Asia/Shanghai")).toBe("2026-05-15");
    expect(zonedDayKey(T, "UTC")).toBe("2026-05-14");
  });
  it("reads midnight as hour 0, never 24", () => {
    expect(zonedParts(Date.UTC(2026, 0, 1, 16, 0, 0), "Asia/Shanghai")).toEqual({
      year: 2026,
      month: 1,
      day: 2,
      hour: 0,
      minute: 0,
      second: 0,
    });
  });
  it("validates zone names", () => {
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("zoned day bounds", () => {
  it("finds where a day starts and ends in the zone", () => {
    expect(new Date(zonedDayStart("2026-05-14", "Asia/Shanghai")!).toISOString()).toBe("2026-05-13T16:00:00.000Z");
    expect(new Date(zonedDayEnd("2026-05-14", "Asia/Shanghai")!).toISOString()).toBe("2026-05-14T15:59:59.999Z");
    expect(new Date(zonedDayStart("2026-05-14", "UTC")!).toISOString()).toBe("2026-05-14T00:00:00.000Z");
  });
  it("handles days that are 23 or 25 hours long", () => {
    // US DST starts 2026-03-08 and ends 2026-11-01.
    expect(new Date(zonedDayStart("2026-03-08", "America/New_York")!).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(new Date(zonedDayEnd("2026-03-08", "America/New_York")!).toISOString()).toBe("2026-03-09T03:59:59.999Z");
    expect(new Date(zonedDayEnd("2026-11-01", "America/New_York")!).toISOString()).toBe("2026-11-02T04:59:59.999Z");
  });
  it("rejects malformed or impossible days", () => {
    expect(zonedDayStart("2026-02-30", "UTC")).toBeNull();
    expect(zonedDayStart("14/05/2026", "UTC")).toBeNull();
    expect(zonedDayEnd("", "UTC")).toBeNull();
  });
});

describe("dateTimeFormat", () => {
  it("builds one formatter per locale, zone and options, and formats in that zone", () => {
    const opts: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    const f = dateTimeFormat("en", "Asia/Shanghai", opts);
    expect(dateTimeFormat("en", "Asia/Shanghai", { ...opts })).toBe(f);
    expect(dateTimeFormat("en", "UTC", opts)).not.toBe(f);
    expect(f.format(Date.UTC(2026, 0, 1, 0, 0))).toBe("08:00");
  });
});
