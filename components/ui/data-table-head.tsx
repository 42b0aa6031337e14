"use client";

import { useT } from "../i18n";
import { Checkbox } from "./checkbox";
import { cn } from "./cn";
import type { Column, SortState } from "./data-table";
import { alignClass, hideClass } from "./data-table-styles";
import { IconArrowDown, IconArrowUp } from "./icons";

/** The sticky header row: expand and select-all columns when present, sort buttons on sortable columns. */
export function DataTableHead<T>({
  columns,
  expandable,
  selectAll,
  sort,
  onSortChange,
}: {
  columns: readonly Column<T>[];
  expandable: boolean;
  selectAll: { checked: boolean; indeterminate: boolean; disabled: boolean; onChange: () => void } | null;
  sort?: SortState | null;
  onSortChange?: (sort: SortState) => void;
}) {
  const t = useT("shell");
  return (
    <thead>
      <tr>
        {expandable ? <th scope="col" className="sticky top-0 z-10 w-8 border-b border-line bg-sunken" /> : null}
        {selectAll ? (
          <th scope="col" className="sticky top-0 z-10 w-9 border-b border-line bg-sunken px-3 align-middle">
            <Checkbox
              className="block"
              aria-label={t("selectAll")}
              checked={selectAll.checked}
              indeterminate={selectAll.indeterminate}
              disabled={selectAll.disabled}
              onChange={selectAll.onChange}
            />
          </th>
        ) : null}
        {columns.map((c) => {
          const sorted = sort?.by === c.id ? sort.dir : null;
          return (
            <th
              key={c.id}
              scope="col"
              aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
              style={c.width !== undefined ? { width: c.width } : undefined}
              className={cn(
                "sticky top-0 z-10 whitespace-nowrap border-b border-line bg-sunken px-3 py-2 text-xs font-medium text-ink-muted",
                alignClass[c.align ?? "left"],
                c.hideBelow && hideClass[c.hideBelow],
                c.headerClassName,
              )}
            >
              {c.sortable && onSortChange ? (
                <button
                  type="button"
                  onClick={() => onSortChange({ by: c.id, dir: sorted === "asc" ? "desc" : "asc" })}
                  className={cn("inline-flex items-center gap-1 rounded hover:text-ink", sorted && "text-ink")}
                >
                  {c.header}
                  {sorted === "asc" ? (
                    <IconArrowUp size={12} aria-label={t("sortAsc")} />
                  ) : sorted === "desc" ? (
                    <IconArrowDown size={12} aria-label={t("sortDesc")} />
                  ) : (
                    <IconArrowDown size={12} className="opacity-0" />
                  )}
                </button>
              ) : (
                c.header
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
