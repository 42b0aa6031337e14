import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch, buildQuery } from "../api-client";
import { isFinalJobState } from "../plain/jobs";
import type { JobCreateInputRaw, JobDetail, JobDevicePage, JobDeviceState, JobPage, JobPreview, JobState } from "../schemas/jobs";

export { isFinalJobState };

/** Filters and page of GET /api/jobs, as the API's query names (lib/schemas/jobs.ts jobListQuerySchema). */
export interface JobListParams {
  state?: JobState;
  created_by?: string;
  product?: string;
  page: number;
  page_size: number;
}

export interface JobDevicesParams {
  state?: JobDeviceState;
  page: number;
  page_size: number;
}

export const jobKeys = {
  all: ["jobs"] as const,
  list: (p: JobListParams) => [...jobKeys.all, "list", p] as const,
  job: (id: string) => [...jobKeys.all, "job", id] as const,
  detail: (id: string) => [...jobKeys.job(id), "detail"] as const,
  devices: (id: string, p: JobDevicesParams) => [...jobKeys.job(id), "devices", p] as const,
};

const jobPath = (id: string, rest = "") => `/api/jobs/${encodeURIComponent(id)}${rest}`;

/** How often a job that is still changing is read again (its progress, counts and device rows). */
export const LIVE_REFRESH_MS = 2_000;

export function jobListOptions(p: JobListParams) {
  return queryOptions({
    queryKey: jobKeys.list(p),
    queryFn: ({ signal }) => apiFetch<JobPage>("/api/jobs", { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 2_000,
    // Progress bars move while any listed job is still running.
    refetchInterval: (q) => (q.state.data?.items.some((j) => !isFinalJobState(j.state)) ? LIVE_REFRESH_MS * 2 : false),
  });
}

export function jobDetailOptions(id: string) {
  return queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<JobDetail>(jobPath(id), { signal }),
    staleTime: 1_000,
    refetchInterval: (q) => (q.state.data && !isFinalJobState(q.state.data.state) ? LIVE_REFRESH_MS : false),
  });
}

/** One page of a job's devices; `live` keeps reading it while the job runs. */
export function jobDevicesOptions(id: string, p: JobDevicesParams, live: boolean) {
  return queryOptions({
    queryKey: jobKeys.devices(id, p),
    queryFn: ({ signal }) => apiFetch<JobDevicePage>(jobPath(id, "/devices"), { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 1_000,
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

/** The CSV of every device of a job (optionally one state), served by the API as a download. */
export function jobDevicesExportUrl(id: string, state?: JobDeviceState): string {
  return `${jobPath(id, "/devices/export")}${buildQuery({ state })}`;
}

/** Counts, cost and duration of a job before it exists: no writes, no commands. */
export const previewJob = (input: JobCreateInputRaw, signal?: AbortSignal) =>
  apiFetch<JobPreview>("/api/jobs/preview", { method: "POST", body: input, signal });

/** Creates and starts a job; the same key again answers the same job instead of creating another. */
export const createJob = (input: JobCreateInputRaw, idempotencyKey: string) =>
  apiFetch<JobDetail>("/api/jobs", { method: "POST", body: input, idempotencyKey });

export type JobAction = "pause" | "resume" | "cancel";

export const jobAction = (id: string, action: JobAction) => apiFetch<JobDetail>(jobPath(id, `/${action}`), { method: "POST" });

/** A new job over the failed devices of `id`; the key makes a double click or a retried request one job. */
export const retryFailedDevices = (id: string, idempotencyKey: string) =>
  apiFetch<JobDetail>(jobPath(id, "/retry-failed"), { method: "POST", idempotencyKey });
