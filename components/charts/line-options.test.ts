import { describe, expect, it } from "vitest";
import type { TooltipComponentFormatterCallbackParams } from "echarts";
import {
  axisKeys,
  formatValue,
  lineChartOption,
  lineSeriesCsv,
  timeLabelFormatter,
  type LineOptionsContext,
  type LineSeries,
} from "./line-options";
import type { ChartPalette } from "./option-types";

const palette: ChartPalette = {
  dark: false,
  ink: "#000",
  inkMuted: "#555",
  line: "#ddd",
  panel: "#fff",
  accent: "#00f",
  scale: ["#eef", "#00f"],
  empty: "#eee",
};
const ctx: LineOptionsContext = { locale: "en", timeZone: "Asia/Shanghai", boolLabels: ["Off", "On"] };
const T0 = Date.UTC(2026, 0, 1, 0, 0); // 08:00 in Shanghai

const temp: LineSeries = {
  name: "Temperature",
  unit: "°C",
  points: [
    [T0, 21.5],
    [T0 + 60_000, null],
    [T0 + 120_000, 22],
  ],
};
const power: LineSeries = {
  name: "Power",
  kind: "bool",
  points: [
    [T0, 0],
    [T0 + 60_000, 1],
  ],
};
const mode: LineSeries = { name: "Mode", kind: "enum", labels: ["auto", "cool", "heat"], points: [[T0, 2]] };

describe("axes", () => {
  it("shares an axis per unit and gives each state series its own, at most two", () => {
    expect(axisKeys([temp, { ...temp, name: "Other" }])).toEqual({ keys: ["unit:°C"], axisOf: [0, 0] });
    expect(axisKeys([temp, power])).toEqual({ keys: ["unit:°C", "state:Power"], axisOf: [0, 1] });
    expect(axisKeys([temp, power, mode]).axisOf).toEqual([0, 1, 0]);
  });
});

describe("lineChartOption", () => {
  it("draws states as steps on an axis labelled with their names", () => {
    const o = lineChartOption([power], ctx, palette);
    const series = o.series as { step?: string; data: unknown[] }[];
    expect(series[0].step).toBe("end");
    const y = (o.yAxis as { min?: number; max?: number; axisLabel: { formatter: (v: number) => string } }[])[0];
    expect([y.min, y.max]).toEqual([0, 1]);
    expect(y.axisLabel.formatter(1)).toBe("On");
  });

  it("keeps gaps as gaps and numbers as lines", () => {
    const o = lineChartOption([temp], ctx, palette);
    const [s] = o.series as { step?: string; data: unknown[]; connectNulls: boolean }[];
    expect(s.step).toBeUndefined();
    expect(s.connectNulls).toBe(false);
    expect(s.data).toEqual([
      [T0, 21.5],
      [T0 + 60_000, null],
      [T0 + 120_000, 22],
    ]);
  });

  it("formats the tooltip in the console's time zone and escapes names", () => {
    const evil: LineSeries = { name: "<img onerror=x>", unit: "V", points: [[T0, 3]] };
    const o = lineChartOption([evil], ctx, palette);
    const tooltip = o.tooltip as { formatter: (p: TooltipComponentFormatterCallbackParams) => string };
    const html = tooltip.formatter([
      { seriesIndex: 0, dataIndex: 0, value: [T0, 3], marker: "" },
    ] as unknown as TooltipComponentFormatterCallbackParams);
    expect(html).toContain("08:00:00");
    expect(html).toContain("&#60;img onerror=x&#62;");
    expect(html).not.toContain("<img");
    expect(html).toContain("3 V");
  });
});

describe("values and labels", () => {
  it("formats values by kind", () => {
    expect(formatValue(temp, 21.5, ctx)).toBe("21.5 °C");
    expect(formatValue(power, 1, ctx)).toBe("On");
    expect(formatValue(mode, 2, ctx)).toBe("heat");
    expect(formatValue(temp, null, ctx)).toBe("—");
  });

  it("labels a two-day axis by day at local midnight and by time in between, never the same date twice in a row", () => {
    const label = timeLabelFormatter(2 * 86_400_000, "en", "Asia/Shanghai");
    const midnight = Date.UTC(2025, 11, 31, 16, 0); // 2026-01-01 00:00 in Shanghai
    const ticks = [0, 6, 12, 18, 24, 30].map((h) => label(midnight + h * 3_600_000));
    expect(ticks).toEqual(["01/01", "06:00", "12:00", "18:00", "01/02", "06:00"]);
    expect(timeLabelFormatter(2 * 86_400_000, "en", "UTC")(midnight)).toBe("16:00");
  });

  it("draws each series in time order with one value per instant, whatever order the windows arrived in", () => {
    const s: LineSeries = {
      name: "T",
      kind: "number",
      points: [
        [3000, 3],
        [1000, 1],
        [2000, 2],
        [1000, 1],
      ],
    };
    const o = lineChartOption([s], ctx, palette);
    const [line] = o.series as { data: [number, number][] }[];
    expect(line.data).toEqual([
      [1000, 1],
      [2000, 2],
      [3000, 3],
    ]);
  });

  it("picks axis label detail by span", () => {
    expect(timeLabelFormatter(3_600_000, "en", "Asia/Shanghai")(T0)).toBe("08:00");
    expect(timeLabelFormatter(20 * 86_400_000, "en", "Asia/Shanghai")(T0)).toBe("01/01");
    expect(timeLabelFormatter(400 * 86_400_000, "en", "Asia/Shanghai")(T0)).toBe("01/2026");
  });
});

describe("lineSeriesCsv", () => {
  it("writes one row per time and one column per series, states as labels", () => {
    const csv = lineSeriesCsv([temp, power], ctx, "Time");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Time,Temperature (°C),Power");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe("2026-01-01 08:00:00,21.5,Off");
    expect(lines[2]).toMatch(/08:01:00,,On$/);
    expect(lines[3]).toMatch(/08:02:00,22,$/);
  });
});
