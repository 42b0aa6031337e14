import { describe, expect, it } from "vitest";
import { parseLocalDateTime, parseRangeParams, presetRange, resolveRange, toLocalInput } from "./range";

const TZ = "Asia/Shanghai";
/** Epoch ms of a Shanghai wall-clock time. */
const cst = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 8, mi);
const NOW = cst(2026, 5, 14, 12, 0);

describe("parseLocalDateTime / toLocalInput", () => {
  it("reads wall-clock time in the product's zone, whatever zone the browser is in", () => {
    expect(parseLocalDateTime("2026-05-07T09:30", TZ)).toBe(cst(2026, 5, 7, 9, 30));
    expect(parseLocalDateTime("2026-05-07", TZ)).toBe(cst(2026, 5, 7));
    expect(parseLocalDateTime("2026-05-07T09:30", "UTC")).toBe(Date.UTC(2026, 4, 7, 9, 30));
    expect(toLocalInput(cst(2026, 5, 7, 9, 30), TZ)).toBe("2026-05-07T09:30");
  });
  it.each(["", "yesterday", "2026-02-30T10:00", "2026-05-07T24:00", "2026-5-7"])("refuses %j", (v) => {
    expect(parseLocalDateTime(v, TZ)).toBeNull();
  });
});

describe("parseRangeParams", () => {
  it("keeps a free range and falls back for unknown or disallowed presets", () => {
    expect(parseRangeParams({ range: "custom", from: "a", to: "b" }, "2d", ["2d"])).toEqual({ kind: "custom", from: "a", to: "b" });
    expect(parseRangeParams({ range: "custom", from: null, to: "b" }, "2d", ["2d"])).toEqual({ kind: "preset", preset: "2d" });
    expect(parseRangeParams({ range: "365d", from: null, to: null }, "7d", ["7d", "30d"])).toEqual({ kind: "preset", preset: "7d" });
    expect(parseRangeParams({ range: "30d", from: null, to: null }, "7d", ["7d", "30d"])).toEqual({ kind: "preset", preset: "30d" });
  });
});

describe("resolveRange", () => {
  it("loads any 3 hours of last week as asked", () => {
    const r = resolveRange({ kind: "custom", from: "2026-05-07T09:00", to: "2026-05-07T12:00" }, NOW, TZ);
    expect(r).toEqual({
      requested: { start: cst(2026, 5, 7, 9) / 1000, end: cst(2026, 5, 7, 12) / 1000 },
      range: { start: cst(2026, 5, 7, 9) / 1000, end: cst(2026, 5, 7, 12) / 1000 },
      clamped: false,
      problem: null,
    });
  });
  it("clamps to the lookback and to now, and says so", () => {
    const r = resolveRange({ kind: "custom", from: "2026-03-01T00:00", to: "2026-06-01T00:00" }, NOW, TZ);
    expect(r.clamped).toBe(true);
    expect(r.problem).toBeNull();
    expect(r.range.end).toBe(NOW / 1000);
    expect(r.range.start).toBe(NOW / 1000 - 30 * 86_400 + 300);
    expect(resolveRange({ kind: "custom", from: "2026-05-14T10:00", to: "2026-05-15T10:00" }, NOW, TZ).clamped).toBe(true);
  });
  it("has no lookback when told so (aggregation)", () => {
    const r = resolveRange({ kind: "custom", from: "2025-05-01", to: "2026-05-01" }, NOW, TZ, { lookbackDays: null });
    expect(r).toMatchObject({ clamped: false, problem: null, range: { start: cst(2025, 5, 1) / 1000, end: cst(2026, 5, 1) / 1000 } });
  });
  it("falls back to the preset and names the problem", () => {
    const fallback = presetRange("2d", NOW);
    expect(resolveRange({ kind: "custom", from: "x", to: "y" }, NOW, TZ)).toMatchObject({ problem: "invalid", range: fallback });
    expect(resolveRange({ kind: "custom", from: "2026-05-08", to: "2026-05-07" }, NOW, TZ)).toMatchObject({
      problem: "order",
      range: fallback,
    });
    expect(resolveRange({ kind: "custom", from: "2026-01-01", to: "2026-01-03" }, NOW, TZ)).toMatchObject({
      problem: "outside",
      range: fallback,
    });
  });
  it("clamps a long preset to the lookback; the safety margin alone is no news", () => {
    const r = resolveRange({ kind: "preset", preset: "30d" }, NOW, TZ);
    expect(r.clamped).toBe(false);
    expect(r.range.end - r.range.start).toBe(30 * 86_400 - 300);
  });
});
