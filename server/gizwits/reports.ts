import "server-only";
import { z, type ZodType } from "zod";
import { zonedDayKey } from "@/lib/zoned-time";
import type { LocationReport } from "@/lib/location-tree";
import { env } from "@/server/env";
import { errors } from "@/server/errors";
import { gizwits, type Priority } from "./client";
import { tags, TTL } from "./cache";
import { isUnknownPath, unexpectedResponse } from "./errors";
import { productPath } from "./paths";
import { AMBIGUOUS_PATHS, withPathVariant } from "./variants";
import {
  CYCLES,
  deviceDayPageSchema,
  deviceSummarySchema,
  locationReport,
  periodCountReportSchema,
  periodLocationReportSchema,
  usersTotalSchema,
  type Cycle,
  type DeviceDayPage,
  type DeviceSummary,
  type PeriodCountReport,
  type PeriodLocationReport,
} from "./reports.schema";
import { serverText } from "@/server/text";

/** ISO-8601 week "YYYY-WW" of a "YYYY-MM-DD" day. */
export function isoWeekKey(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dow);
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-${String(week).padStart(2, "0")}`;
}

/**
 * Reports for periods that are over never change (they are T+1 batches), so they are cached for
 * hours; a period that includes today is cached for minutes. `end` is in the cycle's format.
 */
export function reportTtl(end: string | undefined, cycle: Cycle = "date", nowMs = Date.now()): number {
  if (!end) return TTL.reportCurrent;
  const today = zonedDayKey(nowMs, env().CONSOLE_TIMEZONE);
  const current = cycle === "month" ? today.slice(0, 7) : cycle === "week" ? isoWeekKey(today) : today;
  // Same zero-padded formats, so string order is time order.
  return end < current ? TTL.reportClosed : TTL.reportCurrent;
}

function period(cycle: Cycle | undefined, start: string, end: string): Cycle {
  const c = cycle ?? "date";
  const formats: Record<Cycle, RegExp> = { date: /^\d{4}-\d{2}-\d{2}$/, week: /^\d{4}-\d{1,2}$/, month: /^\d{4}-\d{2}$/ };
  if (!CYCLES.includes(c) || !formats[c].test(start) || !formats[c].test(end)) {
    throw errors.validation(serverText("reportPeriodFormat"));
  }
  if (end < start) throw errors.validation(serverText("reportEndBeforeStart"));
  return c;
}

interface Opts {
  priority?: Priority;
}

function report<T>(
  productKey: string,
  path: string[],
  query: Record<string, string | number | boolean | undefined>,
  schema: ZodType<T>,
  ttlMs: number,
  opts: Opts,
): Promise<T> {
  return gizwits({
    productKey,
    method: "GET",
    path: productPath(productKey, ...path),
    query,
    schema,
    cache: { ttlMs, tags: [tags.reports(productKey)] },
    priority: opts.priority,
  });
}

// GET /v1/products/{pk}/devices/locations (real-time; city leaves are bare numbers)
export function getDeviceLocations(
  productKey: string,
  q: { gid?: string; isOnline?: boolean; isFaulty?: boolean; isAlert?: boolean } = {},
  opts: Opts = {},
): Promise<LocationReport> {
  return report(
    productKey,
    ["devices", "locations"],
    { gid: q.gid, is_online: q.isOnline, is_faulty: q.isFaulty, is_alert: q.isAlert },
    locationReport,
    TTL.reportRealtime,
    opts,
  );
}

// GET /v1/products/{pk}/devices/summary (documented) or /v1/products/{pk}/summary (the op id's path)
export function getDeviceSummary(productKey: string, opts: Opts = {}): Promise<DeviceSummary> {
  return withPathVariant(
    AMBIGUOUS_PATHS.summary,
    (v) => report(productKey, v === "documented" ? ["devices", "summary"] : ["summary"], {}, deviceSummarySchema, TTL.reportCurrent, opts),
    isUnknownPath,
  );
}

export interface DeviceDayQuery {
  /** YYYY-MM-DD */
  start?: string;
  end?: string;
  country?: string;
  region?: string;
  city?: string;
  limit?: number;
  skip?: number;
}

function dayList(productKey: string, kind: "incr_devices" | "active_devices", q: DeviceDayQuery, opts: Opts): Promise<DeviceDayPage> {
  if (q.start && q.end) period("date", q.start, q.end);
  return report(
    productKey,
    [kind],
    { start: q.start, end: q.end, country: q.country, region: q.region, city: q.city, limit: q.limit, skip: q.skip },
    deviceDayPageSchema,
    reportTtl(q.end),
    opts,
  );
}

// GET /v1/products/{pk}/incr_devices — newly activated devices per day.
export function getNewDevices(productKey: string, q: DeviceDayQuery = {}, opts: Opts = {}): Promise<DeviceDayPage> {
  return dayList(productKey, "incr_devices", q, opts);
}

// GET /v1/products/{pk}/active_devices — active devices per day.
export function getActiveDevices(productKey: string, q: DeviceDayQuery = {}, opts: Opts = {}): Promise<DeviceDayPage> {
  return dayList(productKey, "active_devices", q, opts);
}

export interface PeriodQuery {
  gid?: string;
  cycle?: Cycle;
  start: string;
  end: string;
}

// GET /v1/products/{pk}/devices/report/liveness/history
export function getLivenessHistory(productKey: string, q: PeriodQuery, opts: Opts = {}): Promise<PeriodLocationReport> {
  const cycle = period(q.cycle, q.start, q.end);
  return report(
    productKey,
    ["devices", "report", "liveness", "history"],
    { gid: q.gid, cycle, start: q.start, end: q.end },
    periodLocationReportSchema,
    reportTtl(q.end, cycle),
    opts,
  );
}

// GET /v1/products/{pk}/devices/report/activation — listed but never specified by Gizwits.
export function getActivationReport(productKey: string, q: PeriodQuery, opts: Opts = {}): Promise<PeriodLocationReport> {
  const cycle = period(q.cycle, q.start, q.end);
  return report(
    productKey,
    ["devices", "report", "activation"],
    { gid: q.gid, cycle, start: q.start, end: q.end },
    periodLocationReportSchema,
    reportTtl(q.end, cycle),
    opts,
  );
}

// GET /v1/products/{pk}/devices/report/devices/report/rt (documented, the segment duplicated) or
// /v1/products/{pk}/devices/report/rt (the op id's path).
export function getRealtimeReport(productKey: string, q: { gid?: string } = {}, opts: Opts = {}): Promise<LocationReport> {
  return withPathVariant(
    AMBIGUOUS_PATHS.realtimeReport,
    (v) =>
      report(
        productKey,
        v === "documented" ? ["devices", "report", "devices", "report", "rt"] : ["devices", "report", "rt"],
        { gid: q.gid },
        locationReport,
        TTL.reportRealtime,
        opts,
      ),
    isUnknownPath,
  );
}

// GET /v1/products/{pk}/{fault|alert}/report/devices — devices with faults/alerts.
export function getFaultAlertDevices(
  productKey: string,
  kind: "fault" | "alert",
  q: { gid?: string } = {},
  opts: Opts = {},
): Promise<LocationReport> {
  return report(productKey, [kind, "report", "devices"], { gid: q.gid }, locationReport, TTL.reportCurrent, opts);
}

/** The documented alert-events path answered, but with the alert-devices report (no per-datapoint detail). */
class NotAnEventsReport extends Error {}
const eventsShape = z.object({ detail: z.record(z.string(), z.unknown()) });

// GET /v1/products/{pk}/{fault|alert}/report/events — events per data point. The doc gives
// /alert/report/devices for alert events (a copy of the alert-devices path): it is tried first and
// taken only when it answers an events report (with `detail`); otherwise, or on a 404, the
// symmetric /alert/report/events, and the answering form is remembered per tenant.
export function getFaultAlertEvents(
  productKey: string,
  kind: "fault" | "alert",
  q: { gid?: string } = {},
  opts: Opts = {},
): Promise<LocationReport> {
  if (kind === "fault") return report(productKey, [kind, "report", "events"], { gid: q.gid }, locationReport, TTL.reportCurrent, opts);
  return withPathVariant(
    AMBIGUOUS_PATHS.alertEvents,
    async (v) => {
      if (v === "alternative")
        return report(productKey, [kind, "report", "events"], { gid: q.gid }, locationReport, TTL.reportCurrent, opts);
      // Same request (and cache entry) as the alert-devices report; only an events shape counts.
      const raw = await report(productKey, [kind, "report", "devices"], { gid: q.gid }, z.unknown(), TTL.reportCurrent, opts);
      if (!eventsShape.safeParse(raw).success) throw new NotAnEventsReport();
      const parsed = locationReport.safeParse(raw);
      if (!parsed.success) throw unexpectedResponse();
      return parsed.data;
    },
    (err) => err instanceof NotAnEventsReport || isUnknownPath(err),
  );
}

// GET /v1/products/{pk}/users/report/new — users who bound a device of the product.
export function getNewUsersReport(productKey: string, q: PeriodQuery, opts: Opts = {}): Promise<PeriodCountReport> {
  const cycle = period(q.cycle, q.start, q.end);
  return report(
    productKey,
    ["users", "report", "new"],
    { gid: q.gid, cycle, start: q.start, end: q.end },
    periodCountReportSchema,
    reportTtl(q.end, cycle),
    opts,
  );
}

// GET /v1/products/{pk}/users/report/total — users who ever bound a device of the product.
export function getUsersTotal(
  productKey: string,
  q: { gid?: string } = {},
  opts: Opts = {},
): Promise<{ gid: string | null; total: number }> {
  return report(productKey, ["users", "report", "total"], { gid: q.gid }, usersTotalSchema, TTL.reportCurrent, opts);
}
