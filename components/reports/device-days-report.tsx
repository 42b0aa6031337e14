"use client";

import { useQuery } from "@tanstack/react-query";
import { placeLabel } from "@/lib/geo/aliases";
import type { Locale } from "@/lib/i18n/core";
import { placeOptions } from "@/lib/queries/devices";
import { callsFor } from "@/lib/plain/export-cost";
import { deviceDaysOptions, fetchDeviceDays } from "@/lib/queries/reports";
import { REPORT_PAGE_SIZES } from "@/lib/plain/report-periods";
import type { DeviceDayPageDto, DeviceDaysQuery } from "@/lib/schemas/reports";
import type { PlaceOption } from "@/lib/schemas/devices";
import { MAX_EXPORT_ROWS, PagedExportButton } from "../export/paged-export-button";
import { useLocale, useT } from "../i18n";
import { DataTable, type Column } from "../ui/data-table";
import { Pagination } from "../ui/pagination";
import { Select } from "../ui/select";
import { useUrlParams } from "../ui/use-url-param";
import { PeriodPicker } from "./period-picker";
import { dayListRange } from "./day-list-range";
import { ReportError } from "./report-state";
import { useToday } from "./use-today";

type Row = DeviceDayPageDto["rows"][number];

/** "China · Guangdong · Guangzhou", each level in the reader's language. */
function placePath(r: Row, locale: Locale): string {
  if (!r.country) return "—";
  const parts = [placeLabel({ country: r.country }, locale)];
  if (r.region) parts.push(placeLabel({ country: r.country, region: r.region }, locale));
  if (r.region && r.city) parts.push(placeLabel({ country: r.country, region: r.region, city: r.city }, locale));
  return parts.join(" · ");
}

function PlaceSelect({
  id,
  label,
  value,
  options,
  onChange,
  locale,
  path,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly PlaceOption[];
  onChange: (v: string | null) => void;
  locale: Locale;
  path: (name: string) => { country?: string; region?: string; city?: string };
}) {
  const t = useT("common");
  const opts = options.map((o) => ({ value: o.name, label: `${placeLabel(path(o.name), locale)} (${o.count})` }));
  if (value && !options.some((o) => o.name === value)) opts.push({ value, label: value });
  return (
    <div className="w-48">
      <label htmlFor={id} className="mb-0.5 block text-xs text-ink-muted">
        {label}
      </label>
      <Select
        id={id}
        name={id}
        value={value ?? ""}
        placeholder={t("all")}
        onChange={(e) => onChange(e.target.value || null)}
        options={opts}
      />
    </div>
  );
}

/** incr_devices / active_devices: which devices were activated / active on the chosen days, where. */
/** Exports read the largest page the report routes serve. */
const EXPORT_PAGE_SIZE = 100;

export function DeviceDaysReport({ productKey, name }: { productKey: string; name: "new-devices" | "active-devices" }) {
  const t = useT("reports");
  const tc = useT("common");
  const locale = useLocale();
  const today = useToday();
  const { params, set } = useUrlParams();
  const { todayPending, ...range } = dayListRange(params.get("start") ?? "", params.get("end") ?? "", today);
  const country = params.get("country") ?? undefined;
  const region = country ? (params.get("region") ?? undefined) : undefined;
  const city = region ? (params.get("city") ?? undefined) : undefined;
  const page = Math.max(1, Number(params.get("page")) || 1);
  const rawSize = Number(params.get("page_size"));
  const pageSize = (REPORT_PAGE_SIZES as readonly number[]).includes(rawSize) ? rawSize : 20;
  const query: DeviceDaysQuery = { ...range, country, region, city, page, page_size: pageSize };
  const q = useQuery(deviceDaysOptions(productKey, name, query));
  const places = useQuery(placeOptions(productKey));
  const countries = places.data?.places ?? [];
  const regions = countries.find((c) => c.name === country)?.children ?? [];
  const cities = regions.find((r) => r.name === region)?.children ?? [];
  const title = t(name === "new-devices" ? "tabNewDevices" : "tabActiveDevices");

  const columns: Column<Row>[] = [
    { id: "date", header: t("reportDate"), cell: (r) => r.reportDate, width: 120, className: "tabular-nums" },
    { id: "mac", header: t("mac"), cell: (r) => r.mac ?? r.deviceSn ?? "—", mono: true },
    {
      id: "place",
      header: t("place"),
      cell: (r) => placePath(r, locale),
    },
    ...(name === "new-devices"
      ? [
          {
            id: "created",
            header: t("createdAt"),
            cell: (r: Row) => r.createdAt ?? "—",
            className: "tabular-nums",
            hideBelow: "md" as const,
          },
        ]
      : []),
  ];

  // The CSV writer and the paging loop load when an export starts.
  const csv = async (rows: readonly Row[]) => {
    const { toCsv } = await import("@/lib/csv");
    return toCsv(rows, [
      { header: t("reportDate"), value: (r) => r.reportDate },
      { header: "MAC", value: (r) => r.mac },
      { header: "SN", value: (r) => r.deviceSn },
      { header: t("country"), value: (r) => r.country },
      { header: t("region"), value: (r) => r.region },
      { header: t("city"), value: (r) => r.city },
      { header: t("createdAt"), value: (r) => r.createdAt },
    ]);
  };
  const total = q.data?.total ?? 0;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <PeriodPicker
          cycles={["date"]}
          value={{ cycle: "date", ...range }}
          onChange={(r) => set({ start: r.start, end: r.end }, { resetPage: true })}
        />
        <PlaceSelect
          id="days-country"
          label={t("country")}
          value={country}
          options={countries}
          locale={locale}
          path={(n) => ({ country: n })}
          onChange={(v) => set({ country: v, region: null, city: null }, { resetPage: true })}
        />
        {country ? (
          <PlaceSelect
            id="days-region"
            label={t("region")}
            value={region}
            options={regions}
            locale={locale}
            path={(n) => ({ country, region: n })}
            onChange={(v) => set({ region: v, city: null }, { resetPage: true })}
          />
        ) : null}
        {region ? (
          <PlaceSelect
            id="days-city"
            label={t("city")}
            value={city}
            options={cities}
            locale={locale}
            path={(n) => ({ country, region, city: n })}
            onChange={(v) => set({ city: v }, { resetPage: true })}
          />
        ) : null}
      </div>
      {todayPending ? (
        <p role="status" data-testid="today-pending" className="rounded-md bg-warn-soft px-3 py-2 text-[13px] text-ink">
          {t(name === "new-devices" ? "newTodayPending" : "activeTodayPending")}
        </p>
      ) : null}
      {q.error && !q.data ? (
        <ReportError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <DataTable
          aria-label={title}
          columns={columns}
          rows={q.data?.rows}
          rowKey={(r) => `${r.reportDate}|${r.mac ?? r.deviceSn ?? ""}`}
          loading={q.isPending}
          fetching={q.isFetching}
          maxHeight="none"
          toolbar={
            <div className="flex w-full items-center justify-between gap-2">
              <span className="text-xs text-ink-muted" data-testid="rows-total">
                {q.data ? t("rowsTotal", { total: q.data.total }) : null}
              </span>
              {/* Every page of the list, not only the one on screen: one upstream call per 100 rows. */}
              <PagedExportButton
                filename={`${title}-${range.start}-${range.end}`}
                testId="report-export"
                size="xs"
                label={tc("exportCsv")}
                disabled={!q.data || total === 0}
                cost={{ kind: "rows", rows: total, calls: callsFor(total, EXPORT_PAGE_SIZE) }}
                collect={async (signal, onProgress) => {
                  const { collectPages, pageNumberPager } = await import("@/lib/paged-export");
                  return collectPages(
                    pageNumberPager(async (p, s) => {
                      const r = await fetchDeviceDays(productKey, name, { ...query, page: p, page_size: EXPORT_PAGE_SIZE }, s);
                      return { items: r.rows, total: r.total };
                    }),
                    { signal, maxItems: MAX_EXPORT_ROWS, onProgress },
                  );
                }}
                toCsv={csv}
              />
            </div>
          }
          footer={
            <Pagination
              page={page}
              pageSize={pageSize}
              total={q.data?.total}
              pageSizes={REPORT_PAGE_SIZES}
              onPageChange={(p) => set({ page: p === 1 ? null : p })}
              onPageSizeChange={(s) => set({ page_size: s === 20 ? null : s }, { resetPage: true })}
            />
          }
        />
      )}
    </div>
  );
}
