"use client";

import { useMemo, useState } from "react";
import type { Locale } from "@/lib/i18n/core";
import { formatNumber, formatPercent } from "@/lib/format";
import { levelAt, valueOf, type LocationNode, type LocationPath, type Measure } from "@/lib/location-tree";
import { useLocale, useT } from "../i18n";
import { usePlaceNames } from "../place-names";
import { Button } from "../ui/button";
import { DataTable, type Column, type SortState } from "../ui/data-table";
import { IconDownload } from "../ui/icons";
import { locationRows, type LocationRow } from "./location-rows";
import { measureLabel } from "./measure-label";

export interface LocationTableProps {
  nodes: readonly LocationNode[];
  path: LocationPath;
  /** Columns, in order; the first one is sorted by and gives the share column. */
  measures: readonly Measure[];
  /** Row click: the row's own path (with a city = show its devices). */
  onDrill?: (path: LocationPath) => void;
  /** Base of the CSV file name. */
  title: string;
  datapointLabels?: Readonly<Record<string, string>>;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  locale?: Locale;
}

/**
 * The map's numbers as a table at the same drill level: sortable, bilingual names, CSV export.
 * It shows its loading state until the place names (loaded on demand) are there, so the rows and
 * their CSV always carry the display names.
 */
export function LocationTable({
  nodes,
  path,
  measures,
  onDrill,
  title,
  datapointLabels,
  loading,
  error,
  onRetry,
  locale: localeProp,
}: LocationTableProps) {
  const t = useT("charts");
  const tc = useT("common");
  const ctxLocale = useLocale();
  const locale = localeProp ?? ctxLocale;
  const first = measures[0];
  const [sort, setSort] = useState<SortState | null>(null);
  const effectiveSort: SortState = sort ?? (first ? { by: `m:${first}`, dir: "desc" } : { by: "place", dir: "asc" });

  const names = usePlaceNames();
  const rows = useMemo(() => (names ? locationRows(nodes, path, locale, names) : []), [nodes, path, locale, names]);
  const inChina = names?.isChina(path.country) ?? false;
  const total = useMemo(() => (first ? rows.reduce((s, r) => s + valueOf(r.node, first), 0) : 0), [rows, first]);
  const sorted = useMemo(() => {
    const dir = effectiveSort.dir === "asc" ? 1 : -1;
    const key = effectiveSort.by;
    const collator = new Intl.Collator(locale);
    return [...rows].sort((a, b) => {
      if (key === "place") return dir * collator.compare(a.label, b.label);
      const m = key === "share" ? first : key.slice(2);
      return m === undefined ? 0 : dir * (valueOf(a.node, m) - valueOf(b.node, m)) || collator.compare(a.label, b.label);
    });
  }, [rows, effectiveSort.by, effectiveSort.dir, first, locale]);

  const level = levelAt(path);
  const levelName = level === "country" ? t("country") : level === "region" ? (inChina ? t("province") : t("region")) : t("city");
  const columns: Column<LocationRow>[] = [
    {
      id: "place",
      header: levelName,
      sortable: true,
      cell: (r) => (
        <span className="inline-flex items-baseline gap-1.5">
          <span className="text-ink">{r.label}</span>
          {r.label !== r.node.name ? <span className="text-xs text-ink-subtle">{r.node.name}</span> : null}
        </span>
      ),
    },
    ...measures.map(
      (m): Column<LocationRow> => ({
        id: `m:${m}`,
        header: measureLabel(m, t, datapointLabels),
        align: "right",
        sortable: true,
        className: "tabular-nums",
        cell: (r) => formatNumber(valueOf(r.node, m), locale),
      }),
    ),
    ...(first
      ? [
          {
            id: "share",
            header: t("share"),
            align: "right" as const,
            sortable: true,
            className: "tabular-nums text-ink-muted",
            cell: (r: LocationRow) => (total > 0 ? formatPercent(valueOf(r.node, first) / total, locale) : "—"),
          },
        ]
      : []),
  ];

  // The CSV writer and the download helper load on the click (issue 17: code that runs only on a click).
  const exportCsv = async () => {
    const [{ locationCsv }, { downloadCsv }] = await Promise.all([import("./location-csv"), import("./export")]);
    const csv = locationCsv(sorted, path, measures, {
      levels: { country: t("country"), region: inChina ? t("province") : t("region"), city: t("city") },
      label: t("place"),
      measure: (m) => measureLabel(m, t, datapointLabels),
    });
    downloadCsv(title, csv);
  };

  return (
    <DataTable
      aria-label={title}
      columns={columns}
      rows={sorted}
      rowKey={(r) => r.node.name}
      loading={loading || !names}
      error={error}
      onRetry={onRetry}
      sort={effectiveSort}
      onSortChange={setSort}
      onRowClick={onDrill ? (r) => onDrill(r.path) : undefined}
      maxHeight="28rem"
      toolbar={
        <div className="flex w-full items-center justify-between gap-2">
          <span className="text-xs text-ink-muted">
            {first ? `${t("total")}: ${formatNumber(total, locale)} (${measureLabel(first, t, datapointLabels)})` : null}
          </span>
          <Button size="xs" variant="ghost" onClick={() => void exportCsv()} disabled={rows.length === 0}>
            <IconDownload width={12} height={12} /> {tc("exportCsv")}
          </Button>
        </div>
      }
    />
  );
}
