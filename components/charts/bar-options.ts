import type { BarSeriesOption } from "echarts/charts";
import { toCsv, type CsvColumn } from "@/lib/csv";
import type { Locale } from "@/lib/i18n/core";
import type { ChartOption, ChartPalette } from "./option-types";

export interface BarSeries {
  name: string;
  /** One value per category; null = no data. */
  values: ReadonlyArray<number | null>;
  unit?: string;
  /** Series with the same stack name are stacked. */
  stack?: string;
}

export interface BarOptionsContext {
  locale: Locale;
  /** Bars grow rightwards with categories listed top-down (rankings). */
  horizontal?: boolean;
  /** Highlights one category (e.g. the selected city). */
  selected?: number;
}

export function barChartOption(
  categories: readonly string[],
  series: readonly BarSeries[],
  ctx: BarOptionsContext,
  palette: ChartPalette,
): ChartOption {
  const nf = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 2 });
  const categoryAxis = {
    type: "category" as const,
    data: [...categories],
    // A ranking reads top-down: the first category at the top.
    inverse: ctx.horizontal === true,
    axisLabel: {
      color: palette.inkMuted,
      hideOverlap: !ctx.horizontal,
      width: ctx.horizontal ? 120 : undefined,
      overflow: "truncate" as const,
    },
    axisLine: { lineStyle: { color: palette.line } },
    axisTick: { show: false },
  };
  // Counts (devices, users, events) must not get ticks like 2.5: whole-number data, whole-number ticks.
  const wholeNumbers = series.every((s) => s.values.every((v) => v === null || v === undefined || Number.isInteger(v)));
  const valueAxis = {
    type: "value" as const,
    minInterval: wholeNumbers ? 1 : undefined,
    axisLabel: { color: palette.inkMuted },
    splitLine: { lineStyle: { color: palette.line } },
  };
  const bars: BarSeriesOption[] = series.map((s) => ({
    type: "bar",
    name: s.name,
    stack: s.stack,
    barMaxWidth: 28,
    data: s.values.map((v, i) => ({
      value: v ?? undefined,
      itemStyle: ctx.selected === i ? { color: palette.accent, borderColor: palette.ink, borderWidth: 1 } : undefined,
    })),
    label:
      ctx.horizontal && series.length === 1
        ? {
            show: true,
            position: "right",
            color: palette.inkMuted,
            formatter: (p: { value?: unknown }) => (typeof p.value === "number" ? nf.format(p.value) : ""),
          }
        : undefined,
  }));
  return {
    grid: { left: 8, right: ctx.horizontal ? 48 : 16, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { top: 0, textStyle: { color: palette.inkMuted } } : undefined,
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      confine: true,
      valueFormatter: (v) => (typeof v === "number" ? nf.format(v) : "—"),
    },
    xAxis: ctx.horizontal ? valueAxis : categoryAxis,
    yAxis: ctx.horizontal ? categoryAxis : valueAxis,
    series: bars,
  };
}

/** The chart's numbers as CSV: one row per category. */
export function barSeriesCsv(categories: readonly string[], series: readonly BarSeries[], categoryHeader: string): string {
  const columns: CsvColumn<number>[] = [
    { header: categoryHeader, value: (i) => categories[i] },
    ...series.map((s): CsvColumn<number> => ({ header: s.unit ? `${s.name} (${s.unit})` : s.name, value: (i) => s.values[i] ?? null })),
  ];
  return toCsv(
    categories.map((_, i) => i),
    columns,
  );
}
