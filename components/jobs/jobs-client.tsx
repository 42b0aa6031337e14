"use client";

import Link from "next/link";
import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { jobListOptions, type JobListParams } from "@/lib/queries/jobs";
import { JOB_STATES, jobProgress } from "@/lib/plain/jobs";
import type { JobState, JobSummary } from "@/lib/schemas/jobs";
import { useFormat, useT } from "@/components/i18n";
import { productLabel, useProduct } from "@/components/product";
import { Button } from "@/components/ui/button";
import type { Column } from "@/components/ui/data-table";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { IconX } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { useUrlParams } from "@/components/ui/use-url-param";
import { CreateJobButton } from "./create-job-button";
import { JOB_STATE_VIEW, JobProgressBar, JobStateBadge, useCommandText, useTargetText } from "./job-format";

export const JOB_PAGE_SIZES = [20, 50, 100] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PK = /^[0-9a-f]{32}$/;

/** The list's URL state (`state`, `pk`, `by`, `page`, `page_size`), read leniently: a stale value is dropped. */
function parseListUrl(sp: URLSearchParams): JobListParams {
  const state = sp.get("state");
  const pk = sp.get("pk")?.toLowerCase();
  const by = sp.get("by")?.toLowerCase();
  const page = Number(sp.get("page"));
  const size = Number(sp.get("page_size"));
  return {
    ...(state && (JOB_STATES as readonly string[]).includes(state) ? { state: state as JobState } : {}),
    ...(pk && PK.test(pk) ? { product: pk } : {}),
    ...(by && UUID.test(by) ? { created_by: by } : {}),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    page_size: (JOB_PAGE_SIZES as readonly number[]).includes(size) ? size : 20,
  };
}

/**
 * The Jobs page: every job with its progress, state, product, who started it and when; filters
 * by state, product and starter, all in the URL. Ops and admins get "New job" (a pasted or
 * uploaded list of devices, or a group); the other roles follow jobs without acting on them.
 */
export function JobsClient({ canControl, me }: { canControl: boolean; me: { id: string; name: string } }) {
  const t = useT("jobs");
  const f = useFormat();
  const router = useRouter();
  const { params, set } = useUrlParams();
  const p = useMemo(() => parseListUrl(new URLSearchParams(params.toString())), [params]);
  const q = useQuery(jobListOptions(p));
  const { products, productKey } = useProduct();
  const targetText = useTargetText();
  const commandText = useCommandText();
  const filtered = Boolean(p.state || p.product || p.created_by);
  const productName = (pk: string) => {
    const prod = products.find((x) => x.productKey === pk);
    return prod ? productLabel(prod) : pk;
  };

  // Starters: "me", whoever is on this page, and the one filtered by (so the select can show it).
  const starters = new Map<string, string>([[me.id, t("byMe", { name: me.name })]]);
  for (const j of q.data?.items ?? []) if (j.createdBy.id && !starters.has(j.createdBy.id)) starters.set(j.createdBy.id, j.createdBy.name);
  if (p.created_by && !starters.has(p.created_by)) starters.set(p.created_by, t("byOther"));

  const columns: Column<JobSummary>[] = [
    {
      id: "job",
      header: t("colJob"),
      cell: (j) => (
        <span className="flex min-w-0 flex-col">
          <Link
            href={`/jobs/${encodeURIComponent(j.id)}`}
            className="truncate font-medium text-ink hover:text-accent hover:underline"
            title={commandText(j.command)}
            onClick={(e) => e.stopPropagation()}
            data-testid="job-link"
          >
            {commandText(j.command)}
          </Link>
          <span className="truncate text-xs text-ink-muted" title={targetText(j.target)}>
            {targetText(j.target)}
            {j.retryOf ? <span className="ml-1 text-ink-subtle">· {t("retryBadge")}</span> : null}
          </span>
        </span>
      ),
    },
    {
      id: "state",
      header: t("colState"),
      width: 150,
      cell: (j) => <JobStateBadge state={j.state} />,
    },
    {
      id: "progress",
      header: t("colProgress"),
      width: 220,
      cell: (j) => (
        <span className="flex flex-col gap-1">
          <JobProgressBar total={j.total} counts={j.counts} compact />
          <span className="flex justify-between gap-2 text-xs text-ink-muted">
            <span className="tabular">
              {t("progressShort", { done: f.number(j.total - j.counts.pending), total: f.number(j.total) })} ·{" "}
              {f.percent(jobProgress(j), 0)}
            </span>
            {j.counts.failed ? <span className="tabular text-bad">{t("failedShort", { count: f.number(j.counts.failed) })}</span> : null}
          </span>
        </span>
      ),
    },
    {
      id: "product",
      header: t("colProduct"),
      width: 150,
      hideBelow: "lg",
      cell: (j) => (
        <span className="block truncate" title={j.productKey}>
          {productName(j.productKey)}
        </span>
      ),
    },
    {
      id: "by",
      header: t("colStartedBy"),
      width: 130,
      hideBelow: "md",
      cell: (j) => <span className="block truncate">{j.createdBy.name}</span>,
    },
    {
      id: "created",
      header: t("colCreated"),
      width: 150,
      cell: (j) => (
        <span className="tabular whitespace-nowrap text-ink-muted" title={f.relative(j.createdAt)}>
          {f.dateTime(j.createdAt)}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        meta={q.data ? <span data-testid="jobs-count">{t("count", { total: f.number(q.data.total) })}</span> : null}
        actions={
          canControl && productKey ? (
            <CreateJobButton productKey={productKey} source={{ kind: "list" }} variant="primary" size="md" icon="plus" testId="new-job" />
          ) : null
        }
      />
      {!canControl ? (
        <p className="mb-3 text-xs text-ink-muted" data-testid="jobs-read-only">
          {t("readOnly")}
        </p>
      ) : null}
      <DataTable
        aria-label={t("title")}
        columns={columns}
        rows={q.data?.items}
        rowKey={(j) => j.id}
        loading={q.isLoading}
        fetching={q.isFetching && !q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        onRowClick={(j) => router.push(`/jobs/${encodeURIComponent(j.id)}`)}
        rowProps={(j) => ({ "data-job": j.id, "data-state": j.state })}
        density="normal"
        empty={
          <EmptyState
            compact
            title={filtered ? t("emptyFiltered") : t("emptyTitle")}
            description={filtered ? undefined : canControl ? t("emptyBodyControl") : t("emptyBody")}
          />
        }
        toolbar={
          <div role="search" aria-label={t("filters")} className="flex w-full flex-wrap items-center gap-2">
            <div className="w-44">
              <Select
                size="sm"
                aria-label={t("colState")}
                value={p.state ?? ""}
                placeholder={t("allStates")}
                options={JOB_STATES.map((s) => ({ value: s, label: t(JOB_STATE_VIEW[s].key) }))}
                onChange={(e) => set({ state: e.target.value }, { resetPage: true })}
                data-testid="filter-state"
              />
            </div>
            <div className="w-48">
              <Select
                size="sm"
                aria-label={t("colProduct")}
                value={p.product ?? ""}
                placeholder={t("allProducts")}
                options={products.map((x) => ({ value: x.productKey, label: productLabel(x) }))}
                onChange={(e) => set({ pk: e.target.value }, { resetPage: true })}
                data-testid="filter-product"
              />
            </div>
            <div className="w-44">
              <Select
                size="sm"
                aria-label={t("colStartedBy")}
                value={p.created_by ?? ""}
                placeholder={t("allStarters")}
                options={[...starters].map(([value, label]) => ({ value, label }))}
                onChange={(e) => set({ by: e.target.value }, { resetPage: true })}
                data-testid="filter-by"
              />
            </div>
            {filtered ? (
              <Button size="sm" variant="ghost" onClick={() => set({ state: null, pk: null, by: null }, { resetPage: true })}>
                <IconX size={14} />
                {t("clearFilters")}
              </Button>
            ) : null}
          </div>
        }
        footer={
          q.data && q.data.total > 0 ? (
            <Pagination
              page={p.page}
              pageSize={p.page_size}
              total={q.data.total}
              pageSizes={JOB_PAGE_SIZES}
              onPageChange={(page) => set({ page: page === 1 ? null : page })}
              onPageSizeChange={(size) => set({ page_size: size === 20 ? null : size }, { resetPage: true })}
            />
          ) : null
        }
      />
    </>
  );
}
