import { queryOptions, keepPreviousData } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "../api-client";
import type { DeviceFilter } from "../schemas/devices";
import { filterEntries } from "../plain/devices";
import type {
  groupAssignResultSchema,
  groupCreatedSchema,
  groupDevicesSchema,
  groupMacsSchema,
  groupTreeSchema,
  locateResultSchema,
  GroupAssign,
  GroupCreate,
  GroupMetaUpdate,
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
    queryFn: ({ signal }) => apiFetch<z.output<typeof groupTreeSchema>>(base(pk), { signal }),
    staleTime: 30_000,
  });
}

export function groupDevicesOptions(pk: string, gid: string, page: number, pageSize: number) {
  return queryOptions({
    queryKey: groupKeys.devices(pk, gid, page, pageSize),
    queryFn: ({ signal }) =>
      apiFetch<z.output<typeof groupDevicesSchema>>(groupPath(pk, gid, "/devices"), { query: { page, page_size: pageSize }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

export const createGroup = (pk: string, body: GroupCreate) =>
  apiFetch<z.output<typeof groupCreatedSchema>>(base(pk), { method: "POST", body });
export const updateGroupMeta = (pk: string, gid: string, body: GroupMetaUpdate) =>
  apiFetch<{ gid: string }>(groupPath(pk, gid), { method: "PATCH", body });
export const deleteGroup = (pk: string, gid: string) => apiFetch<null>(groupPath(pk, gid), { method: "DELETE" });
export const fetchGroupMacs = (pk: string, gid: string) => apiFetch<z.output<typeof groupMacsSchema>>(groupPath(pk, gid, "/macs"));

/** One chunk of an assign/unassign; the key makes a double submit of the same chunk harmless. */
export const assignChunk = (pk: string, gid: string, body: GroupAssign, idempotencyKey: string) =>
  apiFetch<z.output<typeof groupAssignResultSchema>>(groupPath(pk, gid, "/devices"), { method: "PUT", body, idempotencyKey });

export const locateMacs = (pk: string, macs: string[]) =>
  apiFetch<z.output<typeof locateResultSchema>>(`${base(pk)}/locate`, { method: "POST", body: { macs } });
export const searchMacs = (pk: string, filter: DeviceFilter) =>
  apiFetch<z.output<typeof groupMacsSchema>>(`${base(pk)}/search-macs`, { query: Object.fromEntries(filterEntries(filter)) });
