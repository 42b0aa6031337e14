"use client";

import type { AuditRecord, AuditStatus } from "@/lib/schemas/audit";
import type { Product } from "@/lib/schemas/products";
import { ROLES } from "@/lib/plain/roles";
import { useFormat, useT } from "@/components/i18n";
import { productLabel } from "@/components/product";
import { useRoleLabel } from "@/components/shell/role-label";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Column } from "@/components/ui/data-table";

export const STATUS: Record<AuditStatus, { tone: BadgeTone; key: "statusOk" | "statusError" | "statusDenied" | "statusPending" }> = {
  ok: { tone: "success", key: "statusOk" },
  error: { tone: "danger", key: "statusError" },
  denied: { tone: "warning", key: "statusDenied" },
  pending: { tone: "info", key: "statusPending" },
};

/** The audit table's columns; the product column names products the console knows. */
export function useAuditColumns(products: readonly Product[]): Column<AuditRecord>[] {
  const t = useT("audit");
  const f = useFormat();
  const roles = useRoleLabel();
  return [
    {
      id: "at",
      header: t("colTime"),
      width: 150,
      cell: (r) => (
        <span className="tabular whitespace-nowrap text-ink-muted" title={f.relative(r.at)}>
          {f.dateTime(r.at)}
        </span>
      ),
    },
    {
      id: "user",
      header: t("colUser"),
      width: 150,
      cell: (r) => (
        <span className="flex min-w-0 items-center gap-1.5">
          <span className="truncate font-medium">{r.username}</span>
          {(ROLES as readonly string[]).includes(r.role) ? (
            <span className="hidden text-xs text-ink-subtle xl:inline">{roles.label(r.role as (typeof ROLES)[number])}</span>
          ) : null}
        </span>
      ),
    },
    { id: "action", header: t("colAction"), mono: true, cell: (r) => <span className="whitespace-nowrap">{r.action}</span> },
    {
      id: "product",
      header: t("colProduct"),
      width: 140,
      hideBelow: "xl",
      cell: (r) => {
        if (!r.productKey) return <span className="text-ink-subtle">—</span>;
        const p = products.find((x) => x.productKey === r.productKey);
        return (
          <span className="block max-w-36 truncate" title={r.productKey}>
            {p ? productLabel(p) : <span className="font-mono text-xs">{r.productKey}</span>}
          </span>
        );
      },
    },
    {
      id: "target",
      header: t("colTarget"),
      hideBelow: "lg",
      cell: (r) =>
        r.target ? (
          <span className="block max-w-56 truncate font-mono text-xs" title={r.target}>
            {r.target}
          </span>
        ) : (
          <span className="text-ink-subtle">—</span>
        ),
    },
    {
      id: "status",
      header: t("colStatus"),
      width: 96,
      cell: (r) => (
        <Badge tone={STATUS[r.status].tone} dot={r.status === "pending" ? "pulse" : true} data-status={r.status}>
          {t(STATUS[r.status].key)}
        </Badge>
      ),
    },
    {
      id: "result",
      header: t("colResult"),
      width: 170,
      hideBelow: "md",
      cell: (r) =>
        r.upstreamCode !== null ? (
          <span className="font-mono text-xs text-bad">{t("upstream", { code: r.upstreamCode })}</span>
        ) : r.errorCode ? (
          <span className="font-mono text-xs text-ink-muted">{r.errorCode}</span>
        ) : (
          <span className="text-ink-subtle">—</span>
        ),
    },
    {
      id: "duration",
      header: t("colDuration"),
      width: 80,
      align: "right",
      hideBelow: "lg",
      cell: (r) =>
        r.durationMs !== null ? (
          <span className="whitespace-nowrap text-ink-muted">{r.durationMs < 1000 ? `${r.durationMs} ms` : f.duration(r.durationMs)}</span>
        ) : (
          <span className="text-ink-subtle">—</span>
        ),
    },
  ];
}
