import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch, buildQuery } from "../api-client";
import { filterEntries } from "../plain/devices";
import type {
  deviceSearchResultSchema,
  groupOptionsSchema,
  lookupResultSchema,
  placeOptionsSchema,
  savedViewListSchema,
  savedViewSchema,
  DeviceFilter,
  DeviceSearchQuery,
  SavedViewCreate,
} from "../schemas/devices";

export const deviceKeys = {
  all: ["devices"] as const,
  product: (pk: string) => [...deviceKeys.all, pk] as const,
  search: (pk: string, q: DeviceSearchQuery) => [...deviceKeys.product(pk), "search", q] as const,
  places: (pk: string) => [...deviceKeys.product(pk), "places"] as const,
  groups: (pk: string) => [...deviceKeys.product(pk), "groups"] as const,
  lookup: (pk: string, mac: string) => [...deviceKeys.product(pk), "lookup", mac] as const,
};

export const savedViewKeys = {
  all: ["saved-views"] as const,
  page: (page: string) => [...savedViewKeys.all, page] as const,
};

const devicesPath = (pk: string, rest: string) => `/api/products/${encodeURIComponent(pk)}/devices/${rest}`;

/** The filter and paging as the API's query string values. */
export function searchQuery(q: DeviceSearchQuery): Record<string, string | number> {
  return { ...Object.fromEntries(filterEntries(q)), page: q.page, page_size: q.page_size };
}

export function deviceSearchOptions(pk: string, q: DeviceSearchQuery) {
  return queryOptions({
    queryKey: deviceKeys.search(pk, q),
    queryFn: ({ signal }) =>
      apiFetch<z.output<typeof deviceSearchResultSchema>>(devicesPath(pk, "search"), { query: searchQuery(q), signal }),
    // The old page stays while the next loads, so the table does not jump; the server caches 15 s.
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

/** Places that have devices (country → region → city), for the filter cascade. */
export function placeOptions(pk: string) {
  return queryOptions({
    queryKey: deviceKeys.places(pk),
    queryFn: ({ signal }) => apiFetch<z.output<typeof placeOptionsSchema>>(devicesPath(pk, "search/locations"), { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The product's groups for a picker (tree order, console names). */
export function groupOptions(pk: string) {
  return queryOptions({
    queryKey: deviceKeys.groups(pk),
    queryFn: ({ signal }) => apiFetch<z.output<typeof groupOptionsSchema>>(devicesPath(pk, "search/groups"), { signal }),
    staleTime: 60_000,
  });
}

export function deviceLookupOptions(pk: string, mac: string) {
  return queryOptions({
    queryKey: deviceKeys.lookup(pk, mac),
    queryFn: ({ signal }) => apiFetch<z.output<typeof lookupResultSchema>>(devicesPath(pk, "lookup"), { query: { mac }, signal }),
    staleTime: 30_000,
  });
}

/** The streamed CSV of every device matching the filter. */
export function deviceExportUrl(pk: string, f: DeviceFilter): string {
  return `${devicesPath(pk, "export")}${buildQuery(Object.fromEntries(filterEntries(f)))}`;
}

/** The device page of one device. */
export function deviceHref(pk: string, did: string): string {
  return `/devices/${encodeURIComponent(did)}?product=${encodeURIComponent(pk)}`;
}

export function savedViewsOptions(page: string) {
  return queryOptions({
    queryKey: savedViewKeys.page(page),
    queryFn: ({ signal }) => apiFetch<z.output<typeof savedViewListSchema>>("/api/saved-views", { query: { page }, signal }),
    staleTime: 60_000,
  });
}

export function createSavedView(v: SavedViewCreate) {
  return apiFetch<z.output<typeof savedViewSchema>>("/api/saved-views", { method: "POST", body: v });
}

export async function deleteSavedView(id: string): Promise<void> {
  await apiFetch<null>(`/api/saved-views/${encodeURIComponent(id)}`, { method: "DELETE" });
}
