"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { spacedHex } from "@/lib/datapoints";
import { deviceDetail } from "@/lib/i18n/messages/device-detail";
import { cmdDirectionLabel } from "@/lib/payload";
import { cmdPageOptions } from "@/lib/queries/device-detail";
import type { CmdRecordDto } from "@/lib/schemas/device-detail";
import { useFormat, useLocale, useT, useTimeZone } from "@/components/i18n";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { useUrlParam } from "@/components/ui/use-url-param";
import { ByteView } from "./byte-view";
import { useHistoryWindows } from "./use-windows";

type Cursor = { context: string } | { skip: number } | null;
const PAGE = 50;

/** The communication log, one ≤ 2-day window at a time, newest first, paged by whatever cursor the API answers with. */
export function CmdTab({ pk, did }: { pk: string; did: string }) {
  const t = useT(deviceDetail);
  const f = useFormat();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const { windows } = useHistoryWindows("30d", timeZone);
  const newestFirst = [...windows].reverse();
  const [wParam, setW] = useUrlParam("w", "0");
  const wi = Math.min(Math.max(Number(wParam) || 0, 0), newestFirst.length - 1);
  const w = newestFirst[wi]!;
  const [cursors, setCursors] = useState<{ key: string; stack: Cursor[] }>({ key: "", stack: [null] });
  const windowKey = `${w.start}-${w.end}`;
  const stack = cursors.key === windowKey ? cursors.stack : [null];
  const cursor = stack[stack.length - 1] ?? null;
  const q = useQuery(
    cmdPageOptions(pk, did, {
      start: w.start,
      end: w.end,
      limit: PAGE,
      ...(cursor && "context" in cursor ? { context: cursor.context } : {}),
      ...(cursor && "skip" in cursor ? { skip: cursor.skip } : {}),
    }),
  );
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
  const next = q.data?.next ?? null;
  return (
    <div className="flex flex-col gap-3">
      <label className="flex w-fit items-center gap-2 text-[13px] text-ink-muted">
        {t("window")}
        <Select
          className="w-80"
          value={String(wi)}
          onChange={(e) => setW(e.target.value)}
          options={newestFirst.map((x, i) => ({
            value: String(i),
            label: `${f.dateTime(x.start * 1000, "minute")} – ${f.dateTime(x.end * 1000, "minute")}`,
          }))}
        />
      </label>
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
            <span>{q.data?.total != null ? `${q.data.total}` : ""}</span>
            <span className="flex gap-2">
              <Button size="xs" variant="ghost" disabled={stack.length <= 1} onClick={() => setCursors({ key: windowKey, stack: [null] })}>
                {t("newer")}
              </Button>
              <Button
                size="xs"
                variant="secondary"
                disabled={!next || q.isFetching}
                onClick={() => next && setCursors({ key: windowKey, stack: [...stack, next] })}
              >
                {t("older")}
              </Button>
            </span>
          </div>
        }
      />
    </div>
  );
}
