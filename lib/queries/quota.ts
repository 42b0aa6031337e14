import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch } from "../api-client";
import type { quotaSchema } from "../schemas/api";

export const quotaKeys = {
  all: ["quota"] as const,
};

/** The enterprise's upstream budget; polled every 30 s while a console tab is open. */
export function quotaOptions() {
  return queryOptions({
    queryKey: quotaKeys.all,
    queryFn: ({ signal }) => apiFetch<z.output<typeof quotaSchema>>("/api/quota", { signal }),
    refetchInterval: 30_000,
    staleTime: 10_000,
  });
}
