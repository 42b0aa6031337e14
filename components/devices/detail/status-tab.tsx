"use client";

import { useQuery } from "@tanstack/react-query";
import { isAlert, isFault, realRange, toBool } from "@/lib/plain/datapoint-values";
import { useFormatValue } from "@/components/use-format-value";
import { datapointsOptions, latestStatusOptions } from "@/lib/queries/device-detail";
import type { Datapoint } from "@/lib/schemas/datapoints";
import { useFormat, useT } from "@/components/i18n";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { IconRefresh } from "@/components/ui/icons";

const KIND: Record<Datapoint["type"], { key: "kindWritable" | "kindReadonly" | "kindAlert" | "kindFault"; tone: BadgeTone }> = {
  status_writable: { key: "kindWritable", tone: "accent" },
  status_readonly: { key: "kindReadonly", tone: "neutral" },
  alert: { key: "kindAlert", tone: "warning" },
  fault: { key: "kindFault", tone: "danger" },
};

/** Alert and fault datapoints first, so what needs attention is on top. */
function rank(dp: Datapoint): number {
  return isFault(dp) ? 0 : isAlert(dp) ? 1 : 2;
}

export function StatusTab({ pk, did }: { pk: string; did: string }) {
  const t = useT("device-detail");
  const f = useFormat();
  const formatValue = useFormatValue();
  const dps = useQuery(datapointsOptions(pk));
  const status = useQuery(latestStatusOptions(pk, did));
  const attrs = status.data?.attrs ?? {};
  const rows = [...(dps.data?.datapoints ?? [])].sort((a, b) => rank(a) - rank(b));
  const raised = (dp: Datapoint) => (isAlert(dp) || isFault(dp)) && toBool(attrs[dp.name]) === true;

  const columns: Column<Datapoint>[] = [
    {
      id: "dp",
      header: t("colDatapoint"),
      cell: (dp) => (
        <span className="flex flex-col">
          <span className="font-medium">{dp.display_name}</span>
          <span className="font-mono text-[11px] text-ink-subtle">{dp.name}</span>
        </span>
      ),
    },
    {
      id: "value",
      header: t("colValue"),
      cell: (dp) => (
        <span className="flex items-center gap-2" data-testid={`value-${dp.name}`}>
          <span className={raised(dp) ? "font-semibold text-bad" : "tabular"}>{formatValue(dp, attrs[dp.name])}</span>
          {raised(dp) ? (
            <Badge tone={isFault(dp) ? "danger" : "warning"} dot="pulse">
              {t("active")}
            </Badge>
          ) : null}
        </span>
      ),
    },
    { id: "kind", header: t("colKind"), width: 110, cell: (dp) => <Badge tone={KIND[dp.type].tone}>{t(KIND[dp.type].key)}</Badge> },
    {
      id: "range",
      header: t("colRange"),
      hideBelow: "md",
      cell: (dp) => {
        const r = realRange(dp);
        if (r)
          return (
            <span className="tabular text-ink-muted">
              {t("range_", { min: r.min.toFixed(r.decimals), max: r.max.toFixed(r.decimals), step: r.step })}
            </span>
          );
        if (dp.data_type === "enum") return <span className="text-ink-muted">{dp.enum.join(" / ")}</span>;
        return <span className="text-ink-muted">{dp.data_type}</span>;
      },
    },
  ];

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between text-[13px] text-ink-muted">
        <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span data-testid="status-reported">
            {status.data
              ? status.data.ts
                ? t("statusReportedAt", { time: f.dateTime(status.data.ts * 1000) })
                : t(status.data.source === "openapi" ? "statusNoneLatest" : "statusNone")
              : null}
          </span>
          {status.data ? (
            <span data-testid="status-source" data-source={status.data.source} className="text-ink-subtle">
              {t(`statusSource_${status.data.source}`)} · {t("statusAsOf", { time: f.dateTime(status.data.readAt) })}
            </span>
          ) : null}
        </span>
        <Button size="sm" variant="ghost" onClick={() => void status.refetch()} disabled={status.isFetching}>
          <IconRefresh width={14} height={14} /> {t("refresh")}
        </Button>
      </div>
      <DataTable
        aria-label={t("tabStatus")}
        columns={columns}
        rows={dps.data && status.data ? rows : undefined}
        rowKey={(dp) => dp.name}
        loading={dps.isLoading || status.isLoading}
        error={dps.error ?? status.error}
        onRetry={() => {
          void dps.refetch();
          void status.refetch();
        }}
        rowClassName={(dp) => (raised(dp) ? (isFault(dp) ? "bg-bad-soft" : "bg-warn-soft") : undefined)}
        maxHeight="none"
        density="compact"
      />
    </div>
  );
}
