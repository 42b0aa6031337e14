"use client";

import Link from "next/link";
import type { DragEvent, ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { PlaceNames } from "@/lib/geo/place-names";
import { deviceHref } from "@/lib/queries/devices";
import type { DeviceFilter, DeviceRow } from "@/lib/schemas/devices";
import { useFormat, useLocale, useT } from "@/components/i18n";
import { usePlaceNames } from "@/components/place-names";
import { DataTable, type Column } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";

/** dataTransfer type of dragged rows: a JSON array of the MACs being dragged. */
export const MACS_MIME = "application/x-gizwits-macs";
/** dataTransfer type set when "all results of this search" are selected: `{ productKey, filter, total }`. */
export const FILTER_MIME = "application/x-gizwits-device-filter";

/** The search a selection of "all results" stands for, so a drop target can act on every match. */
export interface AllResults {
  filter: DeviceFilter;
  total: number;
}

export interface DeviceTableProps {
  productKey: string;
  rows: readonly DeviceRow[] | undefined;
  loading?: boolean;
  fetching?: boolean;
  error?: unknown;
  onRetry?: () => void;
  empty?: ReactNode;
  /** Selected devices, did → mac (the selection survives paging; MACs are what group writes take). */
  selected?: ReadonlyMap<string, string>;
  onSelectedChange?: (next: Map<string, string>) => void;
  /** Set when the user chose every result of the search, not just the rows they ticked. */
  allResults?: AllResults | null;
  toolbar?: ReactNode;
  footer?: ReactNode;
  maxHeight?: string;
}

function Location({ d, unknown, names }: { d: DeviceRow; unknown: string; names: PlaceNames }) {
  const locale = useLocale();
  const parts = [
    d.country ? names.countryLabel(d.country, locale) : null,
    d.country && d.region ? names.regionLabel(d.country, d.region, locale) : null,
    d.city ? names.cityLabel(d.city, locale) : null,
  ].filter((p): p is string => Boolean(p));
  if (!parts.length) return <span className="text-ink-subtle">{unknown}</span>;
  return <span className="whitespace-nowrap">{parts.join(" / ")}</span>;
}

function Firmware({ label, soft, hard }: { label: string; soft: string | null; hard: string | null }) {
  if (!soft && !hard) return null;
  return (
    <span className="block whitespace-nowrap">
      <span className="text-ink-subtle">{label}</span> <span className="font-mono text-xs">{soft ?? "—"}</span>
      {hard ? <span className="font-mono text-xs text-ink-subtle"> / {hard}</span> : null}
    </span>
  );
}

/**
 * The device list of the search page, also used by the groups page: status badges, ids, place,
 * times and firmware; a row opens the device page. With `onSelectedChange` rows can be selected
 * and dragged (MACS_MIME, plus FILTER_MIME when every result is selected) onto a group tree.
 */
export function DeviceTable({
  productKey,
  rows,
  loading,
  fetching,
  error,
  onRetry,
  empty,
  selected,
  onSelectedChange,
  allResults,
  toolbar,
  footer,
  maxHeight,
}: DeviceTableProps) {
  const t = useT("devices");
  const f = useFormat();
  const router = useRouter();
  // The rows wait for the place names (loaded on demand, lib/geo/place-names.ts): skeleton rows
  // until both are there, so a place never shows in one spelling and then another.
  const names = usePlaceNames();

  const columns: Column<DeviceRow>[] = [
    {
      id: "status",
      header: t("colStatus"),
      width: 150,
      cell: (d) => (
        <span className="flex flex-wrap gap-1">
          {d.isDisabled ? <StatusBadge status="disabled" /> : <StatusBadge status={d.isOnline ? "online" : "offline"} />}
          {d.isFaulty ? <StatusBadge status="fault" /> : null}
          {d.isAlert ? <StatusBadge status="alert" /> : null}
        </span>
      ),
    },
    {
      id: "did",
      header: t("colDid"),
      mono: true,
      cell: (d) => (
        <Link href={deviceHref(productKey, d.did)} className="text-accent hover:underline" aria-label={t("openDevice", { did: d.did })}>
          {d.did}
        </Link>
      ),
    },
    { id: "mac", header: t("colMac"), mono: true, cell: (d) => d.mac },
    {
      id: "location",
      header: t("colLocation"),
      hideBelow: "md",
      cell: (d) => (names ? <Location d={d} unknown={t("unknownPlace")} names={names} /> : null),
    },
    {
      id: "lastOnline",
      header: t("colLastOnline"),
      cell: (d) =>
        d.onlineLatest === null ? (
          <span className="text-ink-subtle">{t("never")}</span>
        ) : (
          <span className="tabular whitespace-nowrap" title={f.relative(d.onlineLatest * 1000)}>
            {f.dateTime(d.onlineLatest * 1000)}
          </span>
        ),
    },
    {
      id: "created",
      header: t("colCreated"),
      hideBelow: "lg",
      cell: (d) => (
        <span className="tabular whitespace-nowrap text-ink-muted">
          {d.createdAt === null ? "—" : f.dateTime(d.createdAt * 1000, "date")}
        </span>
      ),
    },
    {
      id: "firmware",
      header: t("colFirmware"),
      hideBelow: "xl",
      cell: (d) => (
        <>
          <Firmware label={t("firmwareMcu")} soft={d.mcuSoftVersion} hard={d.mcuHardVersion} />
          <Firmware label={t("firmwareWifi")} soft={d.wifiSoftVersion} hard={d.wifiHardVersion} />
        </>
      ),
    },
  ];

  const selectable = Boolean(onSelectedChange && selected);
  const macOf = new Map((rows ?? []).map((d) => [d.did, d.mac]));

  const onDragStart = (d: DeviceRow) => (e: DragEvent<HTMLTableRowElement>) => {
    // Dragging a selected row drags the whole selection; dragging another row drags just it.
    const macs = selected?.has(d.did) ? [...selected.values()] : [d.mac];
    e.dataTransfer.effectAllowed = "copyMove";
    e.dataTransfer.setData(MACS_MIME, JSON.stringify(macs));
    e.dataTransfer.setData("text/plain", macs.join("\n"));
    if (allResults && selected?.has(d.did)) e.dataTransfer.setData(FILTER_MIME, JSON.stringify({ productKey, ...allResults }));
  };

  return (
    <DataTable
      aria-label={t("tableLabel")}
      columns={columns}
      rows={names ? rows : undefined}
      rowKey={(d) => d.did}
      loading={loading || (!names && !error)}
      fetching={fetching}
      error={error}
      onRetry={onRetry}
      empty={empty}
      onRowClick={(d) => router.push(deviceHref(productKey, d.did))}
      selection={
        selectable && selected && onSelectedChange
          ? {
              selected: new Set(selected.keys()),
              onChange: (keys) => {
                const next = new Map<string, string>();
                for (const did of keys) {
                  const mac = selected.get(did) ?? macOf.get(did);
                  if (mac !== undefined) next.set(did, mac);
                }
                onSelectedChange(next);
              },
            }
          : undefined
      }
      rowProps={(d) => ({
        draggable: selectable,
        onDragStart: selectable ? onDragStart(d) : undefined,
        "data-did": d.did,
        "data-mac": d.mac,
      })}
      toolbar={toolbar}
      footer={footer}
      maxHeight={maxHeight}
    />
  );
}
