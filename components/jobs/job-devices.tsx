"use client";

import Link from "next/link";
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { deviceHref } from "@/lib/queries/devices";
import { isFinalJobState, jobDevicesExportUrl, jobDevicesOptions, type JobDevicesParams } from "@/lib/queries/jobs";
import { JOB_DEVICE_STATES } from "@/lib/plain/jobs";
import type { JobDetail, JobDevice, JobDeviceState } from "@/lib/schemas/jobs";
import { useFormat, useT } from "@/components/i18n";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { IconDownload } from "@/components/ui/icons";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { useUrlParams } from "@/components/ui/use-url-param";
import { DEVICE_STATE_ORDER, DEVICE_STATE_VIEW, DeviceStateBadge } from "./job-format";

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

/** Every device of a job with its result, filtered by state (dstate, dpage, dsize in the URL). */
export function JobDevices({ job }: { job: JobDetail }) {
  const t = useT("jobs");
  const f = useFormat();
  const { params, set } = useUrlParams();
  const dp = useMemo(() => parseDevicesUrl(new URLSearchParams(params.toString())), [params]);
  const live = !isFinalJobState(job.state);
  const devices = useQuery(jobDevicesOptions(job.id, dp, live));
  const setDeviceState = (s: JobDeviceState | null) => set({ dstate: s, dpage: null });
  const deviceColumns = useDeviceColumns(job.productKey);
  return (
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
