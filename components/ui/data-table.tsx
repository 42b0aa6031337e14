"use client";

import { Fragment, useRef, useState, type HTMLAttributes, type MouseEvent, type ReactNode } from "react";
import { common } from "@/lib/i18n/messages/common";
import { shell } from "@/lib/i18n/messages/shell";
import { useT } from "../i18n";
import { Checkbox } from "./checkbox";
import { cn } from "./cn";
import { EmptyState } from "./empty-state";
import { ErrorState } from "./error-state";
import { IconArrowDown, IconArrowUp, IconChevronRight } from "./icons";
import { Skeleton } from "./skeleton";

export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  /** CSS width (e.g. 120 or "12rem"); columns without one share the rest. */
  width?: number | string;
  align?: "left" | "right" | "center";
  className?: string;
  headerClassName?: string;
  /** Shows a sort button in the header; the table only reports the click (sort on the server or in the caller). */
  sortable?: boolean;
  /** Hidden on narrower screens to keep a laptop view readable. */
  hideBelow?: "md" | "lg" | "xl";
  /** Monospace cell (ids, MACs, keys). */
  mono?: boolean;
}

export type SortState = { by: string; dir: "asc" | "desc" };

export type RowProps = HTMLAttributes<HTMLTableRowElement> & { [k: `data-${string}`]: string | number | boolean | undefined };

export interface DataTableProps<T> {
  columns: readonly Column<T>[];
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  /** First load: skeleton rows. */
  loading?: boolean;
  /** Background refetch with rows on screen: a thin progress bar, rows stay. */
  fetching?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Shown when rows is an empty array. */
  empty?: ReactNode;
  onRowClick?: (row: T, event: MouseEvent<HTMLTableRowElement>) => void;
  /** Highlights the row whose detail is open. */
  activeRowKey?: string | null;
  selection?: {
    selected: ReadonlySet<string>;
    onChange: (next: Set<string>) => void;
    isSelectable?: (row: T) => boolean;
  };
  /** Adds an expand chevron; the returned node renders in a full-width row below. */
  renderExpanded?: (row: T) => ReactNode;
  /** Controlled expansion; uncontrolled when omitted. */
  expanded?: ReadonlySet<string>;
  onExpandedChange?: (next: Set<string>) => void;
  sort?: SortState | null;
  onSortChange?: (sort: SortState) => void;
  /** Extra attributes per row: draggable, onDragStart, data-* for drag-and-drop and tests. */
  rowProps?: (row: T, index: number) => RowProps;
  rowClassName?: (row: T) => string | undefined;
  skeletonRows?: number;
  /** Height limit of the scrolling body (the header sticks inside it); "none" lets the page scroll. */
  maxHeight?: string;
  density?: "compact" | "normal";
  "aria-label"?: string;
  /** Above the table, inside the frame (filters, bulk actions). */
  toolbar?: ReactNode;
  /** Below the table, inside the frame (pagination). */
  footer?: ReactNode;
  className?: string;
}

const alignClass = { left: "text-left", right: "text-right", center: "text-center" };
const hideClass = { md: "hidden md:table-cell", lg: "hidden lg:table-cell", xl: "hidden xl:table-cell" };
const INTERACTIVE = "a,button,input,select,textarea,label,[role=button],[data-no-row-click]";

/**
 * The console's table: sticky header, skeleton rows while loading, empty and error states in
 * place, row click with keyboard support, selection with shift-click ranges, expandable rows.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  loading,
  fetching,
  error,
  onRetry,
  empty,
  onRowClick,
  activeRowKey,
  selection,
  renderExpanded,
  expanded: expandedProp,
  onExpandedChange,
  sort,
  onSortChange,
  rowProps,
  rowClassName,
  skeletonRows = 8,
  maxHeight = "calc(100dvh - 15rem)",
  density = "compact",
  toolbar,
  footer,
  className,
  ...aria
}: DataTableProps<T>) {
  const t = useT(shell);
  const tc = useT(common);
  const [expandedLocal, setExpandedLocal] = useState<Set<string>>(new Set());
  const expanded = expandedProp ?? expandedLocal;
  const setExpanded = (next: Set<string>) => (onExpandedChange ? onExpandedChange(next) : setExpandedLocal(next));
  const lastClicked = useRef<number | null>(null);

  const list = rows ?? [];
  const selectable = selection ? list.filter((r) => selection.isSelectable?.(r) ?? true) : [];
  const selectedOnPage = selection ? selectable.filter((r) => selection.selected.has(rowKey(r))).length : 0;
  const allSelected = selectable.length > 0 && selectedOnPage === selectable.length;
  const colCount = columns.length + (selection ? 1 : 0) + (renderExpanded ? 1 : 0);
  const cellPad = density === "compact" ? "px-3 py-1.5" : "px-3 py-2.5";
  const showSkeleton = loading && list.length === 0 && !error;

  const toggleRow = (row: T, index: number, shift: boolean) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    const key = rowKey(row);
    const on = !next.has(key);
    if (shift && lastClicked.current !== null) {
      const [a, b] = [Math.min(lastClicked.current, index), Math.max(lastClicked.current, index)];
      for (const r of list.slice(a, b + 1)) if (selection.isSelectable?.(r) ?? true) on ? next.add(rowKey(r)) : next.delete(rowKey(r));
    } else if (on) next.add(key);
    else next.delete(key);
    lastClicked.current = index;
    selection.onChange(next);
  };

  const toggleAll = () => {
    if (!selection) return;
    const next = new Set(selection.selected);
    for (const r of selectable) allSelected ? next.delete(rowKey(r)) : next.add(rowKey(r));
    selection.onChange(next);
  };

  const toggleExpanded = (key: string) => {
    const next = new Set(expanded);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setExpanded(next);
  };

  return (
    <div className={cn("relative flex min-w-0 flex-col overflow-hidden rounded-lg border border-line bg-panel shadow-panel", className)}>
      {toolbar ? <div className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2">{toolbar}</div> : null}
      {fetching && !showSkeleton ? (
        <div className="absolute inset-x-0 top-0 z-20 h-0.5 overflow-hidden" aria-hidden="true">
          <div className="h-full w-1/3 animate-[pulse_1s_ease-in-out_infinite] bg-accent" />
        </div>
      ) : null}
      <div className="min-h-0 overflow-auto" style={maxHeight === "none" ? undefined : { maxHeight }}>
        <table
          className="w-full border-separate border-spacing-0 text-[13px]"
          aria-label={aria["aria-label"]}
          aria-busy={loading || fetching || undefined}
        >
          <thead>
            <tr>
              {renderExpanded ? <th scope="col" className="sticky top-0 z-10 w-8 border-b border-line bg-sunken" /> : null}
              {selection ? (
                <th scope="col" className="sticky top-0 z-10 w-9 border-b border-line bg-sunken px-3 align-middle">
                  <Checkbox
                    className="block"
                    aria-label={t("selectAll")}
                    checked={allSelected}
                    indeterminate={selectedOnPage > 0 && !allSelected}
                    disabled={selectable.length === 0}
                    onChange={toggleAll}
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
          <tbody>
            {showSkeleton
              ? Array.from({ length: skeletonRows }, (_, i) => (
                  // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a placeholder row with nothing focusable in it
                  <tr key={`sk-${i}`} aria-hidden="true">
                    {Array.from({ length: colCount }, (_, j) => (
                      <td key={j} className={cn("border-b border-line", cellPad)}>
                        <Skeleton className={cn("h-3.5", j === 0 ? "w-2/3" : j % 3 === 0 ? "w-1/3" : "w-1/2")} />
                      </td>
                    ))}
                  </tr>
                ))
              : null}
            {error && list.length === 0 ? (
              <tr>
                <td colSpan={colCount}>
                  <ErrorState error={error} onRetry={onRetry} compact />
                </td>
              </tr>
            ) : null}
            {!loading && !error && rows && rows.length === 0 ? (
              <tr>
                <td colSpan={colCount}>{empty ?? <EmptyState compact title={tc("empty")} />}</td>
              </tr>
            ) : null}
            {list.map((row, index) => {
              const key = rowKey(row);
              const isSelected = selection?.selected.has(key) ?? false;
              const isExpanded = renderExpanded ? expanded.has(key) : false;
              const extra = rowProps?.(row, index) ?? {};
              const clickable = Boolean(onRowClick);
              return (
                <Fragment key={key}>
                  <tr
                    {...extra}
                    data-row-key={key}
                    aria-selected={selection ? isSelected : undefined}
                    tabIndex={clickable ? 0 : extra.tabIndex}
                    onClick={(e) => {
                      extra.onClick?.(e);
                      if (!onRowClick || (e.target as HTMLElement).closest(INTERACTIVE)) return;
                      onRowClick(row, e);
                    }}
                    onKeyDown={(e) => {
                      extra.onKeyDown?.(e);
                      if (!onRowClick || e.target !== e.currentTarget) return;
                      if (e.key === "Enter" || e.key === " ") {
                        e.preventDefault();
                        onRowClick(row, e as unknown as MouseEvent<HTMLTableRowElement>);
                      }
                    }}
                    className={cn(
                      "group transition-colors",
                      clickable && "cursor-pointer",
                      isSelected ? "bg-accent-soft/60" : activeRowKey === key ? "bg-hover" : "hover:bg-hover/70",
                      rowClassName?.(row),
                      extra.className,
                    )}
                  >
                    {renderExpanded ? (
                      <td className={cn("border-b border-line pl-2", isExpanded && "border-b-transparent")}>
                        <button
                          type="button"
                          aria-expanded={isExpanded}
                          aria-label={isExpanded ? t("collapseRow") : t("expandRow")}
                          onClick={() => toggleExpanded(key)}
                          className="flex h-6 w-6 items-center justify-center rounded text-ink-subtle hover:bg-hover hover:text-ink"
                        >
                          <IconChevronRight size={14} className={cn("transition-transform", isExpanded && "rotate-90")} />
                        </button>
                      </td>
                    ) : null}
                    {selection ? (
                      <td className={cn("border-b border-line px-3 align-middle", isExpanded && "border-b-transparent")}>
                        <Checkbox
                          className="block"
                          aria-label={t("selectRow")}
                          checked={isSelected}
                          disabled={!(selection.isSelectable?.(row) ?? true)}
                          // React fires a checkbox's change from its click, so the native event carries shiftKey.
                          onChange={(e) => toggleRow(row, index, (e.nativeEvent as { shiftKey?: boolean }).shiftKey === true)}
                        />
                      </td>
                    ) : null}
                    {columns.map((c) => (
                      <td
                        key={c.id}
                        className={cn(
                          "border-b border-line align-middle text-ink",
                          cellPad,
                          alignClass[c.align ?? "left"],
                          c.align === "right" && "tabular",
                          c.mono && "font-mono text-xs",
                          c.hideBelow && hideClass[c.hideBelow],
                          isExpanded && "border-b-transparent",
                          c.className,
                        )}
                      >
                        {c.cell(row, index)}
                      </td>
                    ))}
                  </tr>
                  {isExpanded && renderExpanded ? (
                    <tr data-expanded-for={key}>
                      <td colSpan={colCount} className="border-b border-line bg-sunken/60 px-4 py-3">
                        {renderExpanded(row)}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {footer ? <div className="border-t border-line">{footer}</div> : null}
    </div>
  );
}
