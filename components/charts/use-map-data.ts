"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { MapGeoJson } from "@/lib/geo/map-data";
import { MAP_FILES, type MapKind } from "@/lib/geo/map-files";
import { usePlaceNames } from "../place-names";

export function mapDataOptions(kind: MapKind) {
  return queryOptions({
    queryKey: ["maps", kind] as const,
    queryFn: ({ signal }) => apiFetch<MapGeoJson>(MAP_FILES[kind], { signal }),
    // Static files that change only with a deploy: fetch once per tab.
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** The world or China map file, fetched once; pass `enabled: false` until the view needs it. */
export function useMapData(kind: MapKind, enabled = true) {
  return useQuery({ ...mapDataOptions(kind), enabled });
}

/**
 * The map files a drill path needs: the world at the top, China's provinces inside China. Below
 * the top it is loading until the place names (loaded on demand) say whether the country is China.
 */
export function useMapsFor(path: { country?: string; region?: string }) {
  const names = usePlaceNames();
  const top = path.country === undefined;
  const inChina = !top && path.region === undefined && names?.isChina(path.country) === true;
  const world = useMapData("world", top);
  const china = useMapData("china", inChina);
  const active = top ? world : inChina ? china : null;
  return {
    world: world.data,
    china: china.data,
    loading: (!top && path.region === undefined && names === null) || (active?.isPending === true && active.fetchStatus !== "idle"),
    error: active?.error ?? null,
  };
}
