"use client";

import { Fragment, type MouseEvent, type ReactNode } from "react";
import { useT } from "../i18n";
import { Checkbox } from "./checkbox";
import { cn } from "./cn";
import type { Column, RowProps } from "./data-table";
import { alignClass, hideClass } from "./data-table-styles";
import { IconChevronRight } from "./icons";

const INTERACTIVE = "a,button,input,select,textarea,label,[role=button],[data-no-row-click]";

/**
 * One data row, and its detail row below when expanded. A click on the row (or Enter/Space on
 * the focused row) opens it, unless the click hit a control inside it.
 */
export function DataTableRow<T>({
  row,
  index,
  rowKey: key,
  columns,
  colCount,
  cellPad,
  extra,
  rowClassName,
  active,
  onRowClick,
  selected,
  selectable,
  onToggleSelected,
  expanded,
  onToggleExpanded,
  renderExpanded,
}: {
  row: T;
  index: number;
  rowKey: string;
  columns: readonly Column<T>[];
  colCount: number;
  cellPad: string;
  extra: RowProps;
  rowClassName: string | undefined;
  active: boolean;
  onRowClick?: (row: T, event: MouseEvent<HTMLTableRowElement>) => void;
  /** undefined: the table has no selection column. */
  selected: boolean | undefined;
  selectable: boolean;
  onToggleSelected: (shift: boolean) => void;
  expanded: boolean;
  onToggleExpanded: () => void;
  renderExpanded?: (row: T) => ReactNode;
}) {
  const t = useT("shell");
  const clickable = Boolean(onRowClick);
  const isSelected = selected ?? false;
  return (
    <Fragment>
      <tr
        {...extra}
        data-row-key={key}
        aria-selected={selected}
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
          isSelected ? "bg-accent-soft/60" : active ? "bg-hover" : "hover:bg-hover/70",
          rowClassName,
          extra.className,
        )}
      >
        {renderExpanded ? (
          <td className={cn("border-b border-line pl-2", expanded && "border-b-transparent")}>
            <button
              type="button"
              aria-expanded={expanded}
              aria-label={expanded ? t("collapseRow") : t("expandRow")}
              onClick={onToggleExpanded}
              className="flex h-6 w-6 items-center justify-center rounded text-ink-subtle hover:bg-hover hover:text-ink"
            >
              <IconChevronRight size={14} className={cn("transition-transform", expanded && "rotate-90")} />
            </button>
          </td>
        ) : null}
        {selected !== undefined ? (
          <td className={cn("border-b border-line px-3 align-middle", expanded && "border-b-transparent")}>
            <Checkbox
              className="block"
              aria-label={t("selectRow")}
              checked={isSelected}
              disabled={!selectable}
              // React fires a checkbox's change from its click, so the native event carries shiftKey.
              onChange={(e) => onToggleSelected((e.nativeEvent as { shiftKey?: boolean }).shiftKey === true)}
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
              expanded && "border-b-transparent",
              c.className,
            )}
          >
            {c.cell(row, index)}
          </td>
        ))}
      </tr>
      {expanded && renderExpanded ? (
        <tr data-expanded-for={key}>
          <td colSpan={colCount} className="border-b border-line bg-sunken/60 px-4 py-3">
            {renderExpanded(row)}
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
