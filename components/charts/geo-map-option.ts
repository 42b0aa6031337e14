import type { ScatterSeriesOption } from "echarts/charts";
import type { TooltipComponentFormatterCallbackParams } from "echarts";
import { countryLabel, provinceLabel } from "@/lib/geo/aliases";
import type { GeoView, MapArea, MapPoint } from "@/lib/geo/map-model";
import type { Locale } from "@/lib/i18n/core";
import { escapeHtml } from "./line-options";
import type { ChartOption, ChartPalette } from "./option-types";

export type MapView = Extract<GeoView, { kind: "world" | "china" }>;

/** Names the echarts map registry uses for the two files. */
export const MAP_NAMES = { world: "gw-world", china: "gw-china" } as const;

export interface GeoOptionContext {
  locale: Locale;
  measureLabel: string;
}

/** The area or point under an echarts event/tooltip name (feature name for areas, upstream name for points). */
export function hitOf(view: MapView, name: string): MapArea | MapPoint | undefined {
  return view.areas.find((a) => a.feature === name) ?? view.points.find((p) => p.name === name);
}

export function geoMapOption(view: MapView, ctx: GeoOptionContext, palette: ChartPalette): ChartOption {
  const nf = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 2 });
  const featureLabel = (feature: string) =>
    view.kind === "world" ? countryLabel(feature, ctx.locale) : provinceLabel(feature, ctx.locale);
  const tooltip = (params: TooltipComponentFormatterCallbackParams): string => {
    const p = Array.isArray(params) ? params[0] : params;
    if (!p) return "";
    const hit = hitOf(view, p.name);
    const label = hit ? hit.label : featureLabel(p.name);
    const value = hit ? nf.format(hit.value) : "—";
    return `${escapeHtml(label)}<br/>${escapeHtml(ctx.measureLabel)}: <b>${escapeHtml(value)}</b>`;
  };
  const points: ScatterSeriesOption = {
    type: "scatter",
    coordinateSystem: "geo",
    geoIndex: 0,
    data: view.points.map((p) => ({ name: p.name, value: [p.coord[0], p.coord[1], p.value] })),
    symbolSize: 10,
    encode: { value: 2 },
    itemStyle: { color: palette.accent, borderColor: palette.panel, borderWidth: 1 },
  };
  return {
    tooltip: { trigger: "item", formatter: tooltip, confine: true },
    visualMap: {
      type: "continuous",
      min: 0,
      max: Math.max(view.max, 1),
      dimension: 0,
      seriesIndex: 0,
      inRange: { color: palette.scale },
      left: 8,
      bottom: 8,
      itemHeight: 96,
      itemWidth: 10,
      calculable: false,
      text: [nf.format(Math.max(view.max, 1)), "0"],
      textStyle: { color: palette.inkMuted },
    },
    geo: {
      map: view.kind === "world" ? MAP_NAMES.world : MAP_NAMES.china,
      roam: true,
      scaleLimit: { min: 1, max: 12 },
      // China's shape (with the South China Sea islands) sits high; the world needs no nudge.
      layoutCenter: ["50%", "50%"],
      layoutSize: view.kind === "world" ? "118%" : "95%",
      itemStyle: { areaColor: palette.empty, borderColor: palette.line, borderWidth: 0.6 },
      emphasis: { itemStyle: { areaColor: palette.accent }, label: { show: false } },
      select: { disabled: true },
      label: { show: false },
    },
    series: [
      {
        type: "map",
        geoIndex: 0,
        data: view.areas.map((a) => ({ name: a.feature, value: a.value })),
      },
      ...(view.points.length ? [points] : []),
    ],
  };
}
