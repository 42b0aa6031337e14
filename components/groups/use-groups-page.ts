"use client";

import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { deviceSearchOptions } from "@/lib/queries/devices";
import { groupDevicesOptions, groupTreeOptions } from "@/lib/queries/groups";
import { parseSearchParams } from "@/lib/plain/devices";
import { findGroup, GROUP_PAGE_SIZES, type GroupTreeNode } from "@/lib/plain/groups";
import type { AllResults } from "@/components/devices/search/device-table";
import { useT } from "@/components/i18n";
import { useProduct } from "@/components/product";
import { useUrlParams } from "@/components/ui/use-url-param";
import { useMove } from "./use-move";

/** The dialog open on the groups page, if any. */
export type GroupsDialog =
  | { kind: "create"; parentGid: string | null; parentName: string | null }
  | { kind: "edit"; gid: string; name: string; description: string }
  | { kind: "delete" }
  | { kind: "bulk"; action: "assign" | "unassign" }
  | null;

export type GroupsTab = "members" | "find";

/**
 * The groups page's state: the selected group, tab, find query and page live in the URL; the
 * open dialog, the device selection (rows or "all results") and a drag move live here. A new
 * group, tab or search clears the selection.
 */
export function useGroupsPage() {
  const t = useT("groups");
  const { productKey, isLoading: productsLoading, error: productsError } = useProduct();
  const { params, set } = useUrlParams();
  const gid = params.get("gid");
  const tab: GroupsTab = params.get("view") === "find" ? "find" : "members";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const pageSizeParam = Number(params.get("page_size"));
  const pageSize = (GROUP_PAGE_SIZES as readonly number[]).includes(pageSizeParam) ? pageSizeParam : 20;
  const findVal = params.get("val") ?? "";
  const [findInput, setFindInput] = useState(findVal);
  const [dialog, setDialog] = useState<GroupsDialog>(null);
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
      parseSearchParams(
        new URLSearchParams({
          ...(findVal ? { val: findVal, type: "mac" } : {}),
          page: String(tab === "find" ? page : 1),
          page_size: String(pageSize),
        }),
      ),
    [findVal, page, pageSize, tab],
  );
  const found = useQuery({ ...deviceSearchOptions(productKey ?? "", searchQuery), enabled: Boolean(productKey) && tab === "find" });

  const name = (g: GroupTreeNode | null) => g?.name ?? t("unnamed");
  const moveTarget = move.state ? findGroup(nodes, move.state.gid) : null;
  const resetSelection = () => {
    setSelected(new Map());
    setAllResults(null);
  };
  const list = tab === "members" ? members : found;
  const rows = tab === "members" ? members.data?.devices : found.data?.devices;
  const total = tab === "members" ? members.data?.total : found.data?.total;
  const pageAllSelected = Boolean(rows?.length) && rows!.every((d) => selected.has(d.did));
  /** Offer "select all N results" once the whole page of a search is ticked and more exist. */
  const canSelectAllResults =
    selected.size > 0 && tab === "find" && !allResults && pageAllSelected && total !== undefined && total > selected.size;

  return {
    productKey,
    productsLoading,
    productsError,
    gid,
    tab,
    page,
    pageSize,
    findInput,
    setFindInput,
    dialog,
    openDialog: setDialog,
    closeDialog: () => setDialog(null),
    selected,
    allResults,
    move,
    tree,
    nodes,
    group,
    members,
    name,
    moveTarget,
    rows,
    total,
    loading: list.isLoading,
    fetching: list.isFetching && !list.isLoading,
    error: list.error,
    retry: () => void (tab === "members" ? members.refetch() : found.refetch()),
    canSelectAllResults,
    selectGroup: (g: string) => {
      resetSelection();
      set({ gid: g, page: null });
    },
    changeTab: (v: string) => {
      resetSelection();
      set({ view: v === "find" ? "find" : null, page: null });
    },
    submitFind: () => {
      resetSelection();
      set({ val: findInput.trim() || null, page: null });
    },
    changeSelection: (next: Map<string, string>) => {
      setSelected(next);
      setAllResults(null);
    },
    selectAllResults: () => {
      if (total !== undefined) setAllResults({ filter: findVal ? { val: findVal, type: "mac" } : {}, total });
    },
    setPage: (p: number) => set({ page: p === 1 ? null : p }),
    setPageSize: (s: number) => set({ page_size: s, page: null }),
    /** After a create or rename: show that group. */
    groupSaved: (g: string) => {
      setDialog(null);
      set({ gid: g, page: null });
    },
    groupDeleted: () => {
      setDialog(null);
      set({ gid: null, page: null });
    },
  };
}

export type GroupsPage = ReturnType<typeof useGroupsPage>;
