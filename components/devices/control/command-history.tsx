"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { commandHistoryOptions } from "@/lib/queries/device-detail";
import type { CommandHistory as History } from "@/lib/schemas/device-detail";
import { useFormat, useT } from "@/components/i18n";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";

type Entry = History["items"][number];
const RESULT: Record<string, { key: "resultOk" | "resultError" | "resultPending" | "resultDenied"; tone: BadgeTone }> = {
  ok: { key: "resultOk", tone: "success" },
  error: { key: "resultError", tone: "danger" },
  pending: { key: "resultPending", tone: "info" },
  denied: { key: "resultDenied", tone: "warning" },
};

function commandText(c: unknown): string {
  if (c && typeof c === "object" && "attrs" in c && c.attrs && typeof c.attrs === "object") {
    return Object.entries(c.attrs)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ");
  }
  if (c && typeof c === "object" && "raw" in c && Array.isArray(c.raw))
    return `raw[${c.raw.length}] ${c.raw.map((b: unknown) => (typeof b === "number" ? b.toString(16).padStart(2, "0") : "?")).join(" ")}`;
  return JSON.stringify(c) ?? "";
}

/** Commands sent to this device from the console (the audit log), with who sent them and how it ended. */
export function CommandHistory({ pk, did }: { pk: string; did: string }) {
  const t = useT("device-detail");
  const f = useFormat();
  const [page, setPage] = useState(1);
  const q = useQuery(commandHistoryOptions(pk, did, page));
  const columns: Column<Entry>[] = [
    { id: "at", header: t("colTime"), width: 170, cell: (e) => <span className="tabular">{f.dateTime(e.at)}</span> },
    {
      id: "op",
      header: t("colOperator"),
      width: 160,
      cell: (e) => <span data-testid="command-operator">{e.operator ? `${e.operator} (${e.username})` : e.username}</span>,
    },
    { id: "cmd", header: t("colCommand"), mono: true, cell: (e) => <span className="break-all text-xs">{commandText(e.command)}</span> },
    {
      id: "res",
      header: t("colResult"),
      width: 200,
      cell: (e) => {
        const r = RESULT[e.status] ?? RESULT.error!;
        return (
          <span className="flex flex-col gap-0.5">
            <Badge tone={r.tone}>{t(r.key)}</Badge>
            {e.status === "error" && e.message ? (
              <span className="text-[11px] text-ink-subtle">
                {e.upstreamCode ? `${e.upstreamCode} ` : ""}
                {e.message}
              </span>
            ) : null}
          </span>
        );
      },
    },
  ];
  return (
    <Card data-testid="command-history">
      <CardHeader title={t("history")} />
      <DataTable
        aria-label={t("history")}
        columns={columns}
        rows={q.data?.items}
        rowKey={(e) => String(e.id)}
        loading={q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        empty={<EmptyState compact title={t("historyEmptyCmds")} />}
        maxHeight="none"
        density="compact"
        footer={
          q.data && q.data.total > 20 ? <Pagination page={page} pageSize={20} total={q.data.total} onPageChange={setPage} /> : undefined
        }
      />
    </Card>
  );
}
