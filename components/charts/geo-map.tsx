"use client";

import { useCallback, useMemo, type Ref } from "react";
import { isChina, placeLabel } from "@/lib/geo/aliases";
import type { MapGeoJson } from "@/lib/geo/map-data";
import { drillInto, geoView, pathSteps } from "@/lib/geo/map-model";
import type { Locale } from "@/lib/i18n/core";
import { LOCATION_LEVELS, type LocationNode, type LocationPath, type Measure } from "@/lib/location-tree";
import { useLocale, useT } from "../i18n";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { ErrorState } from "../ui/lazy-error-state";
import { IconChevronRight } from "../ui/icons";
import { Select } from "../ui/select";
import { barChartOption } from "./bar-options";
import { EChart, ensureMap, type ChartEvents, type ChartHandle } from "./echarts";
import { geoMapOption, hitOf, MAP_NAMES, type MapView } from "./geo-map-option";
import { locationCsv, locationRows } from "./location-csv";
import { measureLabel } from "./measure-label";
import type { ChartOption, ChartPalette } from "./option-types";

export interface GeoMapProps {
  nodes: readonly LocationNode[];
  /** The measure that colours the map (see lib/location-tree `measures`). */
  measure: Measure;
  /** Current drill position; `{}` is the world. */
  path: LocationPath;
  /** Called with the next path for a click on a place or a breadcrumb step; a path with a city means "show its devices". */
  onDrill: (path: LocationPath) => void;
  /** Map files from `useMapData`/`useMapsFor`; the world view needs `world`, China's needs `china`. */
  world?: MapGeoJson;
  china?: MapGeoJson;
  mapLoading?: boolean;
  mapError?: unknown;
  /** Offers a measure picker when given. */
  measures?: readonly Measure[];
  onMeasureChange?: (measure: Measure) => void;
  /** Display names of datapoints for detail measures. */
  datapointLabels?: Readonly<Record<string, string>>;
  /** Accessible name, and the base of export file names. */
  title: string;
  loading?: boolean;
  height?: number;
  locale?: Locale;
  ref?: Ref<ChartHandle>;
}

/**
 * The drill-down map of every location report: world by country → China by province → the
 * cities of a region as a ranked list (no permissive city shapes exist) → onDrill with a city,
 * which the page turns into the filtered device list. Pure: data and map files come via props.
 */
export function GeoMap({
  nodes,
  measure,
  path,
  onDrill,
  world,
  china,
  mapLoading,
  mapError,
  measures,
  onMeasureChange,
  datapointLabels,
  title,
  loading,
  height = 420,
  locale: localeProp,
  ref,
}: GeoMapProps) {
  const t = useT("charts");
  const ctxLocale = useLocale();
  const locale = localeProp ?? ctxLocale;
  const view = useMemo(() => geoView(nodes, path, measure, locale), [nodes, path, measure, locale]);
  const mLabel = measureLabel(measure, t, datapointLabels);
  const geo = view.kind === "world" ? world : view.kind === "china" ? china : undefined;
  const mapName = view.kind === "world" ? MAP_NAMES.world : MAP_NAMES.china;
  if (geo) ensureMap(mapName, geo);

  const option = useCallback(
    (palette: ChartPalette): ChartOption => {
      if (view.kind === "ranking") {
        const selected = path.city === undefined ? undefined : view.items.findIndex((i) => i.name === path.city);
        return barChartOption(
          view.items.map((i) => i.label),
          [{ name: mLabel, values: view.items.map((i) => i.value) }],
          { locale, horizontal: true, selected },
          palette,
        );
      }
      // echarts throws on a map name it has not been given yet: draw nothing until the file is here.
      if (!geo) return {};
      return geoMapOption(view, { locale, measureLabel: mLabel }, palette);
    },
    [view, path.city, locale, mLabel, geo],
  );

  const events = useMemo<ChartEvents>(
    () => ({
      click: (e) => {
        if (view.kind === "ranking") {
          const item = typeof e.dataIndex === "number" ? view.items[e.dataIndex] : undefined;
          if (item) onDrill(drillInto(path, item.name));
          return;
        }
        const hit = hitOf(view as MapView, e.name);
        if (hit) onDrill(drillInto(path, hit.name));
      },
    }),
    [view, path, onDrill],
  );

  const rows = useMemo(() => locationRows(nodes, path, locale, { placeLabel }), [nodes, path, locale]);
  const csvMeasures = measures ?? [measure];
  const csv = () =>
    locationCsv(rows, path, csvMeasures, {
      levels: { country: t("country"), region: isChina(path.country) ? t("province") : t("region"), city: t("city") },
      label: t("place"),
      measure: (m) => measureLabel(m, t, datapointLabels),
    });

  const steps = pathSteps(path);
  const breadcrumb = (
    <nav aria-label={t("breadcrumb")} className="flex min-w-0 flex-wrap items-center gap-0.5 text-[13px]">
      {steps.map((step, i) => {
        const last = i === steps.length - 1;
        const label = i === 0 ? t("world") : placeLabel(step, locale);
        return (
          <span key={LOCATION_LEVELS[i - 1] ?? "world"} className="inline-flex items-center gap-0.5">
            {i > 0 ? <IconChevronRight width={12} height={12} className="text-ink-subtle" aria-hidden="true" /> : null}
            {last ? (
              <span aria-current="location" className="px-1 font-medium text-ink">
                {label}
              </span>
            ) : (
              <Button size="xs" variant="ghost" onClick={() => onDrill(step)}>
                {label}
              </Button>
            )}
          </span>
        );
      })}
    </nav>
  );
  const picker =
    measures && onMeasureChange && measures.length > 1 ? (
      <label className="inline-flex items-center gap-1.5 text-xs text-ink-muted">
        {t("colourBy")}
        <Select
          className="w-44"
          value={measure}
          onChange={(e) => onMeasureChange(e.target.value)}
          options={measures.map((m) => ({ value: m, label: measureLabel(m, t, datapointLabels) }))}
        />
      </label>
    ) : null;

  const needsMap = view.kind !== "ranking";
  const unplaced = view.kind === "ranking" ? 0 : view.unplaced.length;
  const hint = view.kind === "ranking" && view.level === "city" ? t("cityHint") : t("drillHint");
  const place = placeLabel(path, locale);

  return (
    <div className="flex min-w-0 flex-col gap-1">
      {needsMap && mapError && !geo ? (
        <>
          <div className="flex flex-wrap items-center gap-2 pb-2">{breadcrumb}</div>
          <ErrorState error={mapError} compact />
        </>
      ) : (
        <EChart
          ref={ref}
          option={option}
          onEvents={events}
          ariaLabel={t("chartOf", { title: place ? `${title} · ${place}` : title })}
          height={view.kind === "ranking" ? Math.min(Math.max(160, view.items.length * 28 + 32), 900) : height}
          loading={loading || (needsMap && (!geo || mapLoading === true))}
          empty={!loading && view.kind === "ranking" && view.items.length === 0}
          exportName={place ? `${title}-${place}` : title}
          csv={csv}
          toolbar={
            <>
              {breadcrumb}
              {picker}
            </>
          }
        />
      )}
      <p className={cn("text-xs text-ink-subtle")}>
        {hint}
        {unplaced > 0 ? ` · ${t("notOnMap", { count: unplaced })}` : null}
      </p>
    </div>
  );
}
