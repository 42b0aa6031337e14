"use client";

import { useId } from "react";
import { useQuery } from "@tanstack/react-query";
import { groupOptions } from "@/lib/queries/devices";
import { useT } from "@/components/i18n";
import { Select } from "@/components/ui/select";

/**
 * Picks one group of the product's group tree (indented by depth, console names where set).
 * `value` null = all groups. A gid from the URL that is not in the tree stays selectable, so a
 * shared link still shows what it filters by.
 */
export function GroupPicker({
  productKey,
  value,
  onChange,
  label,
}: {
  productKey: string;
  value: string | null;
  onChange: (gid: string | null) => void;
  label?: string;
}) {
  const t = useT("devices");
  const id = useId();
  const q = useQuery(groupOptions(productKey));
  const groups = q.data?.groups ?? [];
  const options = groups.map((g) => ({ value: g.gid, label: `${"\u2003".repeat(g.depth)}${g.name ?? g.gid}` }));
  if (value && !groups.some((g) => g.gid === value)) options.push({ value, label: value });
  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-xs text-ink-muted">
        {label ?? t("filterGroup")}
      </label>
      <Select
        id={id}
        value={value ?? ""}
        placeholder={t("filterGroupAny")}
        disabled={q.isError}
        onChange={(e) => onChange(e.target.value || null)}
        options={options}
      />
    </div>
  );
}
