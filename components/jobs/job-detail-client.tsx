"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { datapointsOptions } from "@/lib/queries/device-detail";
import { groupOptions } from "@/lib/queries/devices";
import { isFinalJobState, jobDetailOptions, jobDevicesExportUrl } from "@/lib/queries/jobs";
import { jobProgress } from "@/lib/plain/jobs";
import type { JobBatch, JobDetail, JobDeviceState } from "@/lib/schemas/jobs";
import { useFormat, useT } from "@/components/i18n";
import { productLabel, useProduct } from "@/components/product";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { IconAlert, IconChevronLeft, IconDownload } from "@/components/ui/icons";
import { KeyValueList } from "@/components/ui/key-value";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonLines } from "@/components/ui/skeleton";
import { JobActions } from "./job-actions";
import { lazyClient } from "@/components/ui/lazy-client";
import { useUrlParams } from "@/components/ui/use-url-param";
import { DEVICE_STATE_ORDER, DEVICE_STATE_VIEW, JobProgressBar, JobStateBadge, useCommandText, useTargetText } from "./job-format";

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

// The per-device table sits below the progress, details and batches: it loads after them, so the
// job page's first load does not carry the data table, its filter and pagination (issue 17).
const JobDevices = lazyClient(() => import("./job-devices").then((m) => m.JobDevices), {
  loading: () => (
    <Card className="mt-3 p-4">
      <SkeletonLines lines={6} />
    </Card>
  ),
});

function JobView({ job, canControl, updatedAt }: { job: JobDetail; canControl: boolean; updatedAt: number }) {
  const t = useT("jobs");
  const f = useFormat();
  const { products } = useProduct();
  const live = !isFinalJobState(job.state);
  // The state buttons filter the device table below (JobDevices reads the same URL parameters).
  const { params, set } = useUrlParams();
  const deviceState = params.get("dstate");
  const setDeviceState = (s: JobDeviceState | null) => set({ dstate: s, dpage: null });
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
                const active = deviceState === s;
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

      <JobDevices job={job} />
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
