"use client";

import { useCallback, useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { measures as measuresOf, type LocationPath, type LocationReport, type Measure } from "@/lib/location-tree";
import { devicesHref } from "@/lib/queries/reports";
import { GeoMap } from "../charts/lazy";
import { useMapsFor } from "../charts/use-map-data";
import { useLocale, useT } from "../i18n";
import { usePlaceNames } from "../place-names";
import { useUrlParams } from "../ui/use-url-param";
import { lazyClient } from "../ui/lazy-client";
import { SkeletonLines } from "../ui/skeleton";
import { ReportError } from "./report-state";

// The table beside the map waits for the place names, which load on demand, before it shows a
// row: it loads alongside them instead of in the page's first load (the data table with it; issue 17).
const LocationTable = lazyClient(() => import("../charts/location-table").then((m) => m.LocationTable), {
  loading: () => (
    <div className="rounded-lg border border-line bg-panel p-4">
      <SkeletonLines lines={8} />
    </div>
  ),
});

export interface DeviceLinkFilter {
  gid?: string;
  is_online?: "1" | "0";
  is_faulty?: "1";
  is_alert?: "1";
}

export interface ReportMapProps {
  productKey: string;
  report: LocationReport | undefined;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  title: string;
  /** Measures in the order offered; defaults to every measure of the tree. */
  measures?: readonly Measure[];
  datapointLabels?: Readonly<Record<string, string>>;
  /**
   * Filters carried to the device list when a city (or a place action) is chosen; null for
   * reports that do not count devices (user locations), whose drill stops at the cities.
   */
  devices: DeviceLinkFilter | null;
}

/** The drill position lives in the URL (`country`, `region`), the same names as the device list's. */
export function useDrillPath(): [LocationPath, (p: LocationPath) => void] {
  const { params, set } = useUrlParams();
  const country = params.get("country") ?? undefined;
  const region = country ? (params.get("region") ?? undefined) : undefined;
  const path = useMemo<LocationPath>(() => ({ country, region }), [country, region]);
  const setPath = useCallback(
    (p: LocationPath) => set({ country: p.country ?? null, region: p.region ?? null, city: null }, { push: true, resetPage: true }),
    [set],
  );
  return [path, setPath];
}

/**
 * Every location report's map and its table: world → country → region → cities, then the device
 * list of the chosen city with the report's filters. Both views show the same numbers.
 */
export function ReportMap({ productKey, report, loading, error, onRetry, title, measures, datapointLabels, devices }: ReportMapProps) {
  const t = useT("reports");
  const locale = useLocale();
  const router = useRouter();
  const [path, setPath] = useDrillPath();
  const maps = useMapsFor(path);
  const names = usePlaceNames();
  const nodes = useMemo(() => report?.nodes ?? [], [report]);
  const all = useMemo(() => (measures && measures.length > 0 ? [...measures] : measuresOf(nodes)), [measures, nodes]);
  const [picked, setPicked] = useState<Measure | null>(null);
  const measure = picked && all.includes(picked) ? picked : (all[0] ?? "count");

  const onDrill = useCallback(
    (p: LocationPath) => {
      if (p.city !== undefined) {
        if (devices) router.push(devicesHref(productKey, { ...devices, country: p.country, region: p.region, city: p.city }));
        return;
      }
      setPath(p);
    },
    [devices, productKey, router, setPath],
  );

  if (error && !report) return <ReportError error={error} onRetry={onRetry} />;
  // Until the place names are loaded (lib/geo/place-names.ts), the upstream name of the place.
  const place = names ? names.placeLabel(path, locale) : (path.city ?? path.region ?? path.country ?? "");
  return (
    <div className="grid gap-4 xl:grid-cols-5">
      <div className="min-w-0 xl:col-span-3">
        <GeoMap
          nodes={nodes}
          measure={measure}
          measures={all}
          onMeasureChange={setPicked}
          path={path}
          onDrill={onDrill}
          world={maps.world}
          china={maps.china}
          mapLoading={maps.loading}
          mapError={maps.error}
          datapointLabels={datapointLabels}
          title={title}
          loading={loading}
        />
        {devices && path.country ? (
          <nav
            aria-label={t("placeActions", { place })}
            data-testid="place-actions"
            className="mt-2 flex flex-wrap items-center gap-3 text-[13px]"
          >
            <span className="text-ink-muted">{t("placeActions", { place })}:</span>
            {(
              [
                ["allDevices", {}],
                ["onlineDevices", { is_online: "1" }],
                ["faultyDevices", { is_faulty: "1" }],
                ["alertingDevices", { is_alert: "1" }],
              ] as const
            ).map(([key, extra]) => (
              <Link
                key={key}
                className="text-accent hover:underline"
                href={devicesHref(productKey, { gid: devices.gid, ...extra, country: path.country, region: path.region })}
              >
                {t(key)}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>
      <div className="min-w-0 xl:col-span-2">
        <LocationTable
          nodes={nodes}
          path={path}
          measures={all}
          onDrill={onDrill}
          title={title}
          datapointLabels={datapointLabels}
          loading={loading && !report}
        />
      </div>
    </div>
  );
}
