"use client";

import { useMemo, useState } from "react";
import { useQueries, useQuery } from "@tanstack/react-query";
import {
  AGG_AGGREGATORS,
  AGG_MAX_RANGE_DAYS,
  AGG_UNITS,
  aggregatableDatapoints,
  aggregatorLabel,
  bucketKeys,
  bucketLabel,
  bucketStart,
  mergeAggBuckets,
  splitAggRange,
  type AggAggregator,
  type AggUnit,
} from "@/lib/plain/agg";
import { toCsv, type CsvColumn } from "@/lib/csv";
import { formatNumber, realRange } from "@/lib/datapoints";
import { aggOptions, datapointsOptions } from "@/lib/queries/device-detail";
import type { Datapoint } from "@/lib/schemas/datapoints";
import { unitLabel } from "@/lib/plain/agg";
import { lineChartOption, type LineSeries } from "@/components/charts/line-options";
import { downloadCsv } from "@/components/charts/export";
import { useLocale, useT, useTimeZone } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { IconAlert, IconDownload } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useUrlParams } from "@/components/ui/use-url-param";
import { LazyChart } from "./chart";
import { RangePicker, useRangeSelection } from "./range-picker";
import { RANGE_PRESETS } from "./range";

interface Row {
  datetime: string;
  attrs: Record<string, number | null>;
}

function fmt(dp: Datapoint | undefined, v: number | null, locale: ReturnType<typeof useLocale>): string {
  if (v === null) return "—";
  const r = dp ? realRange(dp) : null;
  return formatNumber(v, Math.max(r?.decimals ?? 0, Number.isInteger(v) ? 0 : 2), locale);
}

export function AggTab({ pk, did }: { pk: string; did: string }) {
  const t = useT("device-detail");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const { params, set } = useUrlParams();
  const picker = useRangeSelection({ fallback: "7d", presets: RANGE_PRESETS, lookbackDays: null });
  const { start, end } = picker.resolved.range;
  const aggregator = (AGG_AGGREGATORS as readonly string[]).includes(params.get("agg") ?? "")
    ? (params.get("agg") as AggAggregator)
    : "avg";
  const unit = (AGG_UNITS as readonly string[]).includes(params.get("unit") ?? "")
    ? (params.get("unit") as AggUnit)
    : end - start <= 2 * 86_400
      ? "HOURS"
      : end - start > 120 * 86_400
        ? "MONTHS"
        : "DAYS";
  const dps = useQuery(datapointsOptions(pk));
  const numeric = aggregatableDatapoints(dps.data?.datapoints ?? []);
  const [picked, setPicked] = useState<string[] | null>(null);
  const attrs = picked ?? [...numeric.filter((d) => d.type === "status_readonly"), ...numeric].slice(0, 1).map((d) => d.name);
  // agg_data spans at most 31 days: a longer range is asked in parts cut on bucket boundaries.
  const parts = useMemo(() => splitAggRange(start * 1000, end * 1000, unit, timeZone), [start, end, unit, timeZone]);
  const results = useQueries({
    queries: parts.map((p) => ({
      ...aggOptions(pk, did, { start: p.startMs, end: p.endMs, attrs, aggregator, unit }),
      enabled: attrs.length > 0,
    })),
  });
  const partsLoaded = results.filter((r) => r.data).length;
  const notEnabled = results.find((r) => r.data && !r.data.enabled)?.data;
  const q = {
    data:
      partsLoaded === 0
        ? undefined
        : notEnabled
          ? notEnabled
          : {
              enabled: true as const,
              buckets: mergeAggBuckets(
                results.flatMap((r) => (r.data?.enabled ? [r.data.buckets] : [])),
                aggregator,
              ),
            },
    error: results.find((r) => r.error)?.error ?? null,
    isFetching: results.some((r) => r.isFetching),
    isLoading: results.some((r) => r.isLoading),
    refetch: () => {
      for (const r of results) if (r.error || !r.data) void r.refetch();
    },
  };

  if (dps.isLoading) return <SkeletonLines lines={4} />;
  if (dps.error) return <ErrorState error={dps.error} onRetry={() => void dps.refetch()} />;
  if (numeric.length === 0) return <EmptyState title={t("aggNoNumeric")} />;

  if (q.data && !q.data.enabled) {
    return (
      <Card className="p-6" data-testid="agg-not-enabled">
        <div className="flex items-start gap-3">
          <IconAlert className="mt-0.5 shrink-0 text-warn" width={20} height={20} />
          <div>
            <p className="font-medium text-ink">{t("aggNotEnabled")}</p>
            <p className="mt-1 text-[13px] text-ink-muted">{t("aggNotEnabledHelp", { pk })}</p>
          </div>
        </div>
      </Card>
    );
  }

  // Every bucket of the range, so missing buckets show as gaps rather than being closed up.
  const byKey = new Map((q.data?.enabled ? q.data.buckets : []).map((b) => [b.datetime, b.attrs]));
  const rows: Row[] = bucketKeys(start * 1000, end * 1000, unit, timeZone).map((k) => ({ datetime: k, attrs: byKey.get(k) ?? {} }));
  for (const [k, a] of byKey) if (!rows.some((r) => r.datetime === k)) rows.push({ datetime: k, attrs: a });
  const hasData = q.data?.enabled === true && q.data.buckets.length > 0;
  const chosen = numeric.filter((d) => attrs.includes(d.name));
  const series: LineSeries[] = chosen.map((dp) => ({
    name: dp.display_name,
    kind: "number",
    points: rows.flatMap((r) => {
      const ms = bucketStart(r.datetime, unit, timeZone);
      return ms === null ? [] : [[ms, r.attrs[dp.name] ?? null] as const];
    }),
  }));
  const csvColumns: CsvColumn<Row>[] = [
    { header: t("bucket"), value: (r) => bucketLabel(r.datetime, unit, locale) },
    ...chosen.map((dp): CsvColumn<Row> => ({ header: `${dp.display_name} (${dp.name})`, value: (r) => r.attrs[dp.name] ?? null })),
  ];
  const columns: Column<Row>[] = [
    { id: "bucket", header: t("bucket"), cell: (r) => bucketLabel(r.datetime, unit, locale) },
    ...chosen.map(
      (dp): Column<Row> => ({
        id: dp.name,
        header: dp.display_name,
        align: "right",
        cell: (r) => <span className="tabular">{fmt(dp, r.attrs[dp.name] ?? null, locale)}</span>,
      }),
    ),
  ];

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <RangePicker
          selection={picker.selection}
          resolved={picker.resolved}
          onChange={picker.set}
          presets={RANGE_PRESETS}
          lookbackDays={null}
        />
        <label className="flex items-center gap-2 text-[13px] text-ink-muted">
          {t("aggregator")}
          <Select
            className="w-28"
            value={aggregator}
            onChange={(e) => set({ agg: e.target.value })}
            options={AGG_AGGREGATORS.map((a) => ({ value: a, label: aggregatorLabel(a, locale) }))}
          />
        </label>
        <label className="flex items-center gap-2 text-[13px] text-ink-muted">
          {t("unit")}
          <Select
            className="w-28"
            value={unit}
            onChange={(e) => set({ unit: e.target.value })}
            options={AGG_UNITS.map((u) => ({ value: u, label: unitLabel(u, locale) }))}
          />
        </label>
        <Button size="sm" variant="ghost" disabled={!hasData} onClick={() => downloadCsv(`device-${did}-agg`, toCsv(rows, csvColumns))}>
          <IconDownload width={14} height={14} /> {t("csv")}
        </Button>
      </div>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1.5">
        <legend className="mb-1 text-xs text-ink-subtle">{t("pickDatapoints")}</legend>
        {numeric.map((dp) => (
          <Checkbox
            key={dp.name}
            label={dp.display_name}
            checked={attrs.includes(dp.name)}
            onChange={(e) => setPicked(e.target.checked ? [...attrs, dp.name] : attrs.filter((n) => n !== dp.name))}
          />
        ))}
      </fieldset>
      {attrs.length === 0 ? <EmptyState compact title={t("aggPickOne")} /> : null}
      {parts.length > 1 ? (
        <p className="text-xs text-ink-subtle" data-testid="agg-parts" data-loaded={partsLoaded} data-total={parts.length}>
          {t("aggParts", { loaded: partsLoaded, total: parts.length, max: AGG_MAX_RANGE_DAYS })}
        </p>
      ) : null}
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      {attrs.length > 0 && !q.error ? (
        <>
          <LazyChart
            ariaLabel={t("tabAgg")}
            option={(palette) => lineChartOption(series, { locale, timeZone, boolLabels: ["0", "1"] }, palette)}
            loading={q.isFetching && !q.data}
            empty={!hasData}
            emptyText={t("aggEmpty")}
            height={300}
          />
          <DataTable
            aria-label={t("table")}
            columns={columns}
            rows={q.data ? rows : undefined}
            rowKey={(r) => r.datetime}
            loading={q.isLoading}
            maxHeight="24rem"
            density="compact"
          />
        </>
      ) : null}
    </div>
  );
}
