import { describe, expect, it } from "vitest";
import { isValidTimeZone, startOfZonedDay, zonedDayKey, zonedParts, zonedTimeToEpochMs } from "./zoned-time";

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
  });
  it("validates zone names", () => {
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
