import { z } from "zod";
import { SEARCH_TYPES } from "../plain/devices";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, pageFields, pagingQuery } from "./paging";

/**
 * Device search: one set of parameter names for the page URL, the console's /api and links from
 * other pages (reports link here with the same names). They are the Gizwits devices/search names,
 * so a filter reads the same everywhere.
 */

export { DEFAULT_PAGE_SIZE, PAGE_SIZES };
// The zod-free part (constants, filterEntries, exportCalls…) is in lib/plain/devices.ts for client code.
export * from "../plain/devices";

const place = z.string().trim().min(1).max(100);
const flag = z.enum(["1", "0"]).transform((v) => v === "1");

/**
 * `liveness_start`: a calendar day (YYYY-MM-DD, in the console's time zone) or unix seconds.
 * People pick days; links and scripts may carry seconds.
 */
export const livenessStartSchema = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"),
  z.string().regex(/^\d{1,12}$/, "unix seconds"),
]);

/** The filters of a device search, as URL / API query strings (no paging). */
export const deviceFilterSchema = z.object({
  gid: z.string().trim().min(1).max(64).optional(),
  country: place.optional(),
  region: place.optional(),
  city: place.optional(),
  is_online: flag.optional(),
  is_faulty: flag.optional(),
  is_alert: flag.optional(),
  show_disabled: flag.optional(),
  liveness_start: livenessStartSchema.optional(),
  type: z.enum(SEARCH_TYPES).optional(),
  val: z.string().trim().min(1).max(128).optional(),
});
export type DeviceFilter = z.output<typeof deviceFilterSchema>;

export const deviceSearchQuerySchema = deviceFilterSchema.extend(pagingQuery({ sizes: PAGE_SIZES, fallback: DEFAULT_PAGE_SIZE }).shape);
export type DeviceSearchQuery = z.output<typeof deviceSearchQuerySchema>;

/** One device of a search result, as the console's /api serves it. Times are unix seconds. */
export const deviceRowSchema = z.object({
  did: z.string(),
  mac: z.string(),
  isOnline: z.boolean(),
  isFaulty: z.boolean(),
  isAlert: z.boolean(),
  isDisabled: z.boolean(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  onlineLatest: z.number().nullable(),
  createdAt: z.number().nullable(),
  mcuHardVersion: z.string().nullable(),
  mcuSoftVersion: z.string().nullable(),
  wifiHardVersion: z.string().nullable(),
  wifiSoftVersion: z.string().nullable(),
});
export type DeviceRow = z.output<typeof deviceRowSchema>;

export const deviceSearchResultSchema = z.object({
  devices: z.array(deviceRowSchema),
  ...pageFields,
});
export type DeviceSearchResult = z.output<typeof deviceSearchResultSchema>;

/** The country → region → city options offered by the filter (places that have devices). */
export interface PlaceOption {
  name: string;
  count: number;
  children: PlaceOption[];
}
export const placeOptionSchema: z.ZodType<PlaceOption> = z.lazy(() =>
  z.object({ name: z.string(), count: z.number().nonnegative(), children: z.array(placeOptionSchema) }),
);
export const placeOptionsSchema = z.object({ places: z.array(placeOptionSchema), total: z.number().nullable() });
export type PlaceOptions = z.output<typeof placeOptionsSchema>;

/** The group tree flattened in display order (depth 0 = root) for pickers; `name` from the console's group_meta. */
export const groupOptionsSchema = z.object({
  groups: z.array(z.object({ gid: z.string(), name: z.string().nullable(), depth: z.number().int().nonnegative() })),
});
export type GroupOptions = z.output<typeof groupOptionsSchema>;

export const lookupQuerySchema = z.object({ mac: z.string().trim().min(1).max(128) });
export const lookupResultSchema = z.object({ did: z.string(), mac: z.string() });
export type LookupResult = z.output<typeof lookupResultSchema>;

// --- saved views -----------------------------------------------------------------------------

export const SAVED_VIEW_PAGES = ["devices"] as const;
export const savedViewPageSchema = z.enum(SAVED_VIEW_PAGES);

export const savedViewSchema = z.object({
  id: z.string(),
  page: z.string(),
  name: z.string(),
  /** The page's URL search string without "?" (and without product-independent paging). */
  query: z.string(),
  createdAt: z.string(),
});
export type SavedView = z.output<typeof savedViewSchema>;
export const savedViewListSchema = z.object({ views: z.array(savedViewSchema) });

export const savedViewCreateSchema = z.object({
  page: savedViewPageSchema,
  name: z.string().trim().min(1).max(80),
  query: z
    .string()
    .max(2000)
    .transform((q) => q.replace(/^\?/, "")),
});
export type SavedViewCreate = z.input<typeof savedViewCreateSchema>;
