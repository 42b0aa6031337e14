"use client";

import { useState } from "react";
import { useQueries, useQuery } from "@tanstack/react-query";
import { toCsv, type CsvColumn } from "@/lib/csv";
import { enumLabel, isNumeric, toBool } from "@/lib/plain/datapoint-values";
import { useFormatValue } from "@/components/use-format-value";
import { text as domainText } from "@/lib/devices-text";
import { mergeDataPages } from "@/lib/history";
import { dataWindowOptions, datapointsOptions } from "@/lib/queries/device-detail";
import type { DataRecord, Datapoint } from "@/lib/schemas/datapoints";
import { lineChartOption, type LineSeries } from "@/components/charts/line-options";
import { downloadCsv } from "@/components/charts/export";
import { useFormat, useLocale, useT, useTimeZone } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { IconDownload } from "@/components/ui/icons";
import { useUrlParam } from "@/components/ui/use-url-param";
import { LazyChart } from "./chart";
import { CoverageBar, RangePicker, useRangeSelection } from "./range-picker";
import { coverageOf, useHistoryWindows } from "./use-windows";

const MAX_TABLE_ROWS = 500;

/** A datapoint's value as a chart number: the real value, 0/1 for bool, the option index for enum. */
function chartValue(dp: Datapoint, v: unknown): number | null {
  if (dp.data_type === "bool") {
    const b = toBool(v);
    return b === null ? null : Number(b);
  }
  if (dp.data_type === "enum") {
    const label = enumLabel(dp, v);
    return label === null ? null : dp.enum.indexOf(label);
  }
  if (isNumeric(dp)) return typeof v === "number" && Number.isFinite(v) ? v : null;
  return null;
}

const chartable = (dp: Datapoint) => dp.data_type !== "binary";

export function HistoryTab({ pk, did }: { pk: string; did: string }) {
  const t = useT("device-detail");
  const f = useFormat();
  const locale = useLocale();
  const formatValue = useFormatValue();
  const timeZone = useTimeZone();
  const picker = useRangeSelection({ fallback: "2d" });
  const [view, setView] = useUrlParam("view", "chart");
  const { range, windows } = useHistoryWindows(picker.resolved.range, picker.now, timeZone);
  const dps = useQuery(datapointsOptions(pk));
  const results = useQueries({ queries: windows.map((w) => dataWindowOptions(pk, did, w.start, w.end, w.closed)) });

  const loaded = windows.filter((_, i) => results[i]?.data);
  const firstError = results.find((r) => r.error)?.error;
  const records: DataRecord[] = mergeDataPages(results.flatMap((r) => (r.data ? [r.data.records] : [])));
  const truncated = results.some((r) => r.data?.truncated);

  const all = dps.data?.datapoints ?? [];
  // Measurements first: a setting rarely changes and makes a flat line.
  const defaults = [...all.filter((d) => isNumeric(d) && d.type === "status_readonly"), ...all.filter(isNumeric)]
    .slice(0, 2)
    .map((d) => d.name);
  const [picked, setPicked] = useState<string[] | null>(null);
  const selected = picked ?? defaults;
  const shown = all.filter((d) => selected.includes(d.name) && chartable(d));

  const series: LineSeries[] = shown.map((dp) => ({
    name: dp.display_name,
    unit: dp.position?.unit && dp.position.unit !== "bit" && dp.position.unit !== "byte" ? dp.position.unit : undefined,
    kind: dp.data_type === "bool" ? "bool" : dp.data_type === "enum" ? "enum" : "number",
    labels: dp.data_type === "enum" ? dp.enum : undefined,
    points: records.filter((r) => dp.name in r.attrs).map((r) => [r.ts * 1000, chartValue(dp, r.attrs[dp.name])] as const),
  }));
  const ctx = { locale, timeZone, boolLabels: [domainText("boolOff", locale), domainText("boolOn", locale)] as const };

  const csvColumns: CsvColumn<DataRecord>[] = [
    { header: t("colTime"), value: (r) => f.dateTime(r.ts * 1000) },
    ...all.map(
      (dp): CsvColumn<DataRecord> => ({
        header: `${dp.display_name} (${dp.name})`,
        value: (r) => (dp.name in r.attrs ? formatValue(dp, r.attrs[dp.name]) : null),
      }),
    ),
  ];
  const exportCsv = () => downloadCsv(`device-${did}-history`, toCsv(records, csvColumns));

  const tableColumns: Column<DataRecord>[] = [
    { id: "ts", header: t("colTime"), width: 170, cell: (r) => <span className="tabular">{f.dateTime(r.ts * 1000)}</span> },
    ...all.map(
      (dp): Column<DataRecord> => ({
        id: dp.name,
        header: dp.display_name,
        cell: (r) => (dp.name in r.attrs ? formatValue(dp, r.attrs[dp.name]) : ""),
      }),
    ),
  ];

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <RangePicker selection={picker.selection} resolved={picker.resolved} onChange={picker.set} />
        <div className="flex items-center gap-1">
          <Button
            size="sm"
            variant={view === "chart" ? "secondary" : "ghost"}
            onClick={() => setView("chart")}
            aria-pressed={view === "chart"}
          >
            {t("chart")}
          </Button>
          <Button
            size="sm"
            variant={view === "table" ? "secondary" : "ghost"}
            onClick={() => setView("table")}
            aria-pressed={view === "table"}
          >
            {t("table")}
          </Button>
          <Button size="sm" variant="ghost" onClick={exportCsv} disabled={records.length === 0}>
            <IconDownload width={14} height={14} /> {t("csv")}
          </Button>
        </div>
      </div>
      <CoverageBar days={coverageOf(range, loaded, timeZone)} loaded={loaded.length} total={windows.length} />
      {truncated ? <p className="text-xs text-warn">{t("truncated", { n: 1000 })}</p> : null}
      {firstError ? (
        <ErrorState
          compact
          error={firstError}
          onRetry={() => {
            for (const r of results) if (r.error) void r.refetch();
          }}
        />
      ) : null}
      {view === "table" ? (
        <DataTable
          aria-label={t("table")}
          columns={tableColumns}
          rows={loaded.length === 0 ? undefined : [...records].reverse().slice(0, MAX_TABLE_ROWS)}
          rowKey={(r) => `${r.ts}:${JSON.stringify(r.attrs)}`}
          loading={loaded.length === 0 && !firstError}
          empty={<EmptyState title={t("historyEmpty")} />}
          maxHeight="32rem"
          density="compact"
        />
      ) : (
        <>
          <fieldset className="flex flex-wrap gap-x-4 gap-y-1.5">
            <legend className="mb-1 text-xs text-ink-subtle">{t("pickDatapoints")}</legend>
            {all.filter(chartable).map((dp) => (
              <Checkbox
                key={dp.name}
                label={dp.display_name}
                checked={selected.includes(dp.name)}
                onChange={(e) => setPicked(e.target.checked ? [...selected, dp.name] : selected.filter((n) => n !== dp.name))}
              />
            ))}
          </fieldset>
          <LazyChart
            ariaLabel={t("tabHistory")}
            option={(palette) => lineChartOption(series, ctx, palette)}
            loading={loaded.length < windows.length && records.length === 0}
            empty={records.length === 0 || series.length === 0}
            emptyText={t("historyEmpty")}
            height={340}
          />
        </>
      )}
    </div>
  );
}
