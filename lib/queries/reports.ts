import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "../api-client";
import type {
  dailyCountsDtoSchema,
  deviceDayPageDtoSchema,
  deviceSummaryDtoSchema,
  locationReportDtoSchema,
  periodReportDtoSchema,
  usersTotalDtoSchema,
  DeviceDaysQuery,
  FaultKind,
  FaultScope,
  PeriodQuery,
} from "../schemas/reports";

type Query = Record<string, string | number | undefined>;

export const reportKeys = {
  all: ["reports"] as const,
  product: (pk: string) => [...reportKeys.all, pk] as const,
  report: (pk: string, name: string, q: Query = {}) => [...reportKeys.product(pk), name, q] as const,
};

const MIN = 60_000;

/** A report answer typed as its route serves it: `reportOptions<z.output<typeof schema>>(…)`, no parse in the browser. */
function reportOptions<T>(pk: string, name: string, query: Query, staleTime: number) {
  return queryOptions({
    queryKey: reportKeys.report(pk, name, query),
    queryFn: ({ signal }) => apiFetch<T>(`/api/products/${encodeURIComponent(pk)}/reports/${name}`, { query, signal }),
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

export const summaryOptions = (pk: string) => reportOptions<z.output<typeof deviceSummaryDtoSchema>>(pk, "summary", {}, REALTIME);

export const realtimeOptions = (pk: string, gid?: string) =>
  reportOptions<z.output<typeof locationReportDtoSchema>>(pk, "realtime", { gid }, REALTIME);

export interface LocationsFilter {
  gid?: string;
  is_online?: "1" | "0";
  is_faulty?: "1" | "0";
  is_alert?: "1" | "0";
}
export const locationsOptions = (pk: string, f: LocationsFilter = {}) =>
  reportOptions<z.output<typeof locationReportDtoSchema>>(pk, "locations", { ...f }, REALTIME);

export const periodReportOptions = (pk: string, name: "liveness" | "activation", q: PeriodQuery) =>
  reportOptions<z.output<typeof periodReportDtoSchema>>(pk, name, { gid: q.gid, cycle: q.cycle, start: q.start, end: q.end }, BATCH);

export const deviceDaysOptions = (pk: string, name: "new-devices" | "active-devices", q: DeviceDaysQuery) =>
  reportOptions<z.output<typeof deviceDayPageDtoSchema>>(pk, name, { ...q }, BATCH);

/** One page of a device-days list outside React Query (exports read every page). */
export const fetchDeviceDays = (pk: string, name: "new-devices" | "active-devices", q: DeviceDaysQuery, signal?: AbortSignal) =>
  apiFetch<z.output<typeof deviceDayPageDtoSchema>>(`/api/products/${encodeURIComponent(pk)}/reports/${name}`, { query: { ...q }, signal });

export const faultReportOptions = (pk: string, kind: FaultKind, scope: FaultScope, gid?: string) =>
  reportOptions<z.output<typeof locationReportDtoSchema>>(pk, `${kind}-${scope}`, { gid }, REALTIME);

export const usersNewOptions = (pk: string, q: PeriodQuery) =>
  reportOptions<z.output<typeof periodReportDtoSchema>>(pk, "users-new", { gid: q.gid, cycle: q.cycle, start: q.start, end: q.end }, BATCH);

export const usersActiveOptions = (pk: string, start: string, end: string) =>
  reportOptions<z.output<typeof dailyCountsDtoSchema>>(pk, "users-active", { start, end }, BATCH);

export const usersLocationOptions = (pk: string) =>
  reportOptions<z.output<typeof locationReportDtoSchema>>(pk, "users-location", {}, BATCH);

export const usersTotalOptions = (pk: string, gid?: string) =>
  reportOptions<z.output<typeof usersTotalDtoSchema>>(pk, "users-total", { gid }, BATCH);

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
