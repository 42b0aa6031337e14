import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { quotaSchema } from "../schemas/api";

export const quotaKeys = {
  all: ["quota"] as const,
};

/** The enterprise's upstream budget; polled every 30 s while a console tab is open. */
export function quotaOptions() {
  return queryOptions({
    queryKey: quotaKeys.all,
    queryFn: ({ signal }) => apiFetch("/api/quota", quotaSchema, { signal }),
    refetchInterval: 30_000,
    staleTime: 10_000,
  });
}
