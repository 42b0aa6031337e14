// Plain TypeScript, no zod: the device-search constants and helpers client code needs; the
// schemas are in lib/schemas/devices.ts, which re-exports all of this (see bench/bundle-budget.ts,
// "keeping a route light").
import type { DeviceFilter } from "../schemas/devices";

export { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "./paging";

/** Gizwits devices/search answers at most this many devices per call; exports page by it. */
export const SEARCH_MAX_LIMIT = 1000;

export const SEARCH_TYPES = ["did", "mac", "uid"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Tri-state flag filters: absent = any, "1" = yes, "0" = no. */
export const FLAG_FILTERS = ["is_online", "is_faulty", "is_alert"] as const;
export type FlagFilter = (typeof FLAG_FILTERS)[number];

/** The filter parameters in their one stable order (URL, API, CSV header): deviceFilterSchema's keys (checked by its test). */
export const DEVICE_FILTER_KEYS = [
  "gid",
  "country",
  "region",
  "city",
  "is_online",
  "is_faulty",
  "is_alert",
  "show_disabled",
  "liveness_start",
  "type",
  "val",
] as const satisfies readonly (keyof DeviceFilter)[];

/** Upstream calls an export of `total` devices takes (one page of SEARCH_MAX_LIMIT per call; at least one). */
export function exportCalls(total: number): number {
  return Math.max(1, Math.ceil(total / SEARCH_MAX_LIMIT));
}

/** Exports that take more calls than this ask first, showing the cost against the remaining quota. */
export const LARGE_EXPORT_CALLS = 1;

/** Search params of a filter in a stable order, without empty values (URL, API and CSV header). */
export function filterEntries(f: DeviceFilter): [string, string][] {
  const out: [string, string][] = [];
  for (const k of DEVICE_FILTER_KEYS) {
    const v = f[k];
    if (v === undefined) continue;
    out.push([k, typeof v === "boolean" ? (v ? "1" : "0") : v]);
  }
  return out;
}

export function hasFilter(f: DeviceFilter): boolean {
  return filterEntries(f).length > 0;
}
