"use client";

import { lazyClient } from "@/components/ui/lazy-client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { groupOptions } from "@/lib/queries/devices";
import { searchMacs } from "@/lib/queries/groups";
import { exportCalls, SEARCH_MAX_LIMIT } from "@/lib/plain/devices";
import type { DeviceFilter, DeviceRow } from "@/lib/schemas/devices";
import { MAX_DIDS_PER_BINDING } from "@/lib/plain/users";
import { PagedExportButton } from "@/components/export/paged-export-button";
import { GroupPicker } from "@/components/groups/group-picker";
import { CreateJobButton } from "@/components/jobs/create-job-button";
import { filterValues } from "@/components/jobs/job-filter-values";
import { useFormat, useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useErrorText } from "@/components/ui/error-state";
import type { BindingKind } from "@/components/users/binding-dialog";
import { ExportButton } from "./export-button";

// The flows' dialogs load when a flow opens, not with the page (first-load JS budget, issue 17).
const BulkAssignDialog = lazyClient(() => import("@/components/groups/bulk-assign-dialog").then((m) => m.BulkAssignDialog));
const BindingDialog = lazyClient(() => import("@/components/users/binding-dialog").then((m) => m.BindingDialog));
const UserPickDialog = lazyClient(() => import("@/components/users/user-pick-dialog").then((m) => m.UserPickDialog));

/**
 * What the device list's actions act on: the rows the operator ticked (kept with their data, so
 * they can be exported without another call), or every result of the current search.
 *
 * The seam for further actions (handing a selection to a control job, once the jobs issue lands):
 * an action takes a DeviceSelection — `devices` gives dids and MACs directly, `search` gives the
 * filter to resolve server-side — and renders one more button in SelectionActions.
 */
export type DeviceSelection = { kind: "devices"; devices: readonly DeviceRow[] } | { kind: "search"; filter: DeviceFilter; total: number };

export function selectionCount(s: DeviceSelection): number {
  return s.kind === "devices" ? s.devices.length : s.total;
}

type GroupAction = "assign" | "unassign";

/** Picks the group, reads the MACs of "all results" (one search call per 1000), then runs the chunked assign dialog. */
function GroupActionFlow({
  productKey,
  selection,
  action,
  onClose,
}: {
  productKey: string;
  selection: DeviceSelection;
  action: GroupAction;
  onClose: () => void;
}) {
  const t = useT("devices");
  const f = useFormat();
  const errorText = useErrorText();
  const groups = useQuery(groupOptions(productKey));
  const [gid, setGid] = useState<string | null>(null);
  const [macs, setMacs] = useState<string[] | null>(null);
  const [resolving, setResolving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const group = groups.data?.groups.find((g) => g.gid === gid);
  const groupName = group?.name ?? gid ?? "";
  const count = selectionCount(selection);

  const next = async () => {
    if (!gid) return;
    if (selection.kind === "devices") return setMacs(selection.devices.map((d) => d.mac.toLowerCase()));
    setResolving(true);
    setError(null);
    try {
      setMacs((await searchMacs(productKey, selection.filter)).macs);
    } catch (e) {
      setError(e);
    } finally {
      setResolving(false);
    }
  };

  if (macs && gid) {
    return (
      <BulkAssignDialog open onClose={onClose} productKey={productKey} gid={gid} groupName={groupName} action={action} initialMacs={macs} />
    );
  }
  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!resolving}
      size="sm"
      title={
        action === "assign" ? t("selGroupAssignTitle", { count: f.number(count) }) : t("selGroupUnassignTitle", { count: f.number(count) })
      }
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={resolving}>
            {t("cancel")}
          </Button>
          <Button variant="primary" disabled={!gid} loading={resolving} onClick={() => void next()} data-testid="sel-group-next">
            {t("selContinue")}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-[13px]" data-testid="sel-group-dialog">
        <GroupPicker productKey={productKey} value={gid} onChange={setGid} label={t("selGroupLabel")} />
        {selection.kind === "search" ? (
          <p className="text-ink-muted">
            {t("selResolveCost", { total: f.number(count), calls: f.number(exportCalls(count)), per: f.number(SEARCH_MAX_LIMIT) })}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="text-bad">
            {errorText(error).message}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}

/** Picks the user, then the binding dialog with the selected dids filled in. */
function BindingFlow({
  productKey,
  dids,
  kind,
  onClose,
}: {
  productKey: string;
  dids: readonly string[];
  kind: BindingKind;
  onClose: () => void;
}) {
  const t = useT("devices");
  const f = useFormat();
  const [user, setUser] = useState<{ uid: string; name: string } | null>(null);
  // The selection as it was when the flow opened; a new array per render would reset the binding form.
  const [frozen] = useState(() => [...dids]);
  if (user) {
    return (
      <BindingDialog
        open
        onClose={onClose}
        kind={kind}
        pk={productKey}
        uid={user.uid}
        name={user.name}
        initialDids={frozen}
        preferredAppid={null}
      />
    );
  }
  return (
    <UserPickDialog
      open
      onClose={onClose}
      pk={productKey}
      title={
        kind === "bind" ? t("selBindTitle", { count: f.number(frozen.length) }) : t("selUnbindTitle", { count: f.number(frozen.length) })
      }
      onPick={setUser}
    />
  );
}

/**
 * The actions of the device list's selection bar: to or from a group (the chunked runner), CSV
 * export, bind to or unbind from a user. Write actions need the operator role; binding takes at
 * most MAX_DIDS_PER_BINDING ticked devices (one request, one audit entry).
 */
export function SelectionActions({
  productKey,
  selection,
  canWrite,
  canControl = false,
}: {
  productKey: string;
  selection: DeviceSelection;
  canWrite: boolean;
  /** Ops and admins: a control job over the selection (the dialog loads when opened). */
  canControl?: boolean;
}) {
  const t = useT("devices");
  const tj = useT("jobs-entry");
  const f = useFormat();
  const [open, setOpen] = useState<{ kind: "group"; action: GroupAction } | { kind: "binding"; action: BindingKind } | null>(null);
  const dids = selection.kind === "devices" ? selection.devices.map((d) => d.did) : [];
  const bindable = selection.kind === "devices" && dids.length <= MAX_DIDS_PER_BINDING;
  const bindHint = bindable ? undefined : t("selBindLimit", { max: MAX_DIDS_PER_BINDING });

  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="selection-actions">
      {canControl ? (
        <CreateJobButton
          productKey={productKey}
          source={
            selection.kind === "devices"
              ? { kind: "selection", dids: selection.devices.map((d) => d.did) }
              : { kind: "search", filters: filterValues(selection.filter), total: selection.total }
          }
          label={tj("jobForSelection")}
          title={tj("jobForSelectionHint")}
          testId="sel-job"
        />
      ) : null}
      {canWrite ? (
        <>
          <Button size="sm" variant="secondary" onClick={() => setOpen({ kind: "group", action: "assign" })} data-testid="sel-assign">
            {t("selAssign")}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "group", action: "unassign" })} data-testid="sel-unassign">
            {t("selUnassign")}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={!bindable}
            title={bindHint}
            onClick={() => setOpen({ kind: "binding", action: "bind" })}
            data-testid="sel-bind"
          >
            {t("selBind")}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={!bindable}
            title={bindHint}
            onClick={() => setOpen({ kind: "binding", action: "unbind" })}
            data-testid="sel-unbind"
          >
            {t("selUnbind")}
          </Button>
        </>
      ) : null}
      {selection.kind === "devices" ? (
        <PagedExportButton
          filename={`devices-${productKey}-selected`}
          testId="sel-export"
          label={t("selExport")}
          cost={{ kind: "free" }}
          collect={async () => ({
            items: [...selection.devices],
            pages: 0,
            complete: true,
            stopped: null,
            error: null,
            total: selection.devices.length,
          })}
          toCsv={async (rows) => {
            const [{ toCsv }, { deviceCsvColumns }] = await Promise.all([import("@/lib/csv"), import("@/lib/device-csv")]);
            return toCsv(
              rows,
              deviceCsvColumns(t, (s) => (s === null ? "" : f.dateTime(s * 1000))),
            );
          }}
        />
      ) : (
        <ExportButton
          productKey={productKey}
          filter={selection.filter}
          total={selection.total}
          testId="sel-export"
          label={t("selExport")}
        />
      )}
      {open?.kind === "group" ? (
        <GroupActionFlow productKey={productKey} selection={selection} action={open.action} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === "binding" ? (
        <BindingFlow productKey={productKey} dids={dids} kind={open.action} onClose={() => setOpen(null)} />
      ) : null}
    </div>
  );
}
