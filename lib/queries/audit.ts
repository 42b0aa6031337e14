import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { apiFetch, buildQuery } from "../api-client";
import type { auditPageSchema, AuditStatus } from "../schemas/audit";

/** Audit filters as sent to GET /api/audit; `from`/`to` are ISO instants. */
export interface AuditListParams {
  user?: string;
  action?: string;
  product?: string;
  status?: AuditStatus;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  page_size: number;
}

export const auditKeys = {
  all: ["audit"] as const,
  list: (p: AuditListParams) => [...auditKeys.all, "list", p] as const,
};

export function auditOptions(p: AuditListParams) {
  return queryOptions({
    queryKey: auditKeys.list(p),
    queryFn: ({ signal }) => apiFetch<z.output<typeof auditPageSchema>>("/api/audit", { query: { ...p }, signal }),
    // Keep the old page on screen while the next one loads, so the table does not jump.
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

/** The CSV export of everything matching the filters (no paging). */
export function auditExportUrl(p: Omit<AuditListParams, "page" | "page_size">): string {
  return `/api/audit/export${buildQuery({ ...p })}`;
}
