import { queryOptions, keepPreviousData } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "../api-client";
import type { DeviceFilter } from "../schemas/devices";
import { filterEntries } from "../schemas/devices";
import {
  groupAssignResultSchema,
  groupCreatedSchema,
  groupDevicesSchema,
  groupMacsSchema,
  groupTreeSchema,
  locateResultSchema,
  type GroupAssign,
  type GroupCreate,
  type GroupMetaUpdate,
} from "../schemas/groups";

export const groupKeys = {
  all: ["groups"] as const,
  product: (pk: string) => [...groupKeys.all, pk] as const,
  tree: (pk: string) => [...groupKeys.product(pk), "tree"] as const,
  devices: (pk: string, gid: string, page: number, pageSize: number) => [...groupKeys.product(pk), "devices", gid, page, pageSize] as const,
};

/**
 * Query keys a change of group membership makes stale: this feature's and the device search's
 * (["devices", pk] — search results by gid and the group picker).
 */
export function staleAfterGroupWrite(pk: string): (readonly string[])[] {
  return [groupKeys.product(pk), ["devices", pk]];
}

const base = (pk: string) => `/api/products/${encodeURIComponent(pk)}/groups`;
const groupPath = (pk: string, gid: string, rest = "") => `${base(pk)}/${encodeURIComponent(gid)}${rest}`;

export function groupTreeOptions(pk: string) {
  return queryOptions({
    queryKey: groupKeys.tree(pk),
    queryFn: ({ signal }) => apiFetch(base(pk), groupTreeSchema, { signal }),
    staleTime: 30_000,
  });
}

export function groupDevicesOptions(pk: string, gid: string, page: number, pageSize: number) {
  return queryOptions({
    queryKey: groupKeys.devices(pk, gid, page, pageSize),
    queryFn: ({ signal }) => apiFetch(groupPath(pk, gid, "/devices"), groupDevicesSchema, { query: { page, page_size: pageSize }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

export const createGroup = (pk: string, body: GroupCreate) => apiFetch(base(pk), groupCreatedSchema, { method: "POST", body });
export const updateGroupMeta = (pk: string, gid: string, body: GroupMetaUpdate) =>
  apiFetch(groupPath(pk, gid), z.object({ gid: z.string() }), { method: "PATCH", body });
export const deleteGroup = (pk: string, gid: string) => apiFetch(groupPath(pk, gid), z.null(), { method: "DELETE" });
export const fetchGroupMacs = (pk: string, gid: string) => apiFetch(groupPath(pk, gid, "/macs"), groupMacsSchema);

/** One chunk of an assign/unassign; the key makes a double submit of the same chunk harmless. */
export const assignChunk = (pk: string, gid: string, body: GroupAssign, idempotencyKey: string) =>
  apiFetch(groupPath(pk, gid, "/devices"), groupAssignResultSchema, { method: "PUT", body, idempotencyKey });

export const locateMacs = (pk: string, macs: string[]) =>
  apiFetch(`${base(pk)}/locate`, locateResultSchema, { method: "POST", body: { macs } });
export const searchMacs = (pk: string, filter: DeviceFilter) =>
  apiFetch(`${base(pk)}/search-macs`, groupMacsSchema, { query: Object.fromEntries(filterEntries(filter)) });
