"use client";

import { useRef, useState } from "react";

/** What a selection change needs to know about the table's rows. */
export interface SelectionRows<T> {
  rows: readonly T[];
  rowKey: (row: T) => string;
  isSelectable?: (row: T) => boolean;
}

/**
 * The selection after a click on row `index`. A plain click toggles that row; a shift-click sets
 * every selectable row between the previous click (`anchor`) and this one to the clicked row's new
 * state. Keys selected on other pages are kept.
 */
export function toggleRowSelection<T>(
  selected: ReadonlySet<string>,
  { rows, rowKey, isSelectable }: SelectionRows<T>,
  index: number,
  anchor: number | null,
  shift: boolean,
): Set<string> {
  const next = new Set(selected);
  const row = rows[index];
  if (row === undefined) return next;
  const on = !next.has(rowKey(row));
  if (shift && anchor !== null) {
    const [a, b] = [Math.min(anchor, index), Math.max(anchor, index)];
    for (const r of rows.slice(a, b + 1)) {
      if (!(isSelectable?.(r) ?? true)) continue;
      if (on) next.add(rowKey(r));
      else next.delete(rowKey(r));
    }
  } else if (on) next.add(rowKey(row));
  else next.delete(rowKey(row));
  return next;
}

/** The header checkbox: clears the page's selectable rows when all are selected, else selects them all. */
export function toggleAllSelection<T>(selected: ReadonlySet<string>, { rows, rowKey, isSelectable }: SelectionRows<T>): Set<string> {
  const selectable = rows.filter((r) => isSelectable?.(r) ?? true);
  const all = selectable.length > 0 && selectable.every((r) => selected.has(rowKey(r)));
  const next = new Set(selected);
  for (const r of selectable) {
    if (all) next.delete(rowKey(r));
    else next.add(rowKey(r));
  }
  return next;
}

export interface DataTableSelection<T> {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  isSelectable?: (row: T) => boolean;
}

/**
 * The table's state machine: row selection (with the shift-click anchor) and expanded rows
 * (controlled through `expanded`/`onExpandedChange`, or kept here).
 */
export function useDataTable<T>({
  rows,
  rowKey,
  selection,
  expanded: expandedProp,
  onExpandedChange,
}: {
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  selection?: DataTableSelection<T>;
  expanded?: ReadonlySet<string>;
  onExpandedChange?: (next: Set<string>) => void;
}) {
  const [expandedLocal, setExpandedLocal] = useState<Set<string>>(new Set());
  const expanded = expandedProp ?? expandedLocal;
  const setExpanded = (next: Set<string>) => (onExpandedChange ? onExpandedChange(next) : setExpandedLocal(next));
  const lastClicked = useRef<number | null>(null);

  const list = rows ?? [];
  const isSelectable = (row: T) => selection?.isSelectable?.(row) ?? true;
  const selectable = selection ? list.filter(isSelectable) : [];
  const selectedOnPage = selection ? selectable.filter((r) => selection.selected.has(rowKey(r))).length : 0;
  const allSelected = selectable.length > 0 && selectedOnPage === selectable.length;
  const selectionRows: SelectionRows<T> = { rows: list, rowKey, isSelectable: selection?.isSelectable };

  return {
    list,
    isSelectable,
    selectableCount: selectable.length,
    selectedOnPage,
    allSelected,
    expanded,
    toggleRow: (index: number, shift: boolean) => {
      if (!selection) return;
      const next = toggleRowSelection(selection.selected, selectionRows, index, lastClicked.current, shift);
      lastClicked.current = index;
      selection.onChange(next);
    },
    toggleAll: () => {
      if (!selection) return;
      selection.onChange(toggleAllSelection(selection.selected, selectionRows));
    },
    toggleExpanded: (key: string) => {
      const next = new Set(expanded);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      setExpanded(next);
    },
  };
}
