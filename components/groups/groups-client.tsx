"use client";

import { lazyClient } from "@/components/ui/lazy-client";
import type { GroupTreeNode } from "@/lib/schemas/groups";
import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonLines } from "@/components/ui/skeleton";
import { GroupDetailCard } from "./group-detail-card";
import { GroupTree } from "./group-tree";
import { useGroupsPage } from "./use-groups-page";

// Group schedules (list, editor, time-zone conversion) load when a group is open.
// The create/edit/delete and bulk-assign dialogs load when one opens (first-load JS budget, issue 17).
const GroupFormDialog = lazyClient(() => import("./group-dialogs").then((m) => m.GroupFormDialog));
const DeleteGroupDialog = lazyClient(() => import("./group-dialogs").then((m) => m.DeleteGroupDialog));
const GroupSchedules = lazyClient(() => import("./group-schedules").then((m) => m.GroupSchedules));
// The device lists (the group's, and the search to drag from) load beside the data they show,
// which use-groups-page starts fetching at once: not in the page's first load (issue 17).
const GroupDevices = lazyClient(() => import("./group-devices").then((m) => m.GroupDevices), {
  loading: () => (
    <Card className="mt-3 p-4">
      <SkeletonLines lines={8} />
    </Card>
  ),
});
// Shown only while a drag move runs or after it: loads with the first drop.
const MoveBanner = lazyClient(() => import("./move-banner").then((m) => m.MoveBanner));
const BulkAssignDialog = lazyClient(() => import("./bulk-assign-dialog").then((m) => m.BulkAssignDialog));

function countDescendants(n: GroupTreeNode): number {
  return n.children.reduce((s, c) => s + 1 + countDescendants(c), 0);
}

export function GroupsClient({ canWrite, canControl = false }: { canWrite: boolean; canControl?: boolean }) {
  const t = useT("groups");
  const g = useGroupsPage();
  const { productKey, tree, nodes, gid, group, move, dialog, name } = g;

  if (!productKey) {
    if (g.productsError) return <ErrorState error={g.productsError} />;
    return g.productsLoading ? null : <EmptyState title={t("noProduct")} />;
  }

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          canWrite && tree.data && nodes.length === 0 ? (
            <Button
              variant="primary"
              onClick={() => g.openDialog({ kind: "create", parentGid: null, parentName: null })}
              data-testid="create-root"
            >
              {t("createRoot")}
            </Button>
          ) : null
        }
      />
      {!canWrite ? <p className="mb-3 text-xs text-ink-muted">{t("readOnly")}</p> : null}
      {move.state ? (
        <MoveBanner state={move.state} name={name(g.moveTarget)} onUndo={() => void move.undo()} onDismiss={move.dismiss} />
      ) : null}
      <div className="grid gap-3 lg:grid-cols-[18rem_1fr]">
        <Card className="self-start p-2">
          {tree.isLoading ? (
            <SkeletonLines lines={6} />
          ) : tree.error ? (
            <ErrorState error={tree.error} compact onRetry={() => void tree.refetch()} />
          ) : nodes.length === 0 ? (
            <EmptyState compact title={t("treeEmpty")} description={t("rootOnlyOne")} />
          ) : (
            <>
              <GroupTree nodes={nodes} selected={gid} onSelect={g.selectGroup} onDrop={canWrite ? (d) => void move.drop(d) : undefined} />
              {canWrite ? <p className="mt-2 px-1 text-xs text-ink-subtle">{t("dropHint")}</p> : null}
            </>
          )}
        </Card>
        <div className="min-w-0">
          {gid && tree.data && !group ? <EmptyState compact title={t("groupNotFound")} /> : null}
          {!gid ? <EmptyState compact title={t("selectGroup")} /> : null}
          {group ? (
            <GroupDetailCard
              group={group}
              name={name(group)}
              deviceTotal={g.members.data?.total}
              canWrite={canWrite}
              canControl={canControl}
              productKey={productKey}
              onDialog={g.openDialog}
            />
          ) : null}
          <GroupDevices g={g} productKey={productKey} canWrite={canWrite} />
          {group ? <GroupSchedules pk={productKey} gid={group.gid} name={name(group)} canWrite={canControl} /> : null}
        </div>
      </div>
      {dialog?.kind === "create" || dialog?.kind === "edit" ? (
        <GroupFormDialog open onClose={g.closeDialog} productKey={productKey} mode={dialog} onDone={g.groupSaved} />
      ) : null}
      {dialog?.kind === "delete" && group ? (
        <DeleteGroupDialog
          open
          onClose={g.closeDialog}
          productKey={productKey}
          gid={group.gid}
          name={name(group)}
          subgroups={countDescendants(group) > 0 ? group.children.length : 0}
          deviceCount={g.members.data?.total ?? null}
          onDeleted={g.groupDeleted}
        />
      ) : null}
      {dialog?.kind === "bulk" && group ? (
        <BulkAssignDialog
          open
          onClose={g.closeDialog}
          productKey={productKey}
          gid={group.gid}
          groupName={name(group)}
          action={dialog.action}
        />
      ) : null}
    </div>
  );
}
