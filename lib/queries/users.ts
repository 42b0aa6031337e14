import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "../api-client";
import type {
  appidListSchema,
  bindingResultSchema,
  userDetailSchema,
  userSearchResultSchema,
  BindingInput,
  BoundSearch,
  RegisteredSearch,
} from "../schemas/users";

export const userKeys = {
  all: ["users"] as const,
  product: (pk: string) => [...userKeys.all, pk] as const,
  registered: (q: RegisteredSearch) => [...userKeys.product(q.product), "registered", q] as const,
  bound: (pk: string, q: BoundSearch) => [...userKeys.product(pk), "bound", q] as const,
  detail: (pk: string, uid: string) => [...userKeys.product(pk), "detail", uid] as const,
  appids: (pk: string) => [...userKeys.product(pk), "appids"] as const,
};

/**
 * Query keys a bind/unbind makes stale: this feature's, the device search's (["devices", pk]) and
 * the device pages' bound-user tabs (["device-detail", pk]).
 */
export function staleAfterBindingWrite(pk: string): (readonly string[])[] {
  return [userKeys.product(pk), ["devices", pk], ["device-detail", pk]];
}

const productBase = (pk: string) => `/api/products/${encodeURIComponent(pk)}`;

export const fetchRegisteredUsers = (q: RegisteredSearch, signal?: AbortSignal) =>
  apiFetch<z.output<typeof userSearchResultSchema>>("/api/users", { query: q, signal });
export const fetchBoundUsers = (pk: string, q: BoundSearch, signal?: AbortSignal) =>
  apiFetch<z.output<typeof userSearchResultSchema>>(`${productBase(pk)}/users/search`, { query: q, signal });

export function registeredUsersOptions(q: RegisteredSearch) {
  return queryOptions({
    queryKey: userKeys.registered(q),
    queryFn: ({ signal }) => fetchRegisteredUsers(q, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function boundUsersOptions(pk: string, q: BoundSearch) {
  return queryOptions({
    queryKey: userKeys.bound(pk, q),
    queryFn: ({ signal }) => fetchBoundUsers(pk, q, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function userDetailOptions(pk: string, uid: string) {
  return queryOptions({
    queryKey: userKeys.detail(pk, uid),
    queryFn: ({ signal }) => apiFetch<z.output<typeof userDetailSchema>>(`${productBase(pk)}/users/${encodeURIComponent(uid)}`, { signal }),
    staleTime: 15_000,
  });
}

export function appidsOptions(pk: string) {
  return queryOptions({
    queryKey: userKeys.appids(pk),
    queryFn: ({ signal }) => apiFetch<z.output<typeof appidListSchema>>(`${productBase(pk)}/appids`, { signal }),
    staleTime: Infinity,
  });
}

/** One bind or unbind; the key makes a double submit of the same request harmless. Never retried. */
export const writeBinding = (pk: string, kind: "bind" | "unbind", body: BindingInput, idempotencyKey: string) =>
  apiFetch<z.output<typeof bindingResultSchema>>(`${productBase(pk)}/bindings`, {
    method: kind === "bind" ? "POST" : "DELETE",
    body,
    idempotencyKey,
  });

export function userHref(pk: string, uid: string, appid?: string | null): string {
  const q = new URLSearchParams({ product: pk });
  if (appid) q.set("appid", appid);
  return `/users/${encodeURIComponent(uid)}?${q.toString()}`;
}
