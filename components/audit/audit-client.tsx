"use client";

import { useEffect, useId, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { AuditRecord, AuditStatus } from "@/lib/schemas/audit";
import { auditExportUrl, auditOptions } from "@/lib/queries/audit";
import { audit as messages } from "@/lib/i18n/messages/audit";
import { ROLES } from "@/lib/roles";
import { useFormat, useT, useTimeZone } from "@/components/i18n";
import { productLabel, useProduct } from "@/components/product";
import { useRoleLabel } from "@/components/shell/role-label";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { IconDownload, IconSearch, IconX } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { KeyValueList } from "@/components/ui/key-value";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { Tooltip } from "@/components/ui/tooltip";
import { useUrlParams } from "@/components/ui/use-url-param";
import { hasFilters, PAGE_SIZES, parseAuditUrl, toAuditFilters, toAuditParams } from "./search-params";

const STATUS: Record<AuditStatus, { tone: BadgeTone; key: "statusOk" | "statusError" | "statusDenied" | "statusPending" }> = {
  ok: { tone: "success", key: "statusOk" },
  error: { tone: "danger", key: "statusError" },
  denied: { tone: "warning", key: "statusDenied" },
  pending: { tone: "info", key: "statusPending" },
};

/** A text filter that writes to the URL when typing pauses, not on every key. */
function DebouncedInput({
  value,
  onCommit,
  ...rest
}: { value: string; onCommit: (v: string) => void } & Omit<React.ComponentProps<typeof Input>, "value" | "onChange">) {
  const [local, setLocal] = useState(value);
  useEffect(() => setLocal(value), [value]);
  useEffect(() => {
    if (local.trim() === value) return;
    const h = setTimeout(() => onCommit(local.trim()), 350);
    return () => clearTimeout(h);
  }, [local, value, onCommit]);
  return (
    <Input
      {...rest}
      value={local}
      onChange={(e) => setLocal(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") onCommit(local.trim());
      }}
    />
  );
}

export function AuditClient() {
  const t = useT(messages);
  const f = useFormat();
  const timeZone = useTimeZone();
  const roles = useRoleLabel();
  const id = useId();
  const { params, set } = useUrlParams();
  const state = useMemo(() => parseAuditUrl(new URLSearchParams(params.toString())), [params]);
  const apiParams = useMemo(() => toAuditParams(state, timeZone), [state, timeZone]);
  const rangeInvalid = Boolean(state.from && state.to && state.from > state.to);
  const q = useQuery({ ...auditOptions(apiParams), enabled: !rangeInvalid });
  const { products } = useProduct();
  const filtered = hasFilters(state);
  const exportHref = useMemo(() => auditExportUrl(toAuditFilters(state, timeZone)), [state, timeZone]);

  const setFilter = (key: string) => (v: string) => set({ [key]: v }, { resetPage: true });

  const columns: Column<AuditRecord>[] = [
    {
      id: "at",
      header: t("colTime"),
      width: 150,
      cell: (r) => (
        <span className="tabular whitespace-nowrap text-ink-muted" title={f.relative(r.at)}>
          {f.dateTime(r.at)}
        </span>
      ),
    },
    {
      id: "user",
      header: t("colUser"),
      width: 150,
      cell: (r) => (
        <span className="flex min-w-0 items-center gap-1.5">
          <span className="truncate font-medium">{r.username}</span>
          {(ROLES as readonly string[]).includes(r.role) ? (
            <span className="hidden text-xs text-ink-subtle xl:inline">{roles.label(r.role as (typeof ROLES)[number])}</span>
          ) : null}
        </span>
      ),
    },
    { id: "action", header: t("colAction"), mono: true, cell: (r) => <span className="whitespace-nowrap">{r.action}</span> },
    {
      id: "product",
      header: t("colProduct"),
      width: 140,
      hideBelow: "xl",
      cell: (r) => {
        if (!r.productKey) return <span className="text-ink-subtle">—</span>;
        const p = products.find((x) => x.productKey === r.productKey);
        return (
          <span className="block max-w-36 truncate" title={r.productKey}>
            {p ? productLabel(p) : <span className="font-mono text-xs">{r.productKey}</span>}
          </span>
        );
      },
    },
    {
      id: "target",
      header: t("colTarget"),
      hideBelow: "lg",
      cell: (r) =>
        r.target ? (
          <span className="block max-w-56 truncate font-mono text-xs" title={r.target}>
            {r.target}
          </span>
        ) : (
          <span className="text-ink-subtle">—</span>
        ),
    },
    {
      id: "status",
      header: t("colStatus"),
      width: 96,
      cell: (r) => (
        <Badge tone={STATUS[r.status].tone} dot={r.status === "pending" ? "pulse" : true} data-status={r.status}>
          {t(STATUS[r.status].key)}
        </Badge>
      ),
    },
    {
      id: "result",
      header: t("colResult"),
      width: 170,
      hideBelow: "md",
      cell: (r) =>
        r.upstreamCode !== null ? (
          <span className="font-mono text-xs text-bad">{t("upstream", { code: r.upstreamCode })}</span>
        ) : r.errorCode ? (
          <span className="font-mono text-xs text-ink-muted">{r.errorCode}</span>
        ) : (
          <span className="text-ink-subtle">—</span>
        ),
    },
    {
      id: "duration",
      header: t("colDuration"),
      width: 80,
      align: "right",
      hideBelow: "lg",
      cell: (r) =>
        r.durationMs !== null ? (
          <span className="whitespace-nowrap text-ink-muted">{r.durationMs < 1000 ? `${r.durationMs} ms` : f.duration(r.durationMs)}</span>
        ) : (
          <span className="text-ink-subtle">—</span>
        ),
    },
  ];

  const statusOptions = (Object.keys(STATUS) as AuditStatus[]).map((s) => ({ value: s, label: t(STATUS[s].key) }));

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Tooltip content={t("exportHint")}>
            <a
              href={exportHref}
              download
              data-testid="audit-export"
              aria-disabled={rangeInvalid || undefined}
              className={buttonVariants({ size: "md" })}
            >
              <IconDownload />
              {t("export")}
            </a>
          </Tooltip>
        }
      />
      <DataTable
        aria-label={t("title")}
        columns={columns}
        rows={rangeInvalid ? [] : q.data?.items}
        rowKey={(r) => String(r.id)}
        loading={q.isLoading}
        fetching={q.isFetching && !q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        renderExpanded={(r) => <AuditDetail record={r} />}
        rowProps={(r) => ({ "data-action": r.action, "data-status": r.status })}
        rowClassName={(r) => (r.status === "denied" ? "bg-warn-soft/30" : undefined)}
        empty={
          rangeInvalid ? (
            <EmptyState compact title={t("rangeInvalid")} />
          ) : (
            <EmptyState
              compact
              title={filtered ? t("emptyFiltered") : t("emptyTitle")}
              description={filtered ? undefined : t("emptyBody")}
            />
          )
        }
        toolbar={
          <div role="search" aria-label={t("filters")} className="flex w-full flex-wrap items-center gap-2">
            <div className="min-w-48 flex-1">
              <DebouncedInput
                size="sm"
                leading={<IconSearch size={14} />}
                placeholder={t("search")}
                aria-label={t("search")}
                value={state.q}
                onCommit={setFilter("q")}
              />
            </div>
            <div className="w-28">
              <DebouncedInput size="sm" aria-label={t("user")} placeholder={t("user")} value={state.user} onCommit={setFilter("user")} />
            </div>
            <div className="w-40">
              <DebouncedInput
                size="sm"
                aria-label={t("action")}
                placeholder={t("actionPlaceholder")}
                value={state.action}
                onCommit={setFilter("action")}
                className="font-mono text-xs"
              />
            </div>
            <div className="w-44">
              <Select
                size="sm"
                aria-label={t("product")}
                value={state.product}
                placeholder={t("allProducts")}
                options={products.map((p) => ({ value: p.productKey, label: productLabel(p) }))}
                onChange={(e) => setFilter("product")(e.target.value)}
              />
            </div>
            <div className="w-32">
              <Select
                size="sm"
                aria-label={t("status")}
                value={state.status}
                placeholder={t("allStatuses")}
                options={statusOptions}
                onChange={(e) => setFilter("status")(e.target.value)}
              />
            </div>
            <div className="flex items-center gap-1.5 text-xs text-ink-muted">
              <span className="w-34">
                <Input
                  size="sm"
                  id={`${id}-from`}
                  aria-label={t("from")}
                  title={t("from")}
                  type="date"
                  value={state.from}
                  max={state.to || undefined}
                  onChange={(e) => setFilter("from")(e.target.value)}
                  invalid={rangeInvalid}
                />
              </span>
              <span aria-hidden="true">–</span>
              <span className="w-34">
                <Input
                  size="sm"
                  id={`${id}-to`}
                  aria-label={t("to")}
                  title={t("to")}
                  type="date"
                  value={state.to}
                  min={state.from || undefined}
                  onChange={(e) => setFilter("to")(e.target.value)}
                  invalid={rangeInvalid}
                />
              </span>
            </div>
            {filtered ? (
              <Button
                size="sm"
                variant="ghost"
                onClick={() =>
                  set({ user: null, action: null, product: null, status: null, from: null, to: null, q: null }, { resetPage: true })
                }
              >
                <IconX size={14} />
                {t("clear")}
              </Button>
            ) : null}
          </div>
        }
        footer={
          q.data && !rangeInvalid ? (
            <Pagination
              page={state.page}
              pageSize={state.pageSize}
              total={q.data.total}
              pageSizes={PAGE_SIZES}
              onPageChange={(page) => set({ page: page === 1 ? null : page })}
              onPageSizeChange={(size) => set({ pageSize: size === 50 ? null : size }, { resetPage: true })}
            />
          ) : null
        }
      />
    </>
  );
}

function AuditDetail({ record: r }: { record: AuditRecord }) {
  const t = useT(messages);
  const f = useFormat();
  const roles = useRoleLabel();
  const payload = r.payload === null || r.payload === undefined ? null : JSON.stringify(r.payload, null, 2);
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="audit-detail">
      <div className="space-y-3">
        <KeyValueList
          columns={2}
          items={[
            { label: t("detailId"), value: `#${r.id}`, mono: true },
            {
              label: t("detailRole"),
              value: (ROLES as readonly string[]).includes(r.role) ? roles.label(r.role as (typeof ROLES)[number]) : r.role,
            },
            { label: t("colAction"), value: r.action, mono: true },
            { label: t("colProduct"), value: r.productKey ?? "—", mono: true },
            { label: t("colTarget"), value: r.target ?? "—", mono: true },
            { label: t("detailStarted"), value: f.dateTime(r.at) },
            { label: t("detailFinished"), value: r.finishedAt ? f.dateTime(r.finishedAt) : "—" },
            { label: t("detailErrorCode"), value: r.errorCode ?? "—", mono: true },
            { label: t("detailUpstreamCode"), value: r.upstreamCode ?? "—", mono: true },
          ]}
        />
        {r.status === "pending" && !r.finishedAt ? <p className="text-xs text-warn">{t("detailNotFinished")}</p> : null}
        {r.message ? (
          <div>
            <p className="mb-1 text-xs font-medium text-ink-muted">{t("detailMessage")}</p>
            <p className="rounded-md border border-line bg-panel px-3 py-2 text-[13px]">{r.message}</p>
          </div>
        ) : null}
      </div>
      <div className="min-w-0">
        <p className="mb-1 text-xs font-medium text-ink-muted">{t("detailPayload")}</p>
        {payload ? (
          <pre className="max-h-72 overflow-auto rounded-md border border-line bg-panel p-3 font-mono text-xs leading-relaxed text-ink">
            {payload}
          </pre>
        ) : (
          <p className="text-[13px] text-ink-subtle">{t("detailNoPayload")}</p>
        )}
      </div>
    </div>
  );
}
