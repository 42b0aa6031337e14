"use client";

import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { groups as messages } from "@/lib/i18n/messages/groups";
import { deviceSearchOptions } from "@/lib/queries/devices";
import { groupDevicesOptions, groupTreeOptions } from "@/lib/queries/groups";
import { deviceSearchQuerySchema } from "@/lib/schemas/devices";
import { findGroup, GROUP_PAGE_SIZES, type GroupTreeNode } from "@/lib/schemas/groups";
import { DeviceTable, type AllResults } from "@/components/devices/search/device-table";
import { useFormat, useT } from "@/components/i18n";
import { useProduct } from "@/components/product";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SkeletonLines } from "@/components/ui/skeleton";
import { Tabs } from "@/components/ui/tabs";
import { useUrlParams } from "@/components/ui/use-url-param";
import { outcomeReason, BulkAssignDialog } from "./bulk-assign-dialog";
import { DeleteGroupDialog, GroupFormDialog } from "./group-dialogs";
import { GroupTree } from "./group-tree";
import { useMove, type MoveState } from "./use-move";

type Dialogs =
  | { kind: "create"; parentGid: string | null; parentName: string | null }
  | { kind: "edit"; gid: string; name: string; description: string }
  | { kind: "delete" }
  | { kind: "bulk"; action: "assign" | "unassign" }
  | null;

function MoveBanner({ state, name, onUndo, onDismiss }: { state: MoveState; name: string; onUndo: () => void; onDismiss: () => void }) {
  const t = useT(messages);
  const f = useFormat();
  const failed = state.outcomes.filter((o) => !o.ok);
  return (
    <div
      className="mb-3 rounded-lg border border-line bg-panel px-3 py-2 text-[13px] shadow-panel"
      role="status"
      data-testid="move-banner"
      data-phase={state.phase}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span>
          {state.phase === "resolving" && t("resolving")}
          {state.phase === "moving" && t("moving", { count: f.number(state.count), name })}
          {(state.phase === "moved" || state.phase === "undoing") && t("moved", { ok: f.number(state.previous.size), name })}
          {state.phase === "moved" && failed.length ? ` ${t("movedFailed", { failed: f.number(failed.length) })}` : ""}
          {state.phase === "undone" && t("undone", { count: f.number(state.previous.size - state.undoFailed) })}
          {state.phase === "undone" && state.undoFailed ? ` ${t("undoFailed", { count: state.undoFailed })}` : ""}
          {state.phase === "error" && state.error}
        </span>
        <span className="ml-auto flex gap-1">
          {state.phase === "moved" || state.phase === "undoing" ? (
            <Button
              size="xs"
              onClick={onUndo}
              loading={state.phase === "undoing"}
              disabled={state.previous.size === 0}
              data-testid="move-undo"
            >
              {t("undo")}
            </Button>
          ) : null}
          {state.phase !== "moving" && state.phase !== "resolving" && state.phase !== "undoing" ? (
            <Button size="xs" variant="ghost" onClick={onDismiss}>
              {t("dismiss")}
            </Button>
          ) : null}
        </span>
      </div>
      {state.phase === "moved" && failed.length ? (
        <ul className="mt-1 max-h-28 overflow-auto font-mono text-xs text-bad">
          {failed.slice(0, 100).map((o) => (
            <li key={o.mac}>
              {o.mac} — {outcomeReason(o, t)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function countDescendants(n: GroupTreeNode): number {
  return n.children.reduce((s, c) => s + 1 + countDescendants(c), 0);
}

export function GroupsClient({ canWrite }: { canWrite: boolean }) {
  const t = useT(messages);
  const f = useFormat();
  const { productKey, isLoading: productsLoading, error: productsError } = useProduct();
  const { params, set } = useUrlParams();
  const gid = params.get("gid");
  const tab = params.get("view") === "find" ? "find" : "members";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const pageSizeParam = Number(params.get("page_size"));
  const pageSize = (GROUP_PAGE_SIZES as readonly number[]).includes(pageSizeParam) ? pageSizeParam : 20;
  const findVal = params.get("val") ?? "";
  const [findInput, setFindInput] = useState(findVal);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [allResults, setAllResults] = useState<AllResults | null>(null);
  const move = useMove(productKey ?? "");

  const tree = useQuery({ ...groupTreeOptions(productKey ?? ""), enabled: Boolean(productKey) });
  const nodes = useMemo(() => tree.data?.groups ?? [], [tree.data]);
  const group = gid ? findGroup(nodes, gid) : null;
  const members = useQuery({
    ...groupDevicesOptions(productKey ?? "", gid ?? "", page, pageSize),
    enabled: Boolean(productKey && gid && group && tab === "members"),
  });
  const searchQuery = useMemo(
    () =>
      deviceSearchQuerySchema.parse({
        ...(findVal ? { val: findVal, type: "mac" } : {}),
        page: tab === "find" ? page : 1,
        page_size: pageSize,
      }),
    [findVal, page, pageSize, tab],
  );
  const found = useQuery({ ...deviceSearchOptions(productKey ?? "", searchQuery), enabled: Boolean(productKey) && tab === "find" });

  if (!productKey) {
    if (productsError) return <ErrorState error={productsError} />;
    return productsLoading ? null : <EmptyState title={t("noProduct")} />;
  }

  const name = (g: GroupTreeNode | null) => g?.name ?? t("unnamed");
  const moveTarget = move.state ? findGroup(nodes, move.state.gid) : null;
  const resetSelection = () => {
    setSelected(new Map());
    setAllResults(null);
  };
  const rows = tab === "members" ? members.data?.devices : found.data?.devices;
  const total = tab === "members" ? members.data?.total : found.data?.total;
  const pageAllSelected = Boolean(rows?.length) && rows!.every((d) => selected.has(d.did));

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          canWrite && tree.data && nodes.length === 0 ? (
            <Button
              variant="primary"
              onClick={() => setDialog({ kind: "create", parentGid: null, parentName: null })}
              data-testid="create-root"
            >
              {t("createRoot")}
            </Button>
          ) : null
        }
      />
      {!canWrite ? <p className="mb-3 text-xs text-ink-muted">{t("readOnly")}</p> : null}
      {move.state ? (
        <MoveBanner state={move.state} name={name(moveTarget)} onUndo={() => void move.undo()} onDismiss={move.dismiss} />
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
              <GroupTree
                nodes={nodes}
                selected={gid}
                onSelect={(g) => {
                  resetSelection();
                  set({ gid: g, page: null });
                }}
                onDrop={canWrite ? (d) => void move.drop(d) : undefined}
              />
              {canWrite ? <p className="mt-2 px-1 text-xs text-ink-subtle">{t("dropHint")}</p> : null}
            </>
          )}
        </Card>
        <div className="min-w-0">
          {gid && tree.data && !group ? <EmptyState compact title={t("groupNotFound")} /> : null}
          {!gid ? <EmptyState compact title={t("selectGroup")} /> : null}
          {group ? (
            <Card className="mb-3 p-3" data-testid="group-detail">
              <div className="flex flex-wrap items-start gap-2">
                <div className="min-w-0">
                  <h2 className="text-base font-semibold text-ink" data-testid="group-name">
                    {name(group)}
                  </h2>
                  {group.description ? <p className="text-[13px] text-ink-muted">{group.description}</p> : null}
                  <p className="mt-1 text-xs text-ink-subtle">
                    {t("gid")}: <span className="font-mono">{group.gid}</span> · {t("subgroups")}: {group.children.length} ·{" "}
                    {t("devicesCount")}: <span data-testid="group-device-count">{members.data ? f.number(members.data.total) : "…"}</span>
                  </p>
                </div>
                {canWrite ? (
                  <div className="ml-auto flex flex-wrap gap-1">
                    <Button
                      size="sm"
                      onClick={() => setDialog({ kind: "create", parentGid: group.gid, parentName: name(group) })}
                      data-testid="add-child"
                    >
                      {t("addChild")}
                    </Button>
                    <Button
                      size="sm"
                      onClick={() => setDialog({ kind: "edit", gid: group.gid, name: group.name ?? "", description: group.description })}
                      data-testid="rename"
                    >
                      {t("rename")}
                    </Button>
                    <Button size="sm" onClick={() => setDialog({ kind: "bulk", action: "assign" })} data-testid="bulk-assign">
                      {t("assign")}
                    </Button>
                    <Button size="sm" onClick={() => setDialog({ kind: "bulk", action: "unassign" })} data-testid="bulk-unassign">
                      {t("unassign")}
                    </Button>
                    <Button size="sm" variant="danger-ghost" onClick={() => setDialog({ kind: "delete" })} data-testid="delete-group">
                      {t("delete")}
                    </Button>
                  </div>
                ) : null}
              </div>
            </Card>
          ) : null}
          <Tabs
            items={[
              { value: "members", label: t("groupDevices"), disabled: !group },
              { value: "find", label: t("findDevices") },
            ]}
            value={tab}
            onValueChange={(v) => {
              resetSelection();
              set({ view: v === "find" ? "find" : null, page: null });
            }}
          />
          {tab === "find" ? (
            <form
              className="my-2 flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                resetSelection();
                set({ val: findInput.trim() || null, page: null });
              }}
            >
              <Input
                value={findInput}
                onChange={(e) => setFindInput(e.target.value)}
                placeholder={t("findPlaceholder")}
                aria-label={t("findPlaceholder")}
                className="max-w-xs"
              />
              <Button type="submit">{t("findDevices")}</Button>
            </form>
          ) : null}
          {tab === "members" && !group ? null : (
            <div className="mt-2">
              <DeviceTable
                productKey={productKey}
                rows={rows}
                loading={tab === "members" ? members.isLoading : found.isLoading}
                fetching={tab === "members" ? members.isFetching && !members.isLoading : found.isFetching && !found.isLoading}
                error={tab === "members" ? members.error : found.error}
                onRetry={() => void (tab === "members" ? members.refetch() : found.refetch())}
                empty={<EmptyState compact title={t("noDevices")} />}
                selected={canWrite ? selected : undefined}
                onSelectedChange={
                  canWrite
                    ? (next) => {
                        setSelected(next);
                        setAllResults(null);
                      }
                    : undefined
                }
                allResults={allResults}
                toolbar={
                  selected.size > 0 && tab === "find" && !allResults && pageAllSelected && total !== undefined && total > selected.size ? (
                    <Button
                      variant="link"
                      size="sm"
                      data-testid="select-all-results"
                      onClick={() => setAllResults({ filter: findVal ? { val: findVal, type: "mac" } : {}, total })}
                    >
                      {t("selectAllResults", { total: f.number(total) })}
                    </Button>
                  ) : null
                }
                footer={
                  total !== undefined && total > 0 ? (
                    <Pagination
                      page={page}
                      pageSize={pageSize}
                      total={total}
                      pageSizes={GROUP_PAGE_SIZES}
                      onPageChange={(p) => set({ page: p === 1 ? null : p })}
                      onPageSizeChange={(s) => set({ page_size: s, page: null })}
                    />
                  ) : null
                }
              />
              {tab === "members" && members.data?.withoutStatus.length ? (
                <p className="mt-2 break-all text-xs text-ink-muted">
                  {t("withoutStatus", { count: members.data.withoutStatus.length })}{" "}
                  <span className="font-mono">{members.data.withoutStatus.join(", ")}</span>
                </p>
              ) : null}
            </div>
          )}
        </div>
      </div>
      {dialog?.kind === "create" || dialog?.kind === "edit" ? (
        <GroupFormDialog
          open
          onClose={() => setDialog(null)}
          productKey={productKey}
          mode={dialog}
          onDone={(g) => {
            setDialog(null);
            set({ gid: g, page: null });
          }}
        />
      ) : null}
      {dialog?.kind === "delete" && group ? (
        <DeleteGroupDialog
          open
          onClose={() => setDialog(null)}
          productKey={productKey}
          gid={group.gid}
          name={name(group)}
          subgroups={countDescendants(group) > 0 ? group.children.length : 0}
          deviceCount={members.data?.total ?? null}
          onDeleted={() => {
            setDialog(null);
            set({ gid: null, page: null });
          }}
        />
      ) : null}
      {dialog?.kind === "bulk" && group ? (
        <BulkAssignDialog
          open
          onClose={() => setDialog(null)}
          productKey={productKey}
          gid={group.gid}
          groupName={name(group)}
          action={dialog.action}
        />
      ) : null}
    </div>
  );
}
