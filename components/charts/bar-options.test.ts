import { describe, expect, it } from "vitest";
import { barChartOption, barSeriesCsv } from "./bar-options";
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

describe("barChartOption", () => {
  it("puts categories on the y axis, top-down, for rankings", () => {
    const o = barChartOption(["广州", "深圳"], [{ name: "n", values: [4, 2] }], { locale: "zh-CN", horizontal: true }, palette);
    expect(o.yAxis).toMatchObject({ type: "category", data: ["广州", "深圳"], inverse: true });
    expect(o.xAxis).toMatchObject({ type: "value" });
  });

  it("highlights the selected category and leaves missing values empty", () => {
    const o = barChartOption(["a", "b"], [{ name: "n", values: [null, 2] }], { locale: "en", selected: 1 }, palette);
    const [s] = o.series as { data: { value?: number; itemStyle?: { color: string } }[] }[];
    expect(s.data[0]).toEqual({ value: undefined, itemStyle: undefined });
    expect(s.data[1].itemStyle?.color).toBe("#00f");
  });
});

describe("barChartOption value axis", () => {
  it("ticks whole numbers only when every value is a whole number", () => {
    const counts = barChartOption(["d1", "d2"], [{ name: "n", values: [2, 3, null] }], { locale: "en" }, palette);
    expect(counts.yAxis).toMatchObject({ type: "value", minInterval: 1 });
    const energy = barChartOption(["d1", "d2"], [{ name: "kWh", values: [1.5, 3] }], { locale: "en" }, palette);
    expect((energy.yAxis as { minInterval?: number }).minInterval).toBeUndefined();
  });
});

describe("barSeriesCsv", () => {
  it("writes one row per category with units in the headers", () => {
    expect(
      barSeriesCsv(
        ["a", "b"],
        [
          { name: "Energy", unit: "kWh", values: [1.5, null] },
          { name: "Count", values: [3, 4] },
        ],
        "Day",
      ),
    ).toBe("Day,Energy (kWh),Count\r\na,1.5,3\r\nb,,4\r\n");
  });
});
