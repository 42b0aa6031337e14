"use client";

import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { toCsv } from "@/lib/csv";
import { spacedHex } from "@/lib/datapoints";
import { collectPages, type Collected } from "@/lib/paged-export";
import { CMD_DIRECTIONS, cmdDirectionLabel } from "@/lib/plain/payload";
import { cmdPageOptions, cmdPageUrl, type CmdDirection } from "@/lib/queries/device-detail";
import type { CmdPage, CmdRecordDto } from "@/lib/schemas/device-detail";
import { MAX_EXPORT_ROWS, PagedExportButton } from "@/components/export/paged-export-button";
import { useFormat, useLocale, useT, useTimeZone } from "@/components/i18n";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { useUrlParam } from "@/components/ui/use-url-param";
import { ByteView } from "./byte-view";
import { RangePicker, useRangeSelection } from "./range-picker";
import { useHistoryWindows } from "./use-windows";
import { olderPosition, type CmdCursor as Cursor, type CmdPosition } from "./cmd-paging";

const PAGE = 50;
const EXPORT_PAGE = 100;

const cursorQuery = (c: Cursor | null) => (c && "context" in c ? { context: c.context } : c && "skip" in c ? { skip: c.skip } : {});

/**
 * The communication log over any range, newest first: the range is cut into the API's ≤ 2-day
 * windows, and "Older" walks each window's pages (by the cursor the API answers with) and then
 * the next older window; "Newer" steps back along the same path.
 */
export function CmdTab({ pk, did }: { pk: string; did: string }) {
  const t = useT("device-detail");
  const f = useFormat();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const picker = useRangeSelection({ fallback: "2d" });
  const { range, windows } = useHistoryWindows(picker.resolved.range, picker.now, timeZone);
  const newestFirst = [...windows].reverse();
  const [dirParam, setDir] = useUrlParam("dir", "");
  const dir: CmdDirection | undefined = (CMD_DIRECTIONS as readonly string[]).includes(dirParam) ? (dirParam as CmdDirection) : undefined;
  const pathKey = `${range.start}-${range.end}-${dir ?? ""}`;
  const [path, setPath] = useState<{ key: string; stack: CmdPosition[] }>({ key: "", stack: [] });
  const stack = path.key === pathKey && path.stack.length > 0 ? path.stack : [{ w: 0, cursor: null }];
  const at = stack[stack.length - 1]!;
  const w = newestFirst[Math.min(at.w, newestFirst.length - 1)]!;
  const q = useQuery(
    cmdPageOptions(pk, did, { start: w.start, end: w.end, limit: PAGE, ...(dir ? { type: dir } : {}), ...cursorQuery(at.cursor) }),
  );
  const older = q.data ? olderPosition(at, q.data.next, newestFirst.length) : null;
  const go = (next: CmdPosition[]) => setPath({ key: pathKey, stack: next });
  // An expired cursor (kept one hour upstream) came back as the window's first page: say so, and
  // restart the paging there instead of pretending to be deeper in the window.
  const [cursorExpired, setCursorExpired] = useState(false);
  const expiredNow = q.data?.cursorExpired === true && at.cursor !== null;
  useEffect(() => {
    if (!expiredNow) return;
    setCursorExpired(true);
    setPath({ key: pathKey, stack: [{ w: at.w, cursor: null }] });
  }, [expiredNow, pathKey, at.w]);

  const columns: Column<CmdRecordDto>[] = [
    {
      id: "time",
      header: t("colTime"),
      width: 170,
      cell: (r) => <span className="tabular">{f.dateTime(Math.round(r.timestamp * 1000))}</span>,
    },
    {
      id: "dir",
      header: t("direction"),
      width: 130,
      cell: (r) => <Badge tone={r.type === "app2dev" ? "accent" : "neutral"}>{cmdDirectionLabel(r.type, locale)}</Badge>,
    },
    {
      id: "payload",
      header: t("payload"),
      mono: true,
      cell: (r) => <span className="break-all text-xs">{spacedHex(r.payload) ?? r.payload}</span>,
    },
  ];

  /** Every record of the range (all windows, all pages), newest first. */
  const collectAll = async (
    signal: AbortSignal,
    onProgress: (read: number, total: number | null) => void,
  ): Promise<Collected<CmdRecordDto>> => {
    const all: CmdRecordDto[] = [];
    let pages = 0;
    for (const win of newestFirst) {
      const r = await collectPages<CmdRecordDto, Cursor>(
        async (cursor, s) => {
          const page = await apiFetch<CmdPage>(cmdPageUrl(pk, did), {
            query: { start: win.start, end: win.end, limit: EXPORT_PAGE, ...(dir ? { type: dir } : {}), ...cursorQuery(cursor) },
            signal: s,
          });
          return { items: page.records, next: page.next, total: page.total };
        },
        { signal, maxItems: MAX_EXPORT_ROWS - all.length, onProgress: (n) => onProgress(all.length + n, null) },
      );
      all.push(...r.items);
      pages += r.pages;
      if (!r.complete) return { ...r, items: all, pages, total: null };
    }
    return { items: all, pages, complete: true, stopped: null, error: null, total: all.length };
  };
  const csv = (rows: readonly CmdRecordDto[]) =>
    toCsv(rows, [
      { header: t("colTime"), value: (r) => f.dateTime(Math.round(r.timestamp * 1000)) },
      { header: "timestamp", value: (r) => r.timestamp },
      { header: t("direction"), value: (r) => r.type },
      { header: t("payload"), value: (r) => r.payload },
    ]);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <RangePicker selection={picker.selection} resolved={picker.resolved} onChange={picker.set} />
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-2 text-[13px] text-ink-muted">
            {t("direction")}
            <Select
              className="w-44"
              value={dir ?? ""}
              data-testid="cmd-direction"
              onChange={(e) => setDir(e.target.value || null)}
              options={[
                { value: "", label: t("directionAll") },
                ...CMD_DIRECTIONS.map((d) => ({ value: d, label: cmdDirectionLabel(d, locale) })),
              ]}
            />
          </label>
          <PagedExportButton
            filename={`device-${did}-cmd`}
            testId="cmd-export"
            cost={{ kind: "atLeast", calls: newestFirst.length, perCall: EXPORT_PAGE }}
            collect={collectAll}
            toCsv={csv}
          />
        </div>
      </div>
      {newestFirst.length > 1 ? (
        <label className="flex w-fit items-center gap-2 text-[13px] text-ink-muted">
          {t("window")}
          <Select
            className="w-80"
            value={String(at.w)}
            data-testid="cmd-window"
            onChange={(e) => go([{ w: Number(e.target.value), cursor: null }])}
            options={newestFirst.map((x, i) => ({
              value: String(i),
              label: `${f.dateTime(x.start * 1000, "minute")} – ${f.dateTime(x.end * 1000, "minute")}`,
            }))}
          />
        </label>
      ) : null}
      {cursorExpired ? (
        <p role="status" data-testid="cmd-cursor-expired" className="rounded-md bg-warn-soft px-3 py-2 text-[13px] text-ink">
          {t("cmdCursorExpired")}
        </p>
      ) : null}
      <DataTable
        aria-label={t("tabCmd")}
        columns={columns}
        rows={q.data?.records}
        rowKey={(r) => `${r.timestamp}:${r.type}:${r.payload}`}
        loading={q.isLoading}
        fetching={q.isFetching && !q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        empty={<EmptyState title={t("cmdEmpty")} />}
        renderExpanded={(r) => <ByteView payload={r.payload} />}
        maxHeight="none"
        density="compact"
        footer={
          <div className="flex items-center justify-between px-3 py-2 text-xs text-ink-muted">
            <span data-testid="cmd-position" data-page={stack.length} data-window={at.w}>
              {t("cmdPosition", {
                page: stack.length,
                window: `${f.dateTime(w.start * 1000, "minute")} – ${f.dateTime(w.end * 1000, "minute")}`,
              })}
            </span>
            <span className="flex gap-2">
              <Button size="xs" variant="ghost" disabled={stack.length <= 1} onClick={() => go([{ w: 0, cursor: null }])}>
                {t("newest")}
              </Button>
              <Button size="xs" variant="ghost" disabled={stack.length <= 1} onClick={() => go(stack.slice(0, -1))}>
                {t("newer")}
              </Button>
              <Button size="xs" variant="secondary" disabled={!older || q.isFetching} onClick={() => older && go([...stack, older])}>
                {t("older")}
              </Button>
            </span>
          </div>
        }
      />
    </div>
  );
}
