import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "../api-client";
import type { accountListSchema, accountSchema, CreateAccountInput, UpdateAccountInput } from "../schemas/accounts";

export const accountKeys = {
  all: ["accounts"] as const,
  list: () => [...accountKeys.all, "list"] as const,
};

export function accountsOptions() {
  return queryOptions({
    queryKey: accountKeys.list(),
    queryFn: ({ signal }) => apiFetch<z.output<typeof accountListSchema>>("/api/admin/accounts", { signal }),
    staleTime: 10_000,
  });
}

export function createAccount(input: CreateAccountInput) {
  return apiFetch<z.output<typeof accountSchema>>("/api/admin/accounts", { method: "POST", body: input });
}

/** Clears the sign-in delay repeated wrong passwords put on the account's username. */
export function clearSignInDelay(id: string) {
  return apiFetch<null>(`/api/admin/accounts/${encodeURIComponent(id)}/throttle`, { method: "DELETE" });
}

export function updateAccount(id: string, patch: UpdateAccountInput) {
  return apiFetch<z.output<typeof accountSchema>>(`/api/admin/accounts/${encodeURIComponent(id)}`, { method: "PATCH", body: patch });
}
