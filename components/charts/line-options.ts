import type { TooltipComponentFormatterCallbackParams } from "echarts";
import type { LineSeriesOption } from "echarts/charts";
import type { YAXisComponentOption } from "echarts";
import { toCsv, type CsvColumn } from "@/lib/csv";
import { formatDateTime } from "@/lib/format";
import type { Locale } from "@/lib/i18n/core";
import { dateTimeFormat } from "@/lib/zoned-time";
import type { ChartOption, ChartPalette } from "./option-types";

/** One line: `[epoch ms, value]` points; `null` leaves a gap (no data), it is not drawn as 0. */
export interface LineSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number | null]>;
  unit?: string;
  /**
   * bool and enum datapoints are states, not quantities: drawn as steps on their own axis,
   * with `labels[i]` naming value i (bool: [off, on]).
   */
  kind?: "number" | "bool" | "enum";
  labels?: readonly string[];
}

export interface LineOptionsContext {
  locale: Locale;
  timeZone: string;
  /** Names of bool values when a series brings no labels. */
  boolLabels: readonly [off: string, on: string];
  /** Fill under single-series lines. */
  area?: boolean;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Axis labels fit the span: times within ~a day and a half, days within three months, else months. */
export function timeLabelFormatter(spanMs: number, locale: Locale, timeZone: string): (ms: number) => string {
  const time = dateTimeFormat(locale, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const day = dateTimeFormat(locale, timeZone, { month: "2-digit", day: "2-digit" });
  if (spanMs <= 10 * DAY) {
    // Ticks every few hours: a day's first tick (local midnight) names the day, the others the
    // time — labelling them all by day repeated the same date along the axis.
    const isMidnight = (ms: number) =>
      time
        .formatToParts(ms)
        .filter((p) => p.type === "hour" || p.type === "minute")
        .every((p) => Number(p.value) % 24 === 0);
    return (ms) => (isMidnight(ms) ? day.format(ms) : time.format(ms));
  }
  const f = spanMs <= 90 * DAY ? day : dateTimeFormat(locale, timeZone, { year: "numeric", month: "2-digit" });
  return (ms) => f.format(ms);
}

/** The tooltip's time: in the locale's own order, to the second. */
const FULL_TIME: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
};

export function fullTimeFormatter(locale: Locale, timeZone: string): (ms: number) => string {
  const f = dateTimeFormat(locale, timeZone, FULL_TIME);
  return (ms) => f.format(ms);
}

function labelsOf(s: LineSeries, ctx: LineOptionsContext): readonly string[] | undefined {
  if (s.kind === "bool") return s.labels ?? ctx.boolLabels;
  if (s.kind === "enum") return s.labels;
  return undefined;
}

/** The text of one value: an enum/bool label, or the number with its unit. */
export function formatValue(s: LineSeries, v: number | null, ctx: LineOptionsContext): string {
  if (v === null) return "—";
  const labels = labelsOf(s, ctx);
  if (labels) return labels[v] ?? String(v);
  const n = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 3 }).format(v);
  return s.unit ? `${n} ${s.unit}` : n;
}

/** Series sharing a unit share an axis; each state series gets its own; at most two axes are drawn. */
export function axisKeys(series: readonly LineSeries[]): { keys: string[]; axisOf: number[] } {
  const keys: string[] = [];
  const axisOf = series.map((s) => {
    const key = s.kind === "bool" || s.kind === "enum" ? `state:${s.name}` : `unit:${s.unit ?? ""}`;
    let i = keys.indexOf(key);
    if (i === -1 && keys.length < 2) i = keys.push(key) - 1;
    return i === -1 ? 0 : i;
  });
  return { keys, axisOf };
}

/** The points sorted by time, the last value kept where one instant appears twice. */
export function inTimeOrder(points: LineSeries["points"]): [number, number | null][] {
  const byTime = new Map<number, number | null>();
  for (const [t, v] of points) byTime.set(t, v);
  return [...byTime].sort((a, b) => a[0] - b[0]);
}

export function lineChartOption(series: readonly LineSeries[], ctx: LineOptionsContext, palette: ChartPalette): ChartOption {
  const times = series.flatMap((s) => s.points.map((p) => p[0]));
  const span = times.length ? Math.max(...times) - Math.min(...times) : 0;
  const axisLabel = timeLabelFormatter(span, ctx.locale, ctx.timeZone);
  const full = fullTimeFormatter(ctx.locale, ctx.timeZone);
  const { keys, axisOf } = axisKeys(series);

  const yAxis: YAXisComponentOption[] = keys.map((key, i) => {
    const owner = series[axisOf.indexOf(i)];
    const labels = owner ? labelsOf(owner, ctx) : undefined;
    const base: YAXisComponentOption = {
      type: "value",
      position: i === 0 ? "left" : "right",
      axisLabel: { color: palette.inkMuted },
      splitLine: { show: i === 0, lineStyle: { color: palette.line } },
    };
    if (key.startsWith("state:") && labels) {
      return {
        ...base,
        min: 0,
        max: Math.max(labels.length - 1, 1),
        interval: 1,
        axisLabel: { ...base.axisLabel, formatter: (v: number) => labels[v] ?? "" },
      };
    }
    return { ...base, name: owner?.unit, nameTextStyle: { color: palette.inkMuted }, scale: true };
  });

  const lines: LineSeriesOption[] = series.map((s, i) => {
    const state = s.kind === "bool" || s.kind === "enum";
    return {
      type: "line",
      name: s.name,
      yAxisIndex: axisOf[i],
      // In time order, one value per instant: points from several history windows (or a window
      // re-fetched) would otherwise draw a line back to the start of the range.
      data: inTimeOrder(s.points),
      step: state ? "end" : undefined,
      showSymbol: s.points.length <= 48,
      symbolSize: 4,
      connectNulls: false,
      sampling: state ? undefined : "lttb",
      areaStyle: ctx.area && series.length === 1 && !state ? { opacity: 0.12 } : undefined,
      lineStyle: { width: 1.5 },
    };
  });

  // Reads [time, value] from the hovered item itself: with sampling on, dataIndex need not point
  // into the caller's array.
  const pointOf = (value: unknown): [number, number | null] | null =>
    Array.isArray(value) && typeof value[0] === "number" ? [value[0], typeof value[1] === "number" ? value[1] : null] : null;
  const tooltipFormatter = (params: TooltipComponentFormatterCallbackParams): string => {
    const list = Array.isArray(params) ? params : [params];
    const t = list.map((p) => pointOf(p.value)?.[0]).find((x) => x !== undefined);
    const rows = list.map((p) => {
      const s = series[p.seriesIndex ?? 0];
      const marker = typeof p.marker === "string" ? p.marker : "";
      return s ? `<div>${marker}${escapeHtml(s.name)}: <b>${escapeHtml(formatValue(s, pointOf(p.value)?.[1] ?? null, ctx))}</b></div>` : "";
    });
    return `${t === undefined ? "" : `<div>${escapeHtml(full(t))}</div>`}${rows.join("")}`;
  };

  return {
    grid: { left: 8, right: keys.length > 1 ? 8 : 16, top: series.length > 1 ? 36 : 24, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { top: 0, type: "plain", textStyle: { color: palette.inkMuted } } : undefined,
    tooltip: { trigger: "axis", formatter: tooltipFormatter, confine: true },
    xAxis: {
      type: "time",
      axisLabel: { color: palette.inkMuted, formatter: (v: number) => axisLabel(v), hideOverlap: true },
      axisLine: { lineStyle: { color: palette.line } },
      splitLine: { show: false },
    },
    yAxis,
    dataZoom: span > 0 ? [{ type: "inside", throttle: 50 }] : undefined,
    series: lines,
  };
}

/** `2026-01-01 08:00:00` in the given zone: sortable, and no comma for spreadsheets to trip on. */
export function csvTimeFormatter(timeZone: string): (ms: number) => string {
  return (ms) => formatDateTime(ms, { timeZone });
}

/** The chart's numbers as CSV: one row per time, one column per series (values as labels for states). */
export function lineSeriesCsv(series: readonly LineSeries[], ctx: LineOptionsContext, timeHeader: string): string {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const byTime = series.map((s) => new Map(s.points.map(([t, v]) => [t, v])));
  const time = csvTimeFormatter(ctx.timeZone);
  const columns: CsvColumn<number>[] = [
    { header: timeHeader, value: (t) => time(t) },
    ...series.map(
      (s, i): CsvColumn<number> => ({
        header: s.unit ? `${s.name} (${s.unit})` : s.name,
        value: (t) => {
          const v = byTime[i].get(t);
          if (v === undefined || v === null) return null;
          const labels = labelsOf(s, ctx);
          return labels ? (labels[v] ?? v) : v;
        },
      }),
    ),
  ];
  return toCsv(times, columns);
}
