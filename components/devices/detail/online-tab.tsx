"use client";

import { useQueries } from "@tanstack/react-query";
import { heartbeatSummary, mergeEventPages, offlineReasonText, sessionsFromOnline, type OnlineSession } from "@/lib/history";
import { onlineWindowOptions } from "@/lib/queries/device-detail";
import { useFormat, useLocale, useT, useTimeZone } from "@/components/i18n";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { KeyValueList } from "@/components/ui/key-value";
import { toCsv } from "@/lib/csv";
import { PagedExportButton } from "@/components/export/paged-export-button";
import { CoverageBar, RangePicker, useRangeSelection } from "./range-picker";
import { coverageOf, useHistoryWindows } from "./use-windows";

export function OnlineTab({ pk, did }: { pk: string; did: string }) {
  const t = useT("device-detail");
  const f = useFormat();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const picker = useRangeSelection({ fallback: "7d" });
  const { range, windows } = useHistoryWindows(picker.resolved.range, picker.now, timeZone);
  const now = picker.now / 1000;
  const results = useQueries({ queries: windows.map((w) => onlineWindowOptions(pk, did, w.start, w.end, w.closed)) });
  const loaded = windows.filter((_, i) => results[i]?.data);
  const firstError = results.find((r) => r.error)?.error;
  const events = mergeEventPages(results.flatMap((r) => (r.data ? [r.data.events] : [])));
  const sessions = sessionsFromOnline(events, now);
  const summary = heartbeatSummary(sessions);
  const done = loaded.length === windows.length;
  const span = range.end - range.start;
  const pos = (s: number) => `${(Math.min(Math.max((s - range.start) / span, 0), 1) * 100).toFixed(3)}%`;
  const dur = (sec: number | null) => (sec === null ? "—" : f.duration(sec * 1000));
  const secs = (v: number | null) => (v === null ? "—" : t("seconds", { n: Math.round(v * 10) / 10 }));

  const columns: Column<OnlineSession>[] = [
    {
      id: "start",
      header: t("sessionStart"),
      width: 170,
      cell: (s) => <span className="tabular">{s.start === null ? t("startUnknown") : f.dateTime(Math.round(s.start * 1000))}</span>,
    },
    {
      id: "end",
      header: t("sessionEnd"),
      width: 170,
      cell: (s) =>
        s.ongoing ? (
          <Badge tone="success" dot>
            {t("ongoing")}
          </Badge>
        ) : (
          <span className="tabular">{s.end === null ? "—" : f.dateTime(Math.round(s.end * 1000))}</span>
        ),
    },
    { id: "dur", header: t("duration"), width: 110, cell: (s) => dur(s.durationSec) },
    {
      id: "reason",
      header: t("reason"),
      cell: (s) =>
        s.reason ? (
          <span className="flex flex-col">
            <span>{offlineReasonText(s.reason, locale)}</span>
            <span className="font-mono text-[11px] text-ink-subtle">{s.reason}</span>
          </span>
        ) : (
          "—"
        ),
    },
    {
      id: "hb",
      header: t("heartbeat"),
      hideBelow: "lg",
      cell: (s) =>
        s.heartbeat ? (
          <span className="tabular text-xs">{`${s.heartbeat.count ?? "—"} · ${s.heartbeat.min ?? "—"}/${s.heartbeat.avg ?? "—"}/${s.heartbeat.max ?? "—"} s`}</span>
        ) : (
          "—"
        ),
    },
  ];

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <RangePicker selection={picker.selection} resolved={picker.resolved} onChange={picker.set} />
        <PagedExportButton
          filename={`device-${did}-online`}
          testId="online-export"
          cost={{ kind: "free" }}
          disabled={!done}
          collect={async () => ({ items: events, pages: 0, complete: true, stopped: null, error: null, total: events.length })}
          toCsv={(rows) =>
            toCsv(rows, [
              { header: t("colTime"), value: (e) => f.dateTime(Math.round(e.timestamp * 1000)) },
              { header: "timestamp", value: (e) => e.timestamp },
              { header: t("colEvent"), value: (e) => e.type },
              { header: t("duration"), value: (e) => e.payload?.duration },
              { header: t("reason"), value: (e) => e.payload?.reason },
              { header: t("keepAlive"), value: (e) => e.payload?.keep_alive },
              { header: t("hbCount"), value: (e) => e.payload?.heartbeat?.count },
              { header: "heartbeat min", value: (e) => e.payload?.heartbeat?.min },
              { header: "heartbeat avg", value: (e) => e.payload?.heartbeat?.avg },
              { header: "heartbeat max", value: (e) => e.payload?.heartbeat?.max },
              { header: "heartbeat last", value: (e) => e.payload?.heartbeat?.last },
            ])
          }
        />
      </div>
      <CoverageBar days={coverageOf(range, loaded, timeZone)} loaded={loaded.length} total={windows.length} />
      {firstError ? (
        <ErrorState
          compact
          error={firstError}
          onRetry={() => {
            for (const r of results) if (r.error) void r.refetch();
          }}
        />
      ) : null}
      <Card className="p-3">
        <div className="relative h-6 overflow-hidden rounded bg-sunken" data-testid="online-timeline" role="img" aria-label={t("sessions")}>
          {sessions.map((s, i) => {
            const from = s.start ?? range.start;
            const to = s.end ?? (s.ongoing ? now : from);
            return (
              <span
                key={i}
                className="absolute inset-y-0 bg-ok/70"
                style={{ left: pos(from), width: `calc(${pos(to)} - ${pos(from)} + 1px)` }}
                title={`${f.dateTime(from * 1000)} → ${s.ongoing ? t("ongoing") : f.dateTime(to * 1000)} (${dur(s.durationSec)})${s.reason ? ` · ${offlineReasonText(s.reason, locale)}` : ""}`}
              />
            );
          })}
        </div>
        <div className="mt-1 flex justify-between text-[11px] text-ink-subtle tabular">
          <span>{f.dateTime(range.start * 1000, "minute")}</span>
          <span>{f.dateTime(range.end * 1000, "minute")}</span>
        </div>
      </Card>
      {done && sessions.length > 0 ? (
        <Card className="p-4" data-testid="heartbeat-summary">
          <KeyValueList
            columns={3}
            items={[
              { label: t("sessions"), value: summary.sessions },
              { label: t("onlineTime"), value: dur(summary.onlineSec) },
              { label: t("average"), value: dur(summary.averageSessionSec === null ? null : Math.round(summary.averageSessionSec)) },
              { label: t("longest"), value: dur(summary.longestSessionSec) },
              { label: t("hbCount"), value: summary.heartbeats },
              {
                label: t("hbInterval"),
                value: `${secs(summary.intervalMin)} / ${secs(summary.intervalAvg)} / ${secs(summary.intervalMax)}`,
              },
              { label: t("keepAlive"), value: secs(summary.keepAlive) },
              { label: t("lastGap"), value: secs(summary.lastGapMax) },
              {
                label: t("reasons"),
                value: summary.reasons.map((r) => `${offlineReasonText(r.reason, locale)} ×${r.count}`).join("; ") || "—",
              },
            ]}
          />
        </Card>
      ) : null}
      <DataTable
        aria-label={t("sessions")}
        columns={columns}
        rows={loaded.length === 0 ? undefined : [...sessions].reverse()}
        rowKey={(s) => `${s.start}-${s.end}-${s.ongoing}`}
        loading={loaded.length === 0 && !firstError}
        empty={<EmptyState title={t("onlineEmpty")} />}
        maxHeight="28rem"
        density="compact"
      />
    </div>
  );
}
