import { z } from "zod";
import { LOCATION_LEVELS, type LocationNode, type LocationReport } from "../location-tree";
import { CYCLES, REPORT_PAGE_SIZES } from "../plain/report-periods";
import { pageFields, pagingQuery } from "./paging";

/**
 * Reports: query schemas shared by the console's /api and the pages, the period rules the
 * Gizwits batch reports enforce (so the picker can enforce them first), and the DTOs served.
 */

// The period rules and constants are zod-free in lib/plain/report-periods.ts (the pickers run them in
// the browser); re-exported here for the server.
export * from "../plain/report-periods";

// --- query schemas -------------------------------------------------------------------------------

const gid = z.string().trim().min(1).max(64);
const flag = z.enum(["1", "0"]).transform((v) => v === "1");
const place = z.string().trim().min(1).max(100);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

export const gidQuerySchema = z.object({ gid: gid.optional() });

/** devices/locations: the group and the real-time state filters. */
export const locationsQuerySchema = z.object({
  gid: gid.optional(),
  is_online: flag.optional(),
  is_faulty: flag.optional(),
  is_alert: flag.optional(),
});

/** liveness history, activation, new users: a cycle and a start..end range in its format. */
export const periodQuerySchema = z.object({
  gid: gid.optional(),
  cycle: z.enum(CYCLES).default("date"),
  start: z.string().trim().min(4).max(10),
  end: z.string().trim().min(4).max(10),
});
export type PeriodQuery = z.output<typeof periodQuerySchema>;

/** incr_devices / active_devices: a day range, a place, and a page. */
export const deviceDaysQuerySchema = z.object({
  start: day,
  end: day,
  country: place.optional(),
  region: place.optional(),
  city: place.optional(),
  ...pagingQuery({ sizes: REPORT_PAGE_SIZES }).shape,
});
export type DeviceDaysQuery = z.output<typeof deviceDaysQuerySchema>;

/** users/liveness_total: a day range (at most 30 days, like the other daily reports). */
export const dayRangeQuerySchema = z.object({ start: day, end: day });

// --- DTOs ----------------------------------------------------------------------------------------

const counts = z.record(z.string(), z.number());
const detail = z.record(z.string(), counts);

export const locationNodeSchema: z.ZodType<LocationNode> = z.lazy(() =>
  z.object({
    name: z.string(),
    level: z.enum(LOCATION_LEVELS),
    counts,
    detail: detail.optional(),
    children: z.array(locationNodeSchema),
  }),
);

export const locationReportDtoSchema: z.ZodType<LocationReport> = z.object({
  nodes: z.array(locationNodeSchema),
  counts: counts.optional(),
  detail: detail.optional(),
  total: z.number().optional(),
  gid: z.string().nullable().optional(),
});

export const deviceSummaryDtoSchema = z.object({
  active: z.object({ yesterday: z.number(), last7Days: z.number() }),
  new: z.object({ today: z.number(), yesterday: z.number(), last7Days: z.number(), last30Days: z.number() }),
  total: z.number(),
  online: z.number(),
});
export type DeviceSummaryDto = z.infer<typeof deviceSummaryDtoSchema>;

export const periodReportDtoSchema = z.object({
  cycle: z.enum(CYCLES),
  start: z.string(),
  end: z.string(),
  gid: z.string().nullable(),
  data: z.array(z.object({ period: z.string(), count: z.number(), location: locationReportDtoSchema.nullable() })),
});
export type PeriodReportDto = z.infer<typeof periodReportDtoSchema>;

export const deviceDayRowDtoSchema = z.object({
  reportDate: z.string(),
  mac: z.string().nullable(),
  deviceSn: z.string().nullable(),
  country: z.string().nullable(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export const deviceDayPageDtoSchema = z.object({
  rows: z.array(deviceDayRowDtoSchema),
  ...pageFields,
});
export type DeviceDayPageDto = z.infer<typeof deviceDayPageDtoSchema>;

export const dailyCountsDtoSchema = z.object({ data: z.array(z.object({ date: z.string(), count: z.number() })) });
export type DailyCountsDto = z.infer<typeof dailyCountsDtoSchema>;

export const usersTotalDtoSchema = z.object({ gid: z.string().nullable(), total: z.number() });
export type UsersTotalDto = z.infer<typeof usersTotalDtoSchema>;
