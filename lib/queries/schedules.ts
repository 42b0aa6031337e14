import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "../api-client";
import {
  deviceSchedulesSchema,
  groupSchedulesSchema,
  type ScheduleUpdate,
  type ScheduleWrite,
  scheduleWriteResultSchema,
} from "../schemas/schedules";

/** What a schedule acts on: one device (device scheduler) or a console group (common_scheduler on its app group). */
export type ScheduleOwner = { kind: "device"; pk: string; did: string } | { kind: "group"; pk: string; gid: string };

export function schedulesBase(o: ScheduleOwner): string {
  const pk = encodeURIComponent(o.pk);
  return o.kind === "device"
    ? `/api/products/${pk}/devices/${encodeURIComponent(o.did)}/schedules`
    : `/api/products/${pk}/groups/${encodeURIComponent(o.gid)}/schedules`;
}

export const scheduleKeys = {
  all: ["schedules"] as const,
  of: (o: ScheduleOwner) => [...scheduleKeys.all, o.kind, o.pk, o.kind === "device" ? o.did : o.gid] as const,
};

export function deviceSchedulesOptions(pk: string, did: string) {
  const o: ScheduleOwner = { kind: "device", pk, did };
  return queryOptions({
    queryKey: scheduleKeys.of(o),
    queryFn: ({ signal }) => apiFetch(schedulesBase(o), deviceSchedulesSchema, { signal }),
    staleTime: 15_000,
  });
}

export function groupSchedulesOptions(pk: string, gid: string) {
  const o: ScheduleOwner = { kind: "group", pk, gid };
  return queryOptions({
    queryKey: scheduleKeys.of(o),
    queryFn: ({ signal }) => apiFetch(schedulesBase(o), groupSchedulesSchema, { signal }),
    staleTime: 15_000,
  });
}

export function createSchedule(o: ScheduleOwner, body: ScheduleWrite) {
  return apiFetch(schedulesBase(o), scheduleWriteResultSchema, { method: "POST", body });
}

export function updateSchedule(o: ScheduleOwner, id: string, body: ScheduleUpdate) {
  return apiFetch(`${schedulesBase(o)}/${encodeURIComponent(id)}`, scheduleWriteResultSchema, { method: "PUT", body });
}

export function deleteSchedule(o: ScheduleOwner, id: string) {
  return apiFetch(`${schedulesBase(o)}/${encodeURIComponent(id)}`, z.null(), { method: "DELETE" });
}
