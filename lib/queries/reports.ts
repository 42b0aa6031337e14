import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "../api-client";
import {
  dailyCountsDtoSchema,
  deviceDayPageDtoSchema,
  deviceSummaryDtoSchema,
  locationReportDtoSchema,
  periodReportDtoSchema,
  usersTotalDtoSchema,
  type DeviceDaysQuery,
  type FaultKind,
  type FaultScope,
  type PeriodQuery,
} from "../schemas/reports";

type Query = Record<string, string | number | undefined>;

export const reportKeys = {
  all: ["reports"] as const,
  product: (pk: string) => [...reportKeys.all, pk] as const,
  report: (pk: string, name: string, q: Query = {}) => [...reportKeys.product(pk), name, q] as const,
};

const MIN = 60_000;

function reportOptions<T>(pk: string, name: string, schema: z.ZodType<T>, query: Query, staleTime: number) {
  return queryOptions({
    queryKey: reportKeys.report(pk, name, query),
    queryFn: ({ signal }) => apiFetch(`/api/products/${encodeURIComponent(pk)}/reports/${name}`, schema, { query, signal }),
    staleTime,
    placeholderData: keepPreviousData,
    // A report that is not generated yet or not offered here will not appear on a retry.
    retry: (count, error) =>
      count < 1 && !(error instanceof Error && "status" in error && (error.status === 404 || error.status === 400 || error.status === 429)),
  });
}

/** Batch reports of closed periods never change; the server caches them for hours. */
const BATCH = 5 * MIN;
const REALTIME = MIN;

export const summaryOptions = (pk: string) => reportOptions(pk, "summary", deviceSummaryDtoSchema, {}, REALTIME);

export const realtimeOptions = (pk: string, gid?: string) => reportOptions(pk, "realtime", locationReportDtoSchema, { gid }, REALTIME);

export interface LocationsFilter {
  gid?: string;
  is_online?: "1" | "0";
  is_faulty?: "1" | "0";
  is_alert?: "1" | "0";
}
export const locationsOptions = (pk: string, f: LocationsFilter = {}) =>
  reportOptions(pk, "locations", locationReportDtoSchema, { ...f }, REALTIME);

export const periodReportOptions = (pk: string, name: "liveness" | "activation", q: PeriodQuery) =>
  reportOptions(pk, name, periodReportDtoSchema, { gid: q.gid, cycle: q.cycle, start: q.start, end: q.end }, BATCH);

export const deviceDaysOptions = (pk: string, name: "new-devices" | "active-devices", q: DeviceDaysQuery) =>
  reportOptions(pk, name, deviceDayPageDtoSchema, { ...q }, BATCH);

/** One page of a device-days list outside React Query (exports read every page). */
export const fetchDeviceDays = (pk: string, name: "new-devices" | "active-devices", q: DeviceDaysQuery, signal?: AbortSignal) =>
  apiFetch(`/api/products/${encodeURIComponent(pk)}/reports/${name}`, deviceDayPageDtoSchema, { query: { ...q }, signal });

export const faultReportOptions = (pk: string, kind: FaultKind, scope: FaultScope, gid?: string) =>
  reportOptions(pk, `${kind}-${scope}`, locationReportDtoSchema, { gid }, REALTIME);

export const usersNewOptions = (pk: string, q: PeriodQuery) =>
  reportOptions(pk, "users-new", periodReportDtoSchema, { gid: q.gid, cycle: q.cycle, start: q.start, end: q.end }, BATCH);

export const usersActiveOptions = (pk: string, start: string, end: string) =>
  reportOptions(pk, "users-active", dailyCountsDtoSchema, { start, end }, BATCH);

export const usersLocationOptions = (pk: string) => reportOptions(pk, "users-location", locationReportDtoSchema, {}, BATCH);

export const usersTotalOptions = (pk: string, gid?: string) => reportOptions(pk, "users-total", usersTotalDtoSchema, { gid }, BATCH);

/** The device list filtered to a place, a group and/or a state: the same names as its URL. */
export function devicesHref(
  pk: string | null,
  f: {
    country?: string;
    region?: string;
    city?: string;
    gid?: string;
    is_online?: "1" | "0";
    is_faulty?: "1";
    is_alert?: "1";
    liveness_start?: string;
  },
): string {
  const sp = new URLSearchParams();
  if (pk) sp.set("product", pk);
  for (const [k, v] of Object.entries(f)) if (v) sp.set(k, v);
  const qs = sp.toString();
  return qs ? `/devices?${qs}` : "/devices";
}
