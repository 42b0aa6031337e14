"use client";

import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { IconPlus, IconSearch } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { useAccountColumns } from "./account-columns";
import { lazyClient } from "@/components/ui/lazy-client";
import { useAccounts } from "./use-accounts";

// The dialogs are fetched when one first opens (each is rendered only while open), not with the
// page (first-load JS budget, issue 17). Hovering or focusing "Add" starts fetching its dialog.
const loadAddDialog = () => import("./add-account-dialog");
const AddAccountDialog = lazyClient(() => loadAddDialog().then((m) => m.AddAccountDialog));
const ConfirmDialog = lazyClient(() => import("@/components/ui/confirm-dialog").then((m) => m.ConfirmDialog));
const ResetPasswordDialog = lazyClient(() => import("./reset-password-dialog").then((m) => m.ResetPasswordDialog));
const prefetchAddDialog = () => void loadAddDialog();

export function AccountsClient({ currentUserId }: { currentUserId: string }) {
  const t = useT("accounts");
  const s = useAccounts();
  const { q, disabling } = s;
  const columns = useAccountColumns(currentUserId, s);

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        meta={q.data ? <span>{t("count", { count: q.data.items.length })}</span> : null}
        actions={
          <Button variant="primary" onPointerEnter={prefetchAddDialog} onFocus={prefetchAddDialog} onClick={s.openAdd}>
            <IconPlus />
            {t("add")}
          </Button>
        }
      />
      <DataTable
        aria-label={t("title")}
        columns={columns}
        rows={s.rows}
        rowKey={(a) => a.id}
        loading={q.isLoading}
        fetching={q.isFetching}
        error={q.error}
        onRetry={() => void q.refetch()}
        rowClassName={(a) => (a.disabled ? "opacity-60" : undefined)}
        rowProps={(a) => ({ "data-username": a.username })}
        skeletonRows={5}
        toolbar={
          <div className="w-full max-w-xs">
            <Input
              size="sm"
              leading={<IconSearch size={14} />}
              placeholder={t("search")}
              aria-label={t("search")}
              value={s.filter}
              onChange={(e) => s.setFilter(e.target.value)}
            />
          </div>
        }
        empty={<EmptyState compact title={t("emptyTitle")} description={t("emptyBody")} />}
      />

      {s.adding ? <AddAccountDialog open onClose={s.closeAdd} /> : null}

      {disabling ? (
        <ConfirmDialog
          open
          tone="danger"
          title={t("disableTitle", { username: disabling.username })}
          message={t("disableBody", { name: disabling.name })}
          confirmLabel={t("disable")}
          pending={s.pending}
          error={s.disableError}
          onCancel={s.cancelDisable}
          onConfirm={s.confirmDisable}
        />
      ) : null}

      {s.resetting ? (
        <ResetPasswordDialog
          account={s.resetting}
          pending={s.pending}
          error={s.resetError}
          onClose={s.cancelReset}
          onSubmit={s.resetPassword}
        />
      ) : null}
    </>
  );
}
