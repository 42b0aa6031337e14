"use client";

import Link from "next/link";
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { datapointsOptions } from "@/lib/queries/device-detail";
import { deviceHref, groupOptions } from "@/lib/queries/devices";
import { isFinalJobState, jobDetailOptions, jobDevicesExportUrl, jobDevicesOptions, type JobDevicesParams } from "@/lib/queries/jobs";
import { JOB_DEVICE_STATES, jobProgress } from "@/lib/plain/jobs";
import type { JobBatch, JobDetail, JobDevice, JobDeviceState } from "@/lib/schemas/jobs";
import { useFormat, useT } from "@/components/i18n";
import { productLabel, useProduct } from "@/components/product";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { IconAlert, IconChevronLeft, IconDownload } from "@/components/ui/icons";
import { KeyValueList } from "@/components/ui/key-value";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useUrlParams } from "@/components/ui/use-url-param";
import { JobActions } from "./job-actions";
import {
  DEVICE_STATE_ORDER,
  DEVICE_STATE_VIEW,
  DeviceStateBadge,
  JobProgressBar,
  JobStateBadge,
  useCommandText,
  useTargetText,
} from "./job-format";

const DEVICE_PAGE_SIZES = [50, 100, 200] as const;

function parseDevicesUrl(sp: URLSearchParams): JobDevicesParams {
  const state = sp.get("dstate");
  const page = Number(sp.get("dpage"));
  const size = Number(sp.get("dsize"));
  return {
    ...(state && (JOB_DEVICE_STATES as readonly string[]).includes(state) ? { state: state as JobDeviceState } : {}),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    page_size: (DEVICE_PAGE_SIZES as readonly number[]).includes(size) ? size : 50,
  };
}

/**
 * One job: its summary and live progress (read again every 2 s while it runs), devices per state,
 * the batches with the time each took, and every device's result with a state filter. Ops and
 * admins can pause, resume, cancel and retry the failed devices; every role can download the CSV.
 */
export function JobDetailClient({ id, canControl }: { id: string; canControl: boolean }) {
  const t = useT("jobs");
  const q = useQuery(jobDetailOptions(id));
  const job = q.data;

  return (
    <div data-testid="job-detail" data-job={id} data-state={job?.state}>
      <Link href="/jobs" className="mb-2 inline-flex items-center gap-1 text-[13px] text-ink-muted hover:text-ink">
        <IconChevronLeft size={14} />
        {t("backToJobs")}
      </Link>
      {q.isLoading ? (
        <Card className="p-4">
          <SkeletonLines lines={8} />
        </Card>
      ) : q.error || !job ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <JobView job={job} canControl={canControl} updatedAt={q.dataUpdatedAt} />
      )}
    </div>
  );
}

function JobView({ job, canControl, updatedAt }: { job: JobDetail; canControl: boolean; updatedAt: number }) {
  const t = useT("jobs");
  const f = useFormat();
  const { products } = useProduct();
  const { params, set } = useUrlParams();
  const dp = useMemo(() => parseDevicesUrl(new URLSearchParams(params.toString())), [params]);
  const live = !isFinalJobState(job.state);
  const devices = useQuery(jobDevicesOptions(job.id, dp, live));
  const datapoints = useQuery(datapointsOptions(job.productKey));
  const groups = useQuery({ ...groupOptions(job.productKey), enabled: job.target.kind === "group" });
  const commandText = useCommandText();
  const targetText = useTargetText();
  const product = products.find((p) => p.productKey === job.productKey);
  const groupName =
    job.target.kind === "group" ? (groups.data?.groups.find((g) => g.gid === (job.target as { gid: string }).gid)?.name ?? null) : null;
  const command = commandText(job.command, datapoints.data?.datapoints);
  const done = job.total - job.counts.pending;
  const elapsed = job.startedAt ? (job.finishedAt ?? updatedAt) - job.startedAt : null;
  const setDeviceState = (s: JobDeviceState | null) => set({ dstate: s, dpage: null });
  const deviceColumns = useDeviceColumns(job.productKey);

  return (
    <>
      <PageHeader
        title={<span data-testid="job-title">{command}</span>}
        meta={
          <>
            <JobStateBadge state={job.state} size="md" />
            <span>{product ? productLabel(product) : job.productKey}</span>
            <span aria-hidden="true">·</span>
            <span>{t("startedByOn", { name: job.createdBy.name, time: f.dateTime(job.createdAt) })}</span>
            {live ? (
              <span className="inline-flex items-center gap-1 text-info" data-testid="job-live">
                <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-info" aria-hidden="true" />
                {t("liveUpdated", { time: f.dateTime(updatedAt, "time") })}
              </span>
            ) : null}
          </>
        }
        actions={
          <>
            {canControl ? <JobActions job={job} /> : null}
            <a href={jobDevicesExportUrl(job.id)} download className={buttonVariants({ size: "md" })} data-testid="job-export">
              <IconDownload />
              {t("downloadCsv")}
            </a>
          </>
        }
      />

      {job.message ? (
        <p
          role="alert"
          className={cn(
            "mb-3 flex items-start gap-2 rounded-md border px-3 py-2 text-[13px]",
            job.state === "stopped_threshold" || job.state === "interrupted"
              ? "border-bad/30 bg-bad-soft text-bad"
              : "border-warn/30 bg-warn-soft text-warn",
          )}
          data-testid="job-message"
        >
          <IconAlert size={16} className="mt-px shrink-0" />
          {job.message}
        </p>
      ) : null}
      {job.retryOf ? (
        <p className="mb-3 text-[13px] text-ink-muted" data-testid="job-retry-of">
          {t("retryOf")}{" "}
          <Link href={`/jobs/${encodeURIComponent(job.retryOf)}`} className="font-mono text-accent hover:underline">
            {job.retryOf.slice(0, 8)}
          </Link>
        </p>
      ) : null}

      <div className="grid gap-3 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card data-testid="job-progress">
          <CardHeader
            title={t("progressTitle")}
            description={t("batchesDone", { done: f.number(job.batchesDone), total: f.number(job.batchesTotal) })}
          />
          <div className="space-y-3 p-4">
            <div className="flex items-baseline justify-between gap-3">
              <span className="tabular text-2xl font-semibold text-ink" data-testid="job-percent">
                {f.percent(jobProgress(job), 0)}
              </span>
              <span className="tabular text-[13px] text-ink-muted" data-testid="job-done">
                {t("progressLabel", { done: f.number(done), total: f.number(job.total) })}
              </span>
            </div>
            <JobProgressBar total={job.total} counts={job.counts} />
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="job-counts">
              {DEVICE_STATE_ORDER.map((s) => {
                const active = dp.state === s;
                return (
                  <button
                    key={s}
                    type="button"
                    onClick={() => setDeviceState(active ? null : s)}
                    aria-pressed={active}
                    data-state={s}
                    data-count={job.counts[s]}
                    className={cn(
                      "flex flex-col items-start rounded-md border px-2.5 py-1.5 text-left transition-colors hover:bg-hover",
                      active ? "border-accent bg-accent-soft" : "border-line",
                    )}
                  >
                    <span className="flex items-center gap-1.5 text-xs text-ink-muted">
                      <span
                        className={cn("h-2 w-2 rounded-full", s === "pending" ? "border border-line-strong" : DEVICE_STATE_VIEW[s].bar)}
                      />
                      {t(DEVICE_STATE_VIEW[s].key)}
                    </span>
                    <span className="tabular text-base font-semibold text-ink">{f.number(job.counts[s])}</span>
                  </button>
                );
              })}
            </div>
          </div>
        </Card>
        <Card>
          <CardHeader title={t("detailsTitle")} />
          <div className="p-4">
            <KeyValueList
              items={[
                { label: t("colTarget"), value: targetText(job.target, groupName) },
                { label: t("colCommand"), value: command },
                { label: t("path"), value: job.path === "openapi_group" ? t("pathOpenapi") : t("pathEnterprise") },
                {
                  label: t("optionsLabel"),
                  value: t("optionsValue", {
                    size: f.number(job.batchSize),
                    canary: f.number(job.canaryPercent),
                    threshold: f.number(job.failureThresholdPercent),
                  }),
                },
                { label: t("startedAt"), value: job.startedAt ? f.dateTime(job.startedAt) : "—" },
                { label: t("finishedAt"), value: job.finishedAt ? f.dateTime(job.finishedAt) : "—" },
                { label: t("elapsed"), value: elapsed !== null ? f.duration(elapsed) : "—" },
              ]}
            />
          </div>
        </Card>
      </div>

      <BatchesCard batches={job.batches} />

      <div className="mt-3">
        <DataTable
          aria-label={t("devicesTitle")}
          columns={deviceColumns}
          rows={devices.data?.items}
          rowKey={(d) => d.did}
          loading={devices.isLoading}
          fetching={devices.isFetching && !devices.isLoading}
          error={devices.error}
          onRetry={() => void devices.refetch()}
          rowProps={(d) => ({ "data-did": d.did, "data-state": d.state })}
          maxHeight="none"
          empty={<EmptyState compact title={dp.state ? t("devicesEmptyFiltered") : t("devicesEmpty")} />}
          toolbar={
            <div className="flex w-full flex-wrap items-center gap-2">
              <h2 className="mr-auto text-sm font-semibold text-ink">{t("devicesTitle")}</h2>
              <div className="w-52">
                <Select
                  size="sm"
                  aria-label={t("filterDeviceState")}
                  value={dp.state ?? ""}
                  placeholder={t("allDeviceStates", { count: f.number(job.total) })}
                  options={DEVICE_STATE_ORDER.map((s) => ({
                    value: s,
                    label: `${t(DEVICE_STATE_VIEW[s].key)} (${f.number(job.counts[s])})`,
                  }))}
                  onChange={(e) => setDeviceState((e.target.value || null) as JobDeviceState | null)}
                  data-testid="device-state-filter"
                />
              </div>
              {dp.state ? (
                <a
                  href={jobDevicesExportUrl(job.id, dp.state)}
                  download
                  className={buttonVariants({ size: "sm", variant: "ghost" })}
                  data-testid="job-export-filtered"
                >
                  <IconDownload size={14} />
                  {t("downloadFiltered")}
                </a>
              ) : null}
            </div>
          }
          footer={
            devices.data && devices.data.total > 0 ? (
              <Pagination
                page={dp.page}
                pageSize={dp.page_size}
                total={devices.data.total}
                pageSizes={DEVICE_PAGE_SIZES}
                onPageChange={(page) => set({ dpage: page === 1 ? null : page })}
                onPageSizeChange={(size) => set({ dsize: size === 50 ? null : size, dpage: null })}
              />
            ) : null
          }
        />
      </div>
    </>
  );
}

function BatchesCard({ batches }: { batches: readonly JobBatch[] }) {
  const t = useT("jobs");
  const f = useFormat();
  const longest = Math.max(1, ...batches.map((b) => b.durationMs ?? 0));
  return (
    <Card className="mt-3" data-testid="job-batches">
      <CardHeader title={t("batchesTitle")} description={t("batchesHint")} />
      {batches.length === 0 ? (
        <EmptyState compact title={t("batchesEmpty")} />
      ) : (
        <div className="max-h-80 overflow-auto">
          <table className="w-full border-separate border-spacing-0 text-[13px]">
            <thead className="sticky top-0 bg-panel text-left text-xs text-ink-muted">
              <tr>
                <th className="border-b border-line px-4 py-1.5 font-medium">{t("colBatch")}</th>
                <th className="border-b border-line px-3 py-1.5 text-right font-medium">{t("colDevices")}</th>
                <th className="hidden border-b border-line px-3 py-1.5 font-medium md:table-cell">{t("startedAt")}</th>
                <th className="hidden border-b border-line px-3 py-1.5 font-medium md:table-cell">{t("finishedAt")}</th>
                <th className="border-b border-line px-4 py-1.5 font-medium">{t("colTook")}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.number} data-batch={b.number} data-canary={b.canary || undefined}>
                  <td className="border-b border-line px-4 py-1.5">
                    {b.canary ? <Badge tone="accent">{t("canary")}</Badge> : t("batchN", { n: b.number })}
                  </td>
                  <td className="tabular border-b border-line px-3 py-1.5 text-right">{f.number(b.size)}</td>
                  <td className="tabular hidden whitespace-nowrap border-b border-line px-3 py-1.5 text-ink-muted md:table-cell">
                    {b.startedAt ? f.dateTime(b.startedAt, "time") : "—"}
                  </td>
                  <td className="tabular hidden whitespace-nowrap border-b border-line px-3 py-1.5 text-ink-muted md:table-cell">
                    {b.finishedAt ? f.dateTime(b.finishedAt, "time") : "—"}
                  </td>
                  <td className="border-b border-line px-4 py-1.5">
                    {b.durationMs !== null ? (
                      <span className="flex items-center gap-2">
                        <span className="h-1.5 w-24 overflow-hidden rounded-full bg-sunken" aria-hidden="true">
                          <span
                            className="block h-full rounded-full bg-accent/70"
                            style={{ width: `${(100 * b.durationMs) / longest}%` }}
                          />
                        </span>
                        <span className="tabular whitespace-nowrap" data-testid="batch-took">
                          {b.durationMs < 1000 ? `${f.number(b.durationMs)} ms` : f.duration(b.durationMs)}
                        </span>
                      </span>
                    ) : b.startedAt ? (
                      <span className="text-info">{t("batchRunning")}</span>
                    ) : (
                      <span className="text-ink-subtle">{t("batchWaiting")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function useDeviceColumns(productKey: string): Column<JobDevice>[] {
  const t = useT("jobs");
  const f = useFormat();
  return [
    {
      id: "mac",
      header: t("colDevice"),
      mono: true,
      width: 150,
      cell: (d) => (
        <Link className="text-accent hover:underline" href={deviceHref(productKey, d.did)}>
          {d.mac}
        </Link>
      ),
    },
    { id: "did", header: t("colDid"), mono: true, hideBelow: "md", width: 200, cell: (d) => d.did },
    { id: "state", header: t("colState"), width: 150, cell: (d) => <DeviceStateBadge state={d.state} /> },
    {
      id: "batch",
      header: t("colBatch"),
      width: 90,
      cell: (d) => (d.batch === null ? <span className="text-ink-subtle">—</span> : d.batch === 0 ? t("canary") : `#${d.batch}`),
    },
    {
      id: "sent",
      header: t("colSentAt"),
      width: 100,
      hideBelow: "lg",
      cell: (d) => <span className="tabular text-ink-muted">{d.sentAt ? f.dateTime(d.sentAt, "time") : "—"}</span>,
    },
    {
      id: "confirmed",
      header: t("colConfirmedAt"),
      width: 100,
      hideBelow: "lg",
      cell: (d) => <span className="tabular text-ink-muted">{d.confirmedAt ? f.dateTime(d.confirmedAt, "time") : "—"}</span>,
    },
    {
      id: "error",
      header: t("colResult"),
      cell: (d) =>
        d.error ? (
          <span className={cn("block max-w-[32rem] truncate", d.state === "failed" ? "text-bad" : "text-ink-muted")} title={d.error}>
            {d.error}
          </span>
        ) : (
          <span className="text-ink-subtle">—</span>
        ),
    },
  ];
}
