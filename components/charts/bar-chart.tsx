"use client";

import { useCallback, useMemo, type ReactNode, type Ref } from "react";
import { useLocale, useT } from "../i18n";
import { barChartOption, barSeriesCsv, type BarSeries } from "./bar-options";
import { EChart, type ChartEvents, type ChartHandle } from "./echarts";
import type { ChartPalette } from "./option-types";

export type { BarSeries } from "./bar-options";

export interface BarChartProps {
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Accessible name, and the base of export file names unless `exportName` is given. */
  title: string;
  horizontal?: boolean;
  selected?: number;
  onCategoryClick?: (index: number) => void;
  height?: number | string;
  loading?: boolean;
  /** Header of the category column in the CSV. */
  categoryHeader?: string;
  /** false hides the PNG/CSV buttons. */
  exportName?: string | false;
  toolbar?: ReactNode;
  ref?: Ref<ChartHandle>;
}

/** Categories × series as bars (vertical, or horizontal for rankings). Pure: data via props. */
export function BarChart({
  categories,
  series,
  title,
  horizontal,
  selected,
  onCategoryClick,
  height,
  loading,
  categoryHeader,
  exportName,
  toolbar,
  ref,
}: BarChartProps) {
  const t = useT("charts");
  const locale = useLocale();
  const option = useCallback(
    (palette: ChartPalette) => barChartOption(categories, series, { locale, horizontal, selected }, palette),
    [categories, series, locale, horizontal, selected],
  );
  const events = useMemo<ChartEvents | undefined>(
    () => (onCategoryClick ? { click: (e) => (typeof e.dataIndex === "number" ? onCategoryClick(e.dataIndex) : undefined) } : undefined),
    [onCategoryClick],
  );
  return (
    <EChart
      ref={ref}
      option={option}
      onEvents={events}
      ariaLabel={t("chartOf", { title })}
      height={height ?? (horizontal ? Math.max(160, categories.length * 28 + 32) : undefined)}
      loading={loading}
      empty={categories.length === 0}
      exportName={exportName === false ? undefined : (exportName ?? title)}
      csv={() => barSeriesCsv(categories, series, categoryHeader ?? t("category"))}
      toolbar={toolbar}
    />
  );
}
