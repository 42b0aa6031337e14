"use client";

import { useCallback, useImperativeHandle, useMemo, useRef, useSyncExternalStore, type ReactNode, type Ref } from "react";
import * as echarts from "echarts/core";
import type { ECElementEvent, EChartsType } from "echarts/core";
import { BarChart, LineChart, MapChart, ScatterChart } from "echarts/charts";
import {
  AriaComponent,
  DataZoomComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/lib/core";
import type { MapGeoJson } from "@/lib/geo/map-data";
import { useT } from "../i18n";
import { ChartBoundary } from "./chart-boundary";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { EmptyState } from "../ui/empty-state";
import { IconDownload } from "../ui/icons";
import { downloadCsv, downloadPng } from "./export";
import type { ChartOption, ChartPalette } from "./option-types";

// Only what the console draws (echarts handbook, "Shrinking Bundle Size"); ChartOption lists the
// same modules, so an option needing another one fails to type-check.
echarts.use([
  LineChart,
  BarChart,
  MapChart,
  ScatterChart,
  AriaComponent,
  DataZoomComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** Registers a map file under a name once per page; echarts keeps maps globally. */
export function ensureMap(name: string, geo: MapGeoJson): void {
  if (!echarts.getMap(name)) echarts.registerMap(name, geo);
}

function subscribeToThemeClass(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

/** Follows the `dark` class the theme switch puts on <html>, whichever component set it. */
function useDarkClass(): boolean {
  return useSyncExternalStore(
    subscribeToThemeClass,
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
}

function readPalette(dark: boolean): ChartPalette {
  const css = typeof window === "undefined" ? null : getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css?.getPropertyValue(name).trim() || fallback;
  return {
    dark,
    ink: v("--ink", dark ? "#e6e8eb" : "#14171c"),
    inkMuted: v("--ink-muted", dark ? "#a0a8b4" : "#4d5663"),
    line: v("--line", dark ? "#252a31" : "#e3e6eb"),
    panel: v("--panel", dark ? "#14171b" : "#ffffff"),
    accent: v("--accent", dark ? "#60a5fa" : "#2563eb"),
    scale: [v("--accent-soft", dark ? "#1e2b45" : "#e8effd"), v("--accent", dark ? "#60a5fa" : "#2563eb")],
    empty: v("--sunken", dark ? "#101317" : "#f1f3f6"),
  };
}

export interface ChartHandle {
  /** PNG of the chart as drawn, on the panel colour (transparent PNGs look broken in viewers). */
  getDataURL(): string | null;
  exportPng(name: string): void;
  getInstance(): EChartsType | null;
}

export type ChartEvents = Partial<Record<"click" | "dblclick" | "mouseover" | "mouseout", (e: ECElementEvent) => void>>;

export interface EChartProps {
  /** An option, or a builder that gets the console's colours for the current theme. */
  option: ChartOption | ((palette: ChartPalette) => ChartOption);
  /** Accessible name of the figure. */
  ariaLabel: string;
  height?: number | string;
  loading?: boolean;
  /** Shows the empty state instead of an empty canvas. */
  empty?: boolean;
  emptyText?: ReactNode;
  onEvents?: ChartEvents;
  /** Adds PNG (and, with `csv`, CSV) export buttons; the base of the file names. */
  exportName?: string;
  csv?: () => string;
  /** More controls in the chart's top bar (a measure picker, a breadcrumb). */
  toolbar?: ReactNode;
  className?: string;
  ref?: Ref<ChartHandle>;
}

/**
 * The one echarts wrapper: registers modules once, follows the theme, resizes with its box,
 * shows loading and empty states, and exports PNG/CSV. Load it through components/charts/lazy.tsx
 * so echarts stays out of a page's first-load JavaScript.
 */
export function EChart({
  option,
  ariaLabel,
  height = 320,
  loading,
  empty,
  emptyText,
  onEvents,
  exportName,
  csv,
  toolbar,
  className,
  ref,
}: EChartProps) {
  const tc = useT("common");
  const t = useT("charts");
  const dark = useDarkClass();
  const palette = useMemo(() => readPalette(dark), [dark]);
  const resolved = useMemo(() => {
    const o = typeof option === "function" ? option(palette) : option;
    return { backgroundColor: "transparent", aria: { enabled: true }, animationDuration: 300, ...o } satisfies ChartOption;
  }, [option, palette]);
  const core = useRef<ReactEChartsCore>(null);

  const getDataURL = useCallback((): string | null => {
    const inst = core.current?.getEchartsInstance();
    return inst ? inst.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: palette.panel }) : null;
  }, [palette.panel]);
  const exportPng = useCallback(
    (name: string) => {
      const url = getDataURL();
      if (url) downloadPng(name, url);
    },
    [getDataURL],
  );
  useImperativeHandle(ref, () => ({ getDataURL, exportPng, getInstance: () => core.current?.getEchartsInstance() ?? null }), [
    getDataURL,
    exportPng,
  ]);

  const showEmpty = empty && !loading;
  const hasBar = toolbar !== undefined || exportName !== undefined;
  return (
    <figure className={cn("m-0 flex min-w-0 flex-col", className)} aria-label={ariaLabel}>
      {hasBar ? (
        <div className="flex flex-wrap items-center justify-between gap-2 pb-2">
          <div className="flex min-w-0 flex-wrap items-center gap-2">{toolbar}</div>
          {exportName !== undefined ? (
            <div className="flex shrink-0 items-center gap-1">
              <Button
                size="xs"
                variant="ghost"
                onClick={() => exportPng(exportName)}
                disabled={showEmpty || loading}
                title={tc("exportPng")}
              >
                <IconDownload width={12} height={12} /> PNG
              </Button>
              {csv ? (
                <Button
                  size="xs"
                  variant="ghost"
                  onClick={() => downloadCsv(exportName, csv())}
                  disabled={showEmpty || loading}
                  title={tc("exportCsv")}
                >
                  <IconDownload width={12} height={12} /> CSV
                </Button>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
      {showEmpty ? (
        <div style={{ height }} className="flex items-center justify-center">
          <EmptyState compact title={emptyText ?? t("noData")} />
        </div>
      ) : (
        <ChartBoundary
          resetOn={resolved}
          fallback={(retry) => (
            <div style={{ height }} className="flex flex-col items-center justify-center gap-2" data-testid="chart-failed">
              <EmptyState compact title={t("drawFailed")} />
              <Button size="xs" variant="ghost" onClick={retry}>
                {t("drawAgain")}
              </Button>
            </div>
          )}
        >
          <ReactEChartsCore
            ref={core}
            echarts={echarts}
            option={resolved}
            notMerge
            theme={dark ? "dark" : undefined}
            showLoading={loading ?? false}
            loadingOption={{ text: "", color: palette.accent, maskColor: "rgba(0,0,0,0)" }}
            onEvents={onEvents}
            style={{ height, width: "100%" }}
          />
        </ChartBoundary>
      )}
    </figure>
  );
}
