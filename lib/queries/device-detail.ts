import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "../api-client";
import type { productDatapointsSchema } from "../schemas/datapoints";
import type {
  aggResultSchema,
  boundUsersSchema,
  cmdPageSchema,
  commandHistorySchema,
  controlResultSchema,
  dataWindowSchema,
  deviceInfoSchema,
  latestStatusSchema,
  onlineWindowSchema,
} from "../schemas/device-detail";
import type { ControlBody } from "../control";
import type { AggAggregator, AggUnit } from "../agg";

const base = (pk: string, did: string) => `/api/products/${encodeURIComponent(pk)}/devices/${encodeURIComponent(did)}`;

export const deviceDetailKeys = {
  all: ["device-detail"] as const,
  device: (pk: string, did: string) => [...deviceDetailKeys.all, pk, did] as const,
  info: (pk: string, did: string) => [...deviceDetailKeys.device(pk, did), "info"] as const,
  status: (pk: string, did: string) => [...deviceDetailKeys.device(pk, did), "status"] as const,
  data: (pk: string, did: string, start: number, end: number) => [...deviceDetailKeys.device(pk, did), "data", start, end] as const,
  online: (pk: string, did: string, start: number, end: number) => [...deviceDetailKeys.device(pk, did), "online", start, end] as const,
  cmd: (pk: string, did: string, p: CmdParams) => [...deviceDetailKeys.device(pk, did), "cmd", p] as const,
  agg: (pk: string, did: string, p: AggParams) => [...deviceDetailKeys.device(pk, did), "agg", p] as const,
  users: (pk: string, did: string) => [...deviceDetailKeys.device(pk, did), "users"] as const,
  commands: (pk: string, did: string, page: number) => [...deviceDetailKeys.device(pk, did), "commands", page] as const,
  datapoints: (pk: string) => ["datapoints", pk] as const,
};

export function datapointsOptions(pk: string) {
  return queryOptions({
    queryKey: deviceDetailKeys.datapoints(pk),
    queryFn: ({ signal }) =>
      apiFetch<z.output<typeof productDatapointsSchema>>(`/api/products/${encodeURIComponent(pk)}/datapoints`, { signal }),
    staleTime: 10 * 60_000,
  });
}

export function deviceInfoOptions(pk: string, did: string) {
  return queryOptions({
    queryKey: deviceDetailKeys.info(pk, did),
    queryFn: ({ signal }) => apiFetch<z.output<typeof deviceInfoSchema>>(base(pk, did), { signal }),
    staleTime: 30_000,
  });
}

export function latestStatusOptions(pk: string, did: string) {
  return queryOptions({
    queryKey: deviceDetailKeys.status(pk, did),
    queryFn: ({ signal }) => apiFetch<z.output<typeof latestStatusSchema>>(`${base(pk, did)}/status`, { signal }),
    staleTime: 15_000,
  });
}

/** The read-back after a command: bypasses the server's short cache. Not cached in the browser either. */
export function fetchFreshStatus(pk: string, did: string, signal?: AbortSignal) {
  return apiFetch<z.output<typeof latestStatusSchema>>(`${base(pk, did)}/status`, { query: { fresh: "1" }, signal });
}

/** One ≤ 2-day /data window; closed windows never change, so they stay fresh for the session. */
export function dataWindowOptions(pk: string, did: string, start: number, end: number, closed: boolean) {
  return queryOptions({
    queryKey: deviceDetailKeys.data(pk, did, start, end),
    queryFn: ({ signal }) => apiFetch<z.output<typeof dataWindowSchema>>(`${base(pk, did)}/data`, { query: { start, end }, signal }),
    staleTime: closed ? Infinity : 15_000,
  });
}

export function onlineWindowOptions(pk: string, did: string, start: number, end: number, closed: boolean) {
  return queryOptions({
    queryKey: deviceDetailKeys.online(pk, did, start, end),
    queryFn: ({ signal }) => apiFetch<z.output<typeof onlineWindowSchema>>(`${base(pk, did)}/online`, { query: { start, end }, signal }),
    staleTime: closed ? Infinity : 15_000,
  });
}

export type CmdDirection = "app2dev" | "dev2app";

export interface CmdParams {
  start: number;
  end: number;
  limit: number;
  skip?: number;
  context?: string;
  /** Only this direction. */
  type?: CmdDirection;
}

export const cmdPageUrl = (pk: string, did: string) => `${base(pk, did)}/cmd`;

export function cmdPageOptions(pk: string, did: string, p: CmdParams) {
  return queryOptions({
    queryKey: deviceDetailKeys.cmd(pk, did, p),
    queryFn: ({ signal }) => apiFetch<z.output<typeof cmdPageSchema>>(cmdPageUrl(pk, did), { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

export interface AggParams {
  start: number;
  end: number;
  attrs: string[];
  aggregator: AggAggregator;
  unit: AggUnit;
}

export function aggOptions(pk: string, did: string, p: AggParams) {
  return queryOptions({
    queryKey: deviceDetailKeys.agg(pk, did, p),
    queryFn: ({ signal }) =>
      apiFetch<z.output<typeof aggResultSchema>>(`${base(pk, did)}/agg`, { query: { ...p, attrs: p.attrs.join(",") }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function boundUsersOptions(pk: string, did: string) {
  return queryOptions({
    queryKey: deviceDetailKeys.users(pk, did),
    queryFn: ({ signal }) => apiFetch<z.output<typeof boundUsersSchema>>(`${base(pk, did)}/users`, { signal }),
    staleTime: 30_000,
  });
}

export function commandHistoryOptions(pk: string, did: string, page: number) {
  return queryOptions({
    queryKey: deviceDetailKeys.commands(pk, did, page),
    queryFn: ({ signal }) =>
      apiFetch<z.output<typeof commandHistorySchema>>(`${base(pk, did)}/commands`, { query: { page, page_size: 20 }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

/** Sends a command once: the same key on a retry is answered from the first result. */
export function sendControl(pk: string, did: string, body: ControlBody, idempotencyKey: string) {
  return apiFetch<z.output<typeof controlResultSchema>>(`${base(pk, did)}/control`, { method: "POST", body, idempotencyKey });
}
