"use client";

import type { AuditRecord } from "@/lib/schemas/audit";
import { ROLES } from "@/lib/plain/roles";
import { useFormat, useT } from "@/components/i18n";
import { useRoleLabel } from "@/components/shell/role-label";
import { KeyValueList } from "@/components/ui/key-value";

/** One audit row expanded: every field, the message and the payload as sent. */
export function AuditDetail({ record: r }: { record: AuditRecord }) {
  const t = useT("audit");
  const f = useFormat();
  const roles = useRoleLabel();
  const payload = r.payload === null || r.payload === undefined ? null : JSON.stringify(r.payload, null, 2);
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="audit-detail">
      <div className="space-y-3">
        <KeyValueList
          columns={2}
          items={[
            { label: t("detailId"), value: `#${r.id}`, mono: true },
            {
              label: t("detailRole"),
              value: (ROLES as readonly string[]).includes(r.role) ? roles.label(r.role as (typeof ROLES)[number]) : r.role,
            },
            { label: t("colAction"), value: r.action, mono: true },
            { label: t("colProduct"), value: r.productKey ?? "—", mono: true },
            { label: t("colTarget"), value: r.target ?? "—", mono: true },
            { label: t("detailStarted"), value: f.dateTime(r.at) },
            { label: t("detailFinished"), value: r.finishedAt ? f.dateTime(r.finishedAt) : "—" },
            { label: t("detailErrorCode"), value: r.errorCode ?? "—", mono: true },
            { label: t("detailUpstreamCode"), value: r.upstreamCode ?? "—", mono: true },
          ]}
        />
        {r.status === "pending" && !r.finishedAt ? <p className="text-xs text-warn">{t("detailNotFinished")}</p> : null}
        {r.message ? (
          <div>
            <p className="mb-1 text-xs font-medium text-ink-muted">{t("detailMessage")}</p>
            <p className="rounded-md border border-line bg-panel px-3 py-2 text-[13px]">{r.message}</p>
          </div>
        ) : null}
      </div>
      <div className="min-w-0">
        <p className="mb-1 text-xs font-medium text-ink-muted">{t("detailPayload")}</p>
        {payload ? (
          <pre className="max-h-72 overflow-auto rounded-md border border-line bg-panel p-3 font-mono text-xs leading-relaxed text-ink">
            {payload}
          </pre>
        ) : (
          <p className="text-[13px] text-ink-subtle">{t("detailNoPayload")}</p>
        )}
      </div>
    </div>
  );
}
