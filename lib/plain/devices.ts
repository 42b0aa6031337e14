// Plain TypeScript, no zod: the device-search constants and helpers client code needs; the
// schemas are in lib/schemas/devices.ts, which re-exports all of this (see bench/bundle-budget.ts,
// "keeping a route light").
import type { DeviceFilter, DeviceSearchQuery } from "../schemas/devices";
import { DEFAULT_PAGE_SIZE, MAX_PAGE, PAGE_SIZES } from "./paging";
import { either, flag, int, matching, oneOf, readParams, text } from "./url-read";

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

/** The fields of deviceSearchQuerySchema (lib/schemas/devices.ts) as browser-side readers; its test checks they agree. */
const searchReaders = {
  gid: text(64),
  country: text(100),
  region: text(100),
  city: text(100),
  is_online: flag,
  is_faulty: flag,
  is_alert: flag,
  show_disabled: flag,
  liveness_start: either(matching(/^\d{4}-\d{2}-\d{2}$/), matching(/^\d{1,12}$/)),
  type: oneOf(SEARCH_TYPES),
  val: text(128),
  page: int({ min: 1, max: MAX_PAGE }),
  page_size: int({ sizes: PAGE_SIZES }),
};

/**
 * Lenient reading of a page URL: a hand-edited or stale parameter is dropped rather than breaking
 * the page; `val` without `type` searches by MAC, the common case.
 */
export function parseSearchParams(sp: URLSearchParams): DeviceSearchQuery {
  const { page, page_size, ...filter } = readParams(sp, searchReaders);
  const parsed: DeviceSearchQuery = { ...filter, page: page ?? 1, page_size: page_size ?? DEFAULT_PAGE_SIZE };
  if (parsed.val && !parsed.type) parsed.type = "mac";
  if (!parsed.val) delete parsed.type;
  // A region without its country (or a city without its region) cannot be picked in the cascade.
  if (!parsed.country) delete parsed.region;
  if (!parsed.region) delete parsed.city;
  return parsed;
}

/**
 * A filter handed over in JSON (a dragged search result): every filter it names must be valid
 * (booleans as filterEntries writes them, "1"/"0", or as true/false), or it is refused as a whole —
 * a dropped filter decides which devices move. Keys that are not filters are ignored.
 */
export function readDeviceFilter(value: unknown): DeviceFilter | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const given = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of DEVICE_FILTER_KEYS) {
    const v = given[key];
    if (v === undefined) continue;
    const raw = typeof v === "boolean" ? (v ? "1" : "0") : v;
    if (typeof raw !== "string") return null;
    const read = searchReaders[key](raw);
    if (read === undefined) return null;
    out[key] = read;
  }
  return out as DeviceFilter;
}
