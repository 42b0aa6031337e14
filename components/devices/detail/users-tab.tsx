"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { boundUsersOptions, userHref } from "@/lib/queries/users";
import { USER_PAGE_SIZES, userDisplayName } from "@/lib/plain/users";
import type { UserRow } from "@/lib/schemas/users";
import { useFormat, useT } from "@/components/i18n";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { useUrlParams } from "@/components/ui/use-url-param";
import { BindingDialog, type BindingKind } from "@/components/users/binding-dialog";
import { UserPickDialog } from "@/components/users/user-pick-dialog";

/**
 * The users bound to the device, through the bound-user search by did (paged, so a shared device
 * with more than 100 users can be read to the end). Operators can bind another user or unbind one.
 */
export function UsersTab({ pk, did, canBind }: { pk: string; did: string; canBind: boolean }) {
  const t = useT("device-detail");
  const f = useFormat();
  const { params, set } = useUrlParams();
  const page = Math.max(1, Number(params.get("upage")) || 1);
  const rawSize = Number(params.get("upage_size"));
  const pageSize = (USER_PAGE_SIZES as readonly number[]).includes(rawSize) ? rawSize : 20;
  const q = useQuery(boundUsersOptions(pk, { type: "did", val: did, page, page_size: pageSize }));
  // One array for the dialog's lifetime: a new one on each render would reset the dialog's form.
  const [dids] = useState(() => [did]);
  const [dialog, setDialog] = useState<{ kind: BindingKind; uid: string; name: string } | { kind: "pick" } | null>(null);

  const columns: Column<UserRow>[] = [
    {
      id: "user",
      header: t("colUser"),
      cell: (u) => (
        <span className="flex items-center gap-2">
          <Link className="text-accent hover:underline" href={userHref(pk, u.uid)}>
            {userDisplayName(u) ?? (u.isAnonymous ? t("anonymous") : u.uid)}
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
    ...(canBind
      ? [
          {
            id: "unbind",
            header: "",
            width: 90,
            cell: (u: UserRow) => (
              <Button
                size="xs"
                variant="danger-ghost"
                data-testid="user-unbind"
                onClick={() => setDialog({ kind: "unbind", uid: u.uid, name: userDisplayName(u) ?? u.uid })}
              >
                {t("unbindUser")}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const rows = q.data ? [...q.data.users].sort((a, b) => Number(b.isOwner) - Number(a.isOwner)) : undefined;
  const total = q.data?.total;
  return (
    <>
      <DataTable
        aria-label={t("tabUsers")}
        columns={columns}
        rows={rows}
        rowKey={(u) => u.uid}
        loading={q.isLoading}
        fetching={q.isFetching && !q.isLoading}
        error={q.error}
        onRetry={() => void q.refetch()}
        empty={<EmptyState title={t("usersEmpty")} />}
        maxHeight="none"
        toolbar={
          canBind ? (
            <div className="flex w-full justify-end">
              <Button size="sm" variant="secondary" data-testid="user-bind" onClick={() => setDialog({ kind: "pick" })}>
                {t("bindUser")}
              </Button>
            </div>
          ) : null
        }
        footer={
          total !== undefined && total > 0 ? (
            <Pagination
              page={page}
              pageSize={pageSize}
              total={total}
              pageSizes={USER_PAGE_SIZES}
              onPageChange={(p) => set({ upage: p === 1 ? null : p })}
              onPageSizeChange={(s) => set({ upage_size: s === 20 ? null : s, upage: null })}
            />
          ) : null
        }
      />
      {dialog?.kind === "pick" ? (
        <UserPickDialog
          open
          onClose={() => setDialog(null)}
          pk={pk}
          title={t("bindUserTitle")}
          onPick={(u) => setDialog({ kind: "bind", uid: u.uid, name: u.name })}
        />
      ) : null}
      {dialog && dialog.kind !== "pick" ? (
        <BindingDialog
          open
          onClose={() => setDialog(null)}
          kind={dialog.kind}
          pk={pk}
          uid={dialog.uid}
          name={dialog.name}
          initialDids={dids}
          preferredAppid={null}
        />
      ) : null}
    </>
  );
}
