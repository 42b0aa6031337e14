"use client";

import type { HTMLAttributes, MouseEvent, ReactNode } from "react";
import { useT } from "../i18n";
import { cn } from "./cn";
import { DataTableHead } from "./data-table-head";
import { DataTableRow } from "./data-table-row";
import { EmptyState } from "./empty-state";
import { ErrorState } from "./lazy-error-state";
import { Skeleton } from "./skeleton";
import { useDataTable, type DataTableSelection } from "./use-data-table";

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
  selection?: DataTableSelection<T>;
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

/** Skeleton rows on first load, the error in place of rows, or the empty state. */
function StateRows({
  showSkeleton,
  skeletonRows,
  colCount,
  cellPad,
  error,
  onRetry,
  showError,
  showEmpty,
  empty,
}: {
  showSkeleton: boolean;
  skeletonRows: number;
  colCount: number;
  cellPad: string;
  error: unknown;
  onRetry?: () => void;
  showError: boolean;
  showEmpty: boolean;
  empty?: ReactNode;
}) {
  const tc = useT("common");
  return (
    <>
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
      {showError ? (
        <tr>
          <td colSpan={colCount}>
            <ErrorState error={error} onRetry={onRetry} compact />
          </td>
        </tr>
      ) : null}
      {showEmpty ? (
        <tr>
          <td colSpan={colCount}>{empty ?? <EmptyState compact title={tc("empty")} />}</td>
        </tr>
      ) : null}
    </>
  );
}

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
  const table = useDataTable({ rows, rowKey, selection, expanded: expandedProp, onExpandedChange });
  const { list } = table;
  const colCount = columns.length + (selection ? 1 : 0) + (renderExpanded ? 1 : 0);
  const cellPad = density === "compact" ? "px-3 py-1.5" : "px-3 py-2.5";
  const showSkeleton = Boolean(loading && list.length === 0 && !error);

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
          <DataTableHead
            columns={columns}
            expandable={Boolean(renderExpanded)}
            selectAll={
              selection
                ? {
                    checked: table.allSelected,
                    indeterminate: table.selectedOnPage > 0 && !table.allSelected,
                    disabled: table.selectableCount === 0,
                    onChange: table.toggleAll,
                  }
                : null
            }
            sort={sort}
            onSortChange={onSortChange}
          />
          <tbody>
            <StateRows
              showSkeleton={showSkeleton}
              skeletonRows={skeletonRows}
              colCount={colCount}
              cellPad={cellPad}
              error={error}
              onRetry={onRetry}
              showError={Boolean(error) && list.length === 0}
              showEmpty={!loading && !error && rows !== undefined && rows.length === 0}
              empty={empty}
            />
            {list.map((row, index) => {
              const key = rowKey(row);
              return (
                <DataTableRow
                  key={key}
                  row={row}
                  index={index}
                  rowKey={key}
                  columns={columns}
                  colCount={colCount}
                  cellPad={cellPad}
                  extra={rowProps?.(row, index) ?? {}}
                  rowClassName={rowClassName?.(row)}
                  active={activeRowKey === key}
                  onRowClick={onRowClick}
                  selected={selection ? selection.selected.has(key) : undefined}
                  selectable={table.isSelectable(row)}
                  onToggleSelected={(shift) => table.toggleRow(index, shift)}
                  expanded={renderExpanded ? table.expanded.has(key) : false}
                  onToggleExpanded={() => table.toggleExpanded(key)}
                  renderExpanded={renderExpanded}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      {footer ? <div className="border-t border-line">{footer}</div> : null}
    </div>
  );
}
