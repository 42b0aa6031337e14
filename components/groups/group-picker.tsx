"use client";

import { useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { groupOptions } from "@/lib/queries/devices";
import { useT } from "@/components/i18n";
import { Select, type SelectOption } from "@/components/ui/select";

/** Option values that cannot be a gid (gids are alphanumeric), for the list's own status lines. */
const LOADING = ":loading";
const FAILED = ":failed";

/**
 * Picks one group of the product's group tree (indented by depth, console names where set).
 * `value` null = all groups. A gid from the URL that is not in the tree stays selectable, so a
 * shared link still shows what it filters by.
 *
 * `loadOnOpen`: the tree (one upstream call) is asked only when the user shows intent to pick —
 * pointer over the control, focus (keyboard or touch) or a press — or at once when a group is
 * already selected, so its name is shown. Until then the list holds "All groups" (and the selected
 * gid); while the tree loads, and if it fails, a disabled line in the list says so, and the next
 * open asks again. For a page whose first paint should cost no more calls than its own reports.
 */
export function GroupPicker({
  productKey,
  value,
  onChange,
  label,
  loadOnOpen = false,
}: {
  productKey: string;
  value: string | null;
  onChange: (gid: string | null) => void;
  label?: string;
  loadOnOpen?: boolean;
}) {
  const t = useT("devices");
  const id = useId();
  const [wanted, setWanted] = useState(!loadOnOpen);
  const q = useQuery({ ...groupOptions(productKey), enabled: wanted || value !== null });
  const groups = q.data?.groups ?? [];
  const options: SelectOption[] = groups.map((g) => ({ value: g.gid, label: `${"\u2003".repeat(g.depth)}${g.name ?? g.gid}` }));
  if (value && !groups.some((g) => g.gid === value)) options.push({ value, label: value });
  const loading = q.fetchStatus === "fetching" && !q.data;
  if (loadOnOpen && loading) options.push({ value: LOADING, label: t("filterGroupLoading"), disabled: true });
  if (loadOnOpen && q.isError && !loading && !q.data) options.push({ value: FAILED, label: t("filterGroupFailed"), disabled: true });
  const open = loadOnOpen
    ? () => {
        setWanted(true);
        // A failed load is asked again when the user comes back to the list (not while one runs).
        if (q.isError && q.fetchStatus === "idle") void q.refetch();
      }
    : undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-xs text-ink-muted">
        {label ?? t("filterGroup")}
      </label>
      <Select
        id={id}
        value={value ?? ""}
        placeholder={t("filterGroupAny")}
        disabled={!loadOnOpen && q.isError}
        aria-busy={loadOnOpen && loading ? true : undefined}
        onPointerEnter={open}
        onPointerDown={open}
        onFocus={open}
        onChange={(e) => onChange(e.target.value || null)}
        options={options}
      />
    </div>
  );
}
