import "server-only";
import { z } from "zod";
import type { LocationReport } from "@/lib/location-tree";
import { countsSchema, gidEcho, locationReportSchema, nullableString, numberish, pagedSchema } from "./common.schema";

/** GET …/devices/summary; counters missing from an answer are 0. */
export const deviceSummarySchema = z
  .object({
    active: countsSchema(["7_day", "yesterday"]).optional(),
    new: countsSchema(["today", "yesterday", "7_day", "30_day"]).optional(),
    total: numberish.optional(),
    online: numberish.optional(),
  })
  .transform((r) => ({
    active: { yesterday: r.active?.yesterday ?? 0, last7Days: r.active?.["7_day"] ?? 0 },
    new: {
      today: r.new?.today ?? 0,
      yesterday: r.new?.yesterday ?? 0,
      last7Days: r.new?.["7_day"] ?? 0,
      last30Days: r.new?.["30_day"] ?? 0,
    },
    /** Devices that have ever come online. */
    total: r.total ?? 0,
    online: r.online ?? 0,
  }));
export type DeviceSummary = z.output<typeof deviceSummarySchema>;

/** Rows of incr_devices / active_devices; Bluetooth devices carry `device_sn` instead of `mac`. */
export const deviceDayRowSchema = z
  .object({
    report_date: z.string(),
    product_key: z.string().optional(),
    mac: nullableString.optional(),
    device_sn: nullableString.optional(),
    country: nullableString.optional(),
    region: nullableString.optional(),
    city: nullableString.optional(),
    created_at: z.union([z.string(), z.number()]).nullable().optional(),
  })
  .transform((r) => ({
    reportDate: r.report_date,
    mac: r.mac ?? null,
    deviceSn: r.device_sn ?? null,
    country: r.country ?? null,
    region: r.region ?? null,
    city: r.city ?? null,
    /** "YYYY-MM-DD hh:mm:ss" in the upstream's local time, as sent. */
    createdAt: r.created_at === null || r.created_at === undefined ? null : String(r.created_at),
  }));
export const deviceDayPageSchema = pagedSchema(deviceDayRowSchema);
export type DeviceDayPage = z.output<typeof deviceDayPageSchema>;

export const CYCLES = ["date", "week", "month"] as const;
export type Cycle = (typeof CYCLES)[number];

/** The item's period is keyed by the cycle's name (`"month": "2017-12"`), per the examples. */
function periodOf(item: Record<string, unknown>, cycle: string | undefined): string | null {
  for (const k of [cycle, "date", "week", "month", "day"]) {
    const v = k ? item[k] : undefined;
    if (typeof v === "string" || typeof v === "number") return String(v);
  }
  return null;
}

function periodReport<T>(readItem: (item: Record<string, unknown>, ctx: z.RefinementCtx) => T) {
  return z
    .object({
      gid: gidEcho,
      cycle: z.string().optional(),
      start: z.union([z.string(), z.number()]).transform(String).optional(),
      end: z.union([z.string(), z.number()]).transform(String).optional(),
      data: z.array(z.record(z.string(), z.unknown())),
    })
    .transform((r, ctx) => ({
      gid: r.gid,
      cycle: r.cycle ?? null,
      start: r.start ?? null,
      end: r.end ?? null,
      data: r.data.map((item) => ({ period: periodOf(item, r.cycle), ...readItem(item, ctx) })),
    }));
}

const countOf = (item: Record<string, unknown>, ctx: z.RefinementCtx): number => {
  const c = numberish.safeParse(item.count);
  if (!c.success) ctx.addIssue({ code: "custom", path: ["data", "count"], message: "expected a number" });
  return c.success ? c.data : 0;
};

/**
 * liveness/history and activation: `{ gid, cycle, start, end, data: [{ <cycle>, count, location }] }`.
 * (activation is documented only by name; the emulator mirrors liveness/history.)
 */
export const periodLocationReportSchema = periodReport((item, ctx) => {
  let location: LocationReport | null = null;
  if (item.location !== undefined && item.location !== null) {
    const l = locationReportSchema.safeParse({ location: item.location });
    if (l.success) location = l.data;
    else ctx.addIssue({ code: "custom", path: ["data", "location"], message: l.error.issues[0]?.message ?? "invalid location" });
  }
  return { count: countOf(item, ctx), location };
});
export type PeriodLocationReport = z.output<typeof periodLocationReportSchema>;

/** users/report/new: `{ gid, cycle, start, end, data: [{ <cycle>, count }] }`. */
export const periodCountReportSchema = periodReport((item, ctx) => ({ count: countOf(item, ctx) }));
export type PeriodCountReport = z.output<typeof periodCountReportSchema>;

/** users/report/total: `{ gid, total }`. */
export const usersTotalSchema = z.object({ gid: gidEcho, total: numberish });

/** Location reports (locations, rt, fault/alert devices and events) share one normalized shape. */
export const locationReport = locationReportSchema;
