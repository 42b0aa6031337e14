"use client";

import type { ReactNode } from "react";
import type { JobPreview } from "@/lib/schemas/jobs";
import { useFormat, useT } from "@/components/i18n";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { IconAlert, IconRefresh } from "@/components/ui/icons";
import { SkeletonLines } from "@/components/ui/skeleton";
import type { ParsedOptions } from "./create-job-state";

function Stat({ label, value, tone, testId }: { label: string; value: string; tone?: "ok" | "muted" | "accent"; testId: string }) {
  return (
    <div
      className={cn("rounded-md border px-3 py-2", tone === "accent" ? "border-accent/40 bg-accent-soft" : "border-line bg-panel")}
      data-testid={testId}
    >
      <p className="text-xs text-ink-muted">{label}</p>
      <p className={cn("tabular mt-0.5 text-lg font-semibold", tone === "muted" ? "text-ink-muted" : "text-ink")}>{value}</p>
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-3 border-b border-dashed border-line py-1.5 last:border-b-0">
      <span className="text-ink-muted">{label}</span>
      <span className="text-right text-ink">{children}</span>
    </div>
  );
}

/**
 * Step 4: what the job would do now — devices online, offline and disabled (the last two are
 * skipped), the canary and batches, the upstream calls each path would spend and how long it
 * would take at a pace that leaves the quota's interactive reserve alone. Nothing is sent.
 */
export function PreviewStep({
  preview,
  loading,
  fetching,
  error,
  onRefresh,
  options,
  targetText,
  commandText,
}: {
  preview: JobPreview | undefined;
  loading: boolean;
  fetching: boolean;
  error: unknown;
  onRefresh: () => void;
  options: ParsedOptions;
  targetText: string;
  commandText: string;
}) {
  const t = useT("jobs");
  const f = useFormat();
  if (loading) {
    return (
      <div className="space-y-3" data-testid="job-step-preview" aria-busy="true">
        <p className="text-[13px] text-ink-muted">{t("previewLoading")}</p>
        <SkeletonLines lines={6} />
      </div>
    );
  }
  if (error || !preview) return <ErrorState error={error} onRetry={onRefresh} compact />;
  const p = preview;
  const rest = Math.max(0, p.batches - (p.canarySize > 0 ? 1 : 0));
  return (
    <div className="space-y-4 text-[13px]" data-testid="job-step-preview" data-ready="true">
      <div className="flex items-center justify-between gap-2">
        <p className="text-ink-muted">{t("previewIntro")}</p>
        <Button size="xs" variant="ghost" onClick={onRefresh} loading={fetching} data-testid="job-preview-refresh">
          {fetching ? null : <IconRefresh size={12} />}
          {t("previewRefresh")}
        </Button>
      </div>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <Stat label={t("previewTotal")} value={f.number(p.total)} testId="preview-total" />
        <Stat label={t("previewOnline")} value={f.number(p.online)} testId="preview-online" />
        <Stat label={t("previewOffline")} value={f.number(p.offline)} tone="muted" testId="preview-offline" />
        <Stat label={t("previewDisabled")} value={f.number(p.disabled)} tone="muted" testId="preview-disabled" />
        <Stat label={t("previewToSend")} value={f.number(p.toSend)} tone="accent" testId="preview-to-send" />
      </div>
      {p.offline + p.disabled > 0 ? <p className="text-xs text-ink-muted">{t("previewSkippedNote")}</p> : null}
      {p.notFound.length ? (
        <p className="flex gap-2 rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-xs text-warn" data-testid="preview-not-found">
          <IconAlert size={14} className="mt-px shrink-0" />
          <span className="break-all">
            {t("previewNotFound", { count: f.number(p.notFound.length) })}{" "}
            <span className="font-mono">{p.notFound.slice(0, 10).join(", ")}</span>
            {p.notFound.length > 10 ? " …" : ""}
          </span>
        </p>
      ) : null}
      {p.toSend === 0 ? (
        <p role="alert" className="rounded-md border border-bad/30 bg-bad-soft px-3 py-2 text-bad" data-testid="preview-nothing">
          {t("previewNothingToSend")}
        </p>
      ) : null}

      <div className="grid gap-3 md:grid-cols-2">
        <section className="rounded-md border border-line p-3">
          <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-ink-subtle">{t("previewPlan")}</h3>
          <Row label={t("previewCanary")}>
            {t("previewCanaryValue", { count: f.number(p.canarySize), pct: f.number(options.canaryPercent) })}
          </Row>
          <Row label={t("previewBatches")}>{t("previewBatchesValue", { count: f.number(rest), size: f.number(options.batchSize) })}</Row>
          <Row label={t("previewThreshold")}>{t("previewThresholdValue", { pct: f.number(options.failureThresholdPercent) })}</Row>
          <Row label={t("previewDuration")}>
            <span data-testid="preview-duration">{t("previewDurationValue", { duration: f.duration(p.estimatedDurationMs) })}</span>
          </Row>
          <p className="mt-1 text-xs text-ink-subtle">
            {t("previewPace", { pace: f.number(p.pacePerSecond, { maximumFractionDigits: 2 }) })}
          </p>
        </section>
        <section className="rounded-md border border-line p-3" data-testid="preview-calls">
          <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-ink-subtle">{t("previewCalls")}</h3>
          <Row label={t("pathOpenapi")}>
            <span className="inline-flex items-center gap-1.5">
              {p.calls.openapi === null ? (
                <span className="text-ink-muted">{t("previewOpenapiOff")}</span>
              ) : (
                <span className="tabular">{t("previewCallsValue", { count: f.number(p.calls.openapi) })}</span>
              )}
              {p.path === "openapi_group" ? <Badge tone="accent">{t("previewChosen")}</Badge> : null}
            </span>
          </Row>
          <Row label={t("pathEnterprise")}>
            <span className="inline-flex items-center gap-1.5">
              <span className="tabular">{t("previewCallsValue", { count: f.number(p.calls.enterprise) })}</span>
              {p.path === "enterprise" ? <Badge tone="accent">{t("previewChosen")}</Badge> : null}
            </span>
          </Row>
          <Row label={t("previewQuotaCalls")}>
            <span className="tabular font-medium" data-testid="preview-quota-calls">
              {f.number(p.enterpriseCalls)}
            </span>
          </Row>
          <p className="mt-1 text-xs text-ink-subtle">
            {p.path === "openapi_group" ? t("previewPathOpenapiNote") : t("previewPathEnterpriseNote")}
          </p>
        </section>
      </div>

      <section className="rounded-md border border-line p-3">
        <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-ink-subtle">{t("previewRecap")}</h3>
        <Row label={t("colTarget")}>{targetText}</Row>
        <Row label={t("colCommand")}>
          <span className="break-all" data-testid="preview-command">
            {commandText}
          </span>
        </Row>
      </section>
    </div>
  );
}
