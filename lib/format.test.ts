import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCompact,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRelative,
  fromUnixSeconds,
  toMillis,
} from "./format";

const T = Date.UTC(2026, 4, 14, 17, 5, 9); // 2026-05-14 17:05:09 UTC

describe("formatDateTime", () => {
  it("renders in the configured zone, not the machine's", () => {
    expect(formatDateTime(T, { timeZone: "Asia/Shanghai" })).toBe("2026-05-15 01:05:09");
    expect(formatDateTime(T, { timeZone: "UTC" })).toBe("2026-05-14 17:05:09");
    expect(formatDateTime(T, { timeZone: "America/New_York" })).toBe("2026-05-14 13:05:09");
  });
  it("supports date, time, minute and short styles", () => {
    const tz = "Asia/Shanghai";
    expect(formatDateTime(T, { timeZone: tz, style: "date" })).toBe("2026-05-15");
    expect(formatDateTime(T, { timeZone: tz, style: "time" })).toBe("01:05:09");
    expect(formatDateTime(T, { timeZone: tz, style: "minute" })).toBe("2026-05-15 01:05");
    expect(formatDateTime(T, { timeZone: tz, style: "short" })).toBe("05-15 01:05");
  });
  it("uses 00 for midnight, never 24", () => {
    expect(formatDateTime(Date.UTC(2026, 0, 1, 16, 0, 0), { timeZone: "Asia/Shanghai" })).toBe("2026-01-02 00:00:00");
  });
  it("accepts ISO strings and Dates, and shows a dash for missing or invalid input", () => {
    expect(formatDateTime("2026-05-14T17:05:09Z", { timeZone: "UTC" })).toBe("2026-05-14 17:05:09");
    expect(formatDateTime(new Date(T), { timeZone: "UTC" })).toBe("2026-05-14 17:05:09");
    expect(formatDateTime(null, { timeZone: "UTC" })).toBe("—");
    expect(formatDateTime("not a date", { timeZone: "UTC" })).toBe("—");
  });
  it("converts unix seconds", () => {
    expect(fromUnixSeconds(1_700_000_000)).toBe(1_700_000_000_000);
    expect(toMillis(undefined)).toBeNull();
  });
});

describe("formatRelative", () => {
  it("speaks both languages, past and future", () => {
    expect(formatRelative(T - 3 * 60_000, "en", T)).toBe("3 minutes ago");
    expect(formatRelative(T - 3 * 60_000, "zh-CN", T)).toBe("3分钟前");
    expect(formatRelative(T + 2 * 3600_000, "en", T)).toBe("in 2 hours");
    expect(formatRelative(T + 2 * 3600_000, "zh-CN", T)).toBe("2小时后");
  });
  it("says just now for under ten seconds", () => {
    expect(formatRelative(T - 4000, "en", T)).toBe("just now");
    expect(formatRelative(T + 4000, "zh-CN", T)).toBe("刚刚");
  });
  it("picks the largest fitting unit", () => {
    expect(formatRelative(T - 26 * 3600_000, "en", T)).toBe("yesterday");
    expect(formatRelative(T - 45_000, "en", T)).toBe("45 seconds ago");
  });
});

describe("numbers", () => {
  it("groups digits per locale", () => {
    expect(formatNumber(1234567.891, "en")).toBe("1,234,567.89");
    expect(formatNumber(1234567, "zh-CN")).toBe("1,234,567");
    expect(formatNumber(Number.NaN, "en")).toBe("—");
    expect(formatNumber(undefined, "en")).toBe("—");
  });
  it("compacts per locale", () => {
    expect(formatCompact(12_300, "en")).toBe("12.3K");
    expect(formatCompact(12_300, "zh-CN")).toBe("1.2万");
  });
  it("formats ratios as percent", () => {
    expect(formatPercent(0.1234, "en")).toBe("12.3%");
    expect(formatPercent(1, "zh-CN")).toBe("100%");
  });
  it("formats bytes", () => {
    expect(formatBytes(512, "en")).toBe("512 B");
    expect(formatBytes(1536, "en")).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 ** 3, "en")).toBe("5 GB");
  });
});

describe("formatDuration", () => {
  it("keeps the two largest units", () => {
    expect(formatDuration((2 * 3600 + 5 * 60 + 13) * 1000, "en")).toBe("2h 5m");
    expect(formatDuration((2 * 3600 + 5 * 60 + 13) * 1000, "zh-CN")).toBe("2小时5分");
    expect(formatDuration((3 * 86400 + 60) * 1000, "en")).toBe("3d");
    expect(formatDuration((86400 + 3600) * 1000, "en")).toBe("1d 1h");
  });
  it("handles zero, sub-second and negative durations", () => {
    expect(formatDuration(0, "en")).toBe("0s");
    expect(formatDuration(400, "zh-CN")).toBe("0秒");
    expect(formatDuration(-5000, "en")).toBe("0s");
    expect(formatDuration(Number.POSITIVE_INFINITY, "en")).toBe("—");
  });
});
