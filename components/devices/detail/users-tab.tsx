"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { deviceDetail } from "@/lib/i18n/messages/device-detail";
import { boundUsersOptions } from "@/lib/queries/device-detail";
import type { BoundUsers } from "@/lib/schemas/device-detail";
import { useFormat, useT } from "@/components/i18n";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";

type User = BoundUsers["users"][number];

export function UsersTab({ pk, did }: { pk: string; did: string }) {
  const t = useT(deviceDetail);
  const f = useFormat();
  const q = useQuery(boundUsersOptions(pk, did));
  const columns: Column<User>[] = [
    {
      id: "user",
      header: t("colUser"),
      cell: (u) => (
        <span className="flex items-center gap-2">
          <Link className="text-accent hover:underline" href={`/users/${encodeURIComponent(u.uid)}?product=${pk}`}>
            {u.username ?? u.name ?? (u.isAnonymous ? t("anonymous") : u.uid)}
          </Link>
          {u.isOwner ? (
            <Badge tone="accent" data-testid="owner-badge">
              {t("owner")}
            </Badge>
          ) : null}
          {u.consoleServiceUser ? (
            <Badge tone="warning" data-testid="console-service-user-badge" title={t("consoleServiceUserHint")}>
              {t("consoleServiceUser")}
            </Badge>
          ) : null}
        </span>
      ),
    },
    { id: "uid", header: t("colUid"), mono: true, cell: (u) => u.uid },
    { id: "phone", header: t("colPhone"), hideBelow: "md", cell: (u) => u.phone ?? "—" },
    { id: "email", header: t("colEmail"), hideBelow: "lg", cell: (u) => u.email ?? "—" },
    { id: "created", header: t("colBound"), hideBelow: "lg", cell: (u) => (u.createdAt ? f.dateTime(u.createdAt * 1000) : "—") },
  ];
  const rows = q.data ? [...q.data.users].sort((a, b) => Number(b.isOwner) - Number(a.isOwner)) : undefined;
  return (
    <DataTable
      aria-label={t("tabUsers")}
      columns={columns}
      rows={rows}
      rowKey={(u) => u.uid}
      loading={q.isLoading}
      error={q.error}
      onRetry={() => void q.refetch()}
      empty={<EmptyState title={t("usersEmpty")} />}
      maxHeight="none"
    />
  );
}
