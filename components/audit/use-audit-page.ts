"use client";

import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { auditExportUrl, auditOptions } from "@/lib/queries/audit";
import { useTimeZone } from "@/components/i18n";
import { useProduct } from "@/components/product";
import { useUrlParams } from "@/components/ui/use-url-param";
import { hasFilters, parseAuditUrl, toAuditFilters, toAuditParams, type AuditUrlState } from "./search-params";

export type AuditFilterKey = Exclude<keyof AuditUrlState, "page" | "pageSize">;

/**
 * The audit page's state, all of it in the URL (filters, page, page size): the parsed state,
 * the query it drives, and the export link for the same filters. A from-day after the to-day is
 * not sent; the page says so instead.
 */
export function useAuditPage() {
  const timeZone = useTimeZone();
  const { params, set } = useUrlParams();
  const state = useMemo(() => parseAuditUrl(new URLSearchParams(params.toString())), [params]);
  const apiParams = useMemo(() => toAuditParams(state, timeZone), [state, timeZone]);
  const rangeInvalid = Boolean(state.from && state.to && state.from > state.to);
  const q = useQuery({ ...auditOptions(apiParams), enabled: !rangeInvalid });
  const { products } = useProduct();
  const filtered = hasFilters(state);
  const exportHref = useMemo(() => auditExportUrl(toAuditFilters(state, timeZone)), [state, timeZone]);

  return {
    state,
    q,
    products,
    rangeInvalid,
    filtered,
    exportHref,
    /** A new filter value starts at page 1. */
    setFilter: (key: AuditFilterKey) => (v: string) => set({ [key]: v }, { resetPage: true }),
    clearFilters: () => set({ user: null, action: null, product: null, status: null, from: null, to: null, q: null }, { resetPage: true }),
    setPage: (page: number) => set({ page: page === 1 ? null : page }),
    setPageSize: (size: number) => set({ page_size: size === 50 ? null : size }, { resetPage: true }),
  };
}

export type AuditPage = ReturnType<typeof useAuditPage>;
