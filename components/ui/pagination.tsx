"use client";

import { useFormat, useT } from "../i18n";
import { Button } from "./button";
import { cn } from "./cn";
import { IconChevronLeft, IconChevronRight, IconChevronsLeft, IconChevronsRight } from "./icons";

export interface PaginationProps {
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Known total; omit for cursor-style lists and pass `hasNext` instead. */
  total?: number;
  hasNext?: boolean;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (size: number) => void;
  pageSizes?: readonly number[];
  className?: string;
}

export function Pagination({
  page,
  pageSize,
  total,
  hasNext,
  onPageChange,
  onPageSizeChange,
  pageSizes = [20, 50, 100],
  className,
}: PaginationProps) {
  const t = useT("shell");
  const tc = useT("common");
  const f = useFormat();
  const pages = total !== undefined ? Math.max(1, Math.ceil(total / pageSize)) : undefined;
  const canNext = pages !== undefined ? page < pages : Boolean(hasNext);
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = total !== undefined ? Math.min(total, page * pageSize) : page * pageSize;
  return (
    <nav
      aria-label={tc("pageOf", { page, pages: pages ?? "…" })}
      className={cn("flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-[13px] text-ink-muted", className)}
    >
      <div className="flex items-center gap-3">
        {total !== undefined ? (
          <span className="tabular" data-testid="pagination-range">
            {t("rangeOf", { from: f.number(from), to: f.number(to), total: f.number(total) })}
          </span>
        ) : null}
        {onPageSizeChange ? (
          <label className="flex items-center gap-1.5">
            <span>{t("rowsPerPage")}</span>
            <select
              value={pageSize}
              onChange={(e) => onPageSizeChange(Number(e.target.value))}
              className="h-7 rounded-md border border-line-strong bg-panel px-1.5 text-[13px] text-ink"
            >
              {pageSizes.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <div className="flex items-center gap-1">
        {pages !== undefined ? (
          <Button variant="ghost" size="icon-sm" aria-label={t("firstPage")} disabled={page <= 1} onClick={() => onPageChange(1)}>
            <IconChevronsLeft />
          </Button>
        ) : null}
        <Button variant="ghost" size="icon-sm" aria-label={tc("previous")} disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          <IconChevronLeft />
        </Button>
        <span className="min-w-20 text-center tabular">{pages !== undefined ? tc("pageOf", { page, pages }) : page}</span>
        <Button variant="ghost" size="icon-sm" aria-label={tc("next")} disabled={!canNext} onClick={() => onPageChange(page + 1)}>
          <IconChevronRight />
        </Button>
        {pages !== undefined ? (
          <Button variant="ghost" size="icon-sm" aria-label={t("lastPage")} disabled={page >= pages} onClick={() => onPageChange(pages)}>
            <IconChevronsRight />
          </Button>
        ) : null}
      </div>
    </nav>
  );
}
