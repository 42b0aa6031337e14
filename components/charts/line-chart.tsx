"use client";

import { useCallback, type ReactNode, type Ref } from "react";
import { useLocale, useT, useTimeZone } from "../i18n";
import { EChart, type ChartHandle } from "./echarts";
import { lineChartOption, lineSeriesCsv, type LineOptionsContext, type LineSeries } from "./line-options";
import type { ChartPalette } from "./option-types";

export type { LineSeries } from "./line-options";

export interface LineChartProps {
  series: readonly LineSeries[];
  /** Accessible name, and the base of export file names unless `exportName` is given. */
  title: string;
  height?: number | string;
  loading?: boolean;
  /** Fill under a single line. */
  area?: boolean;
  /** false hides the PNG/CSV buttons. */
  exportName?: string | false;
  toolbar?: ReactNode;
  ref?: Ref<ChartHandle>;
}

/** Values over time in the console's time zone; bool/enum series as steps. Pure: data via props. */
export function LineChart({ series, title, height, loading, area, exportName, toolbar, ref }: LineChartProps) {
  const t = useT("charts");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const on = t("on");
  const off = t("off");
  const ctx: LineOptionsContext = { locale, timeZone, boolLabels: [off, on], area };
  const option = useCallback(
    (palette: ChartPalette) => lineChartOption(series, { locale, timeZone, boolLabels: [off, on], area }, palette),
    [series, locale, timeZone, off, on, area],
  );
  const empty = series.every((s) => s.points.length === 0);
  return (
    <EChart
      ref={ref}
      option={option}
      ariaLabel={t("chartOf", { title })}
      height={height}
      loading={loading}
      empty={empty}
      exportName={exportName === false ? undefined : (exportName ?? title)}
      csv={() => lineSeriesCsv(series, ctx, t("time"))}
      toolbar={toolbar}
    />
  );
}
