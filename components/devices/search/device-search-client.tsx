"use client";

import { useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { deviceSearchOptions } from "@/lib/queries/devices";
import { hasFilter, PAGE_SIZES, parseSearchParams } from "@/lib/plain/devices";
import type { DeviceFilter, DeviceRow } from "@/lib/schemas/devices";
import { GroupPicker } from "@/components/groups/group-picker";
import { filterValues } from "@/components/jobs/job-filter-values";
import { useFormat, useT } from "@/components/i18n";
import { useProduct } from "@/components/product";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { useUrlParams } from "@/components/ui/use-url-param";
import { ClearFilters, DeviceFilters, type FilterChange } from "./device-filters";
import { DeviceTable, type AllResults } from "./device-table";
import { SavedViews } from "./saved-views";
import { lazyClient } from "@/components/ui/lazy-client";

// The selection bar's actions (and the flows and dialogs they open) are fetched once rows are
// ticked, not with the page (first-load JS budget, issue 17); hovering the table starts it.
// The "job for this search" button shows for ops once the result count is in: its code loads then.
// The export button (its cost estimate and the quota it reads) comes with the first paint's idle time.
const ExportButton = lazyClient(() => import("./export-button").then((m) => m.ExportButton));
const CreateJobButton = lazyClient(() => import("@/components/jobs/create-job-button").then((m) => m.CreateJobButton));
const loadSelectionActions = () => import("./selection-actions");
const SelectionActions = lazyClient(() => loadSelectionActions().then((m) => m.SelectionActions));
const prefetchSelectionActions = () => void loadSelectionActions();

/** URL keys that belong to the search (cleared by "Clear filters"; `product` stays). */
const FILTER_KEYS = [
  "gid",
  "country",
  "region",
  "city",
  "is_online",
  "is_faulty",
  "is_alert",
  "show_disabled",
  "liveness_start",
  "type",
  "val",
  "page",
] as const;

export function DeviceSearchClient({ canWrite = false, canControl = false }: { canWrite?: boolean; canControl?: boolean }) {
  const t = useT("devices");
  const tj = useT("jobs-entry");
  const f = useFormat();
  const router = useRouter();
  const pathname = usePathname();
  const { productKey, isLoading: productsLoading, error: productsError } = useProduct();
  const { params, set } = useUrlParams();
  const state = useMemo(() => parseSearchParams(new URLSearchParams(params.toString())), [params]);
  const filter: DeviceFilter = useMemo(() => {
    const { page: _page, page_size: _size, ...rest } = state;
    return rest;
  }, [state]);
  const filtered = hasFilter(filter);

  const q = useQuery({ ...deviceSearchOptions(productKey ?? "", state), enabled: Boolean(productKey) });
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  // The ticked rows' data, kept across pages so the selection can be exported or bound without another call.
  const [selectedRows, setSelectedRows] = useState<Map<string, DeviceRow>>(new Map());
  const [allResults, setAllResults] = useState<AllResults | null>(null);
  const filterKey = JSON.stringify(filter);
  // A new search or product starts a new selection: "all results" would otherwise mean another set.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs because the filter or product changed
  useEffect(() => {
    setSelected(new Map());
    setSelectedRows(new Map());
    setAllResults(null);
  }, [filterKey, productKey]);

  const onChange = (c: FilterChange) => set(c, { resetPage: true });
  const clear = () => set(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
  const total = q.data?.total;
  const rows = q.data?.devices;
  const pageAllSelected = Boolean(rows?.length) && rows!.every((d) => selected.has(d.did));
  const savedQuery = useMemo(() => {
    const sp = new URLSearchParams(params.toString());
    sp.delete("page");
    return sp.toString();
  }, [params]);

  if (!productKey) {
    if (productsError) return <ErrorState error={productsError} />;
    return productsLoading ? null : <EmptyState title={t("noProduct")} />;
  }

  const selectionBar =
    selected.size > 0 ? (
      <div className="flex w-full flex-wrap items-center gap-2 text-[13px]" data-testid="selection-bar">
        <span className="font-medium text-ink">
          {allResults
            ? t("allResultsSelected", { total: f.number(allResults.total) })
            : t("selectedCount", { count: f.number(selected.size) })}
        </span>
        {!allResults && pageAllSelected && total !== undefined && total > selected.size ? (
          <Button variant="link" size="sm" onClick={() => setAllResults({ filter, total })}>
            {t("selectAllResults", { total: f.number(total) })}
          </Button>
        ) : null}
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setSelected(new Map());
            setSelectedRows(new Map());
            setAllResults(null);
          }}
        >
          {t("clearSelection")}
        </Button>
        <span className="ml-auto">
          <SelectionActions
            productKey={productKey}
            canWrite={canWrite}
            canControl={canControl}
            selection={allResults ? { kind: "search", ...allResults } : { kind: "devices", devices: [...selectedRows.values()] }}
          />
        </span>
      </div>
    ) : null;

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("description")}
        meta={total !== undefined ? <span data-testid="result-count">{t("resultCount", { total: f.number(total) })}</span> : null}
        actions={
          <>
            <SavedViews
              page="devices"
              currentQuery={savedQuery}
              onOpen={(query) => router.push(query ? `${pathname}?${query}` : pathname)}
            />
            <ExportButton productKey={productKey} filter={filter} total={total} />
            {canControl && total ? (
              <CreateJobButton
                productKey={productKey}
                source={{ kind: "search", filters: filterValues(filter), total }}
                label={tj("jobForSearch")}
                title={tj("jobForSearchHint", { total: f.number(total) })}
                size="md"
                testId="search-job"
              />
            ) : null}
          </>
        }
      />
      <div className="mb-3 rounded-lg border border-line bg-panel px-3 py-2.5 shadow-panel">
        <DeviceFilters
          productKey={productKey}
          state={state}
          onChange={onChange}
          groupPicker={<GroupPicker productKey={productKey} value={state.gid ?? null} onChange={(gid) => onChange({ gid })} />}
        />
        {filtered ? (
          <div className="mt-2 flex justify-end">
            <ClearFilters onClear={clear} />
          </div>
        ) : null}
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: display: contents, no box of its own; pointing at or tabbing into the table only prefetches the selection actions */}
      <div className="contents" onPointerEnter={prefetchSelectionActions} onFocus={prefetchSelectionActions}>
        <DeviceTable
          productKey={productKey}
          rows={rows}
          loading={q.isLoading}
          fetching={q.isFetching && !q.isLoading}
          error={q.error}
          onRetry={() => void q.refetch()}
          empty={
            <EmptyState
              compact
              title={t("emptyTitle")}
              description={filtered ? t("emptyFiltered") : t("emptyNone")}
              action={filtered ? <ClearFilters onClear={clear} /> : undefined}
            />
          }
          selected={selected}
          onSelectedChange={(next) => {
            setSelected(next);
            setSelectedRows((prev) => {
              const byDid = new Map((rows ?? []).map((d) => [d.did, d]));
              const out = new Map<string, DeviceRow>();
              for (const did of next.keys()) {
                const row = prev.get(did) ?? byDid.get(did);
                if (row) out.set(did, row);
              }
              return out;
            });
            setAllResults(null);
          }}
          allResults={allResults}
          toolbar={selectionBar}
          footer={
            total !== undefined && total > 0 ? (
              <Pagination
                page={state.page}
                pageSize={state.page_size}
                total={total}
                pageSizes={PAGE_SIZES}
                onPageChange={(page) => set({ page: page === 1 ? null : page })}
                onPageSizeChange={(size) => set({ page_size: size }, { resetPage: true })}
              />
            ) : null
          }
        />
      </div>
    </div>
  );
}
