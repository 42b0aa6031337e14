import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "../api-client";
import { accountListSchema, accountSchema, type CreateAccountInput, type UpdateAccountInput } from "../schemas/accounts";

export const accountKeys = {
  all: ["accounts"] as const,
  list: () => [...accountKeys.all, "list"] as const,
};

export function accountsOptions() {
  return queryOptions({
    queryKey: accountKeys.list(),
    queryFn: ({ signal }) => apiFetch("/api/admin/accounts", accountListSchema, { signal }),
    staleTime: 10_000,
  });
}

export function createAccount(input: CreateAccountInput) {
  return apiFetch("/api/admin/accounts", accountSchema, { method: "POST", body: input });
}

/** Clears the sign-in delay repeated wrong passwords put on the account's username. */
export function clearSignInDelay(id: string) {
  return apiFetch(`/api/admin/accounts/${encodeURIComponent(id)}/throttle`, z.null(), { method: "DELETE" });
}

export function updateAccount(id: string, patch: UpdateAccountInput) {
  return apiFetch(`/api/admin/accounts/${encodeURIComponent(id)}`, accountSchema, { method: "PATCH", body: patch });
}
