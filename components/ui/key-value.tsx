import type { ReactNode } from "react";
import { cn } from "./cn";

export interface KeyValueItem {
  label: ReactNode;
  value: ReactNode;
  /** Renders the value in the monospace face (ids, MACs, keys). */
  mono?: boolean;
}

/** A definition list for detail panes: label left, value right; 1–3 columns. */
export function KeyValueList({
  items,
  columns = 1,
  className,
}: {
  items: readonly KeyValueItem[];
  columns?: 1 | 2 | 3;
  className?: string;
}) {
  return (
    <dl
      className={cn(
        "grid gap-x-6 gap-y-2 text-[13px]",
        columns === 2 && "sm:grid-cols-2",
        columns === 3 && "sm:grid-cols-2 lg:grid-cols-3",
        className,
      )}
    >
      {items.map((it, i) => (
        <div key={i} className="flex min-w-0 items-baseline justify-between gap-3 border-b border-dashed border-line pb-1.5">
          <dt className="shrink-0 text-ink-muted">{it.label}</dt>
          <dd
            title={typeof it.value === "string" || typeof it.value === "number" ? String(it.value) : undefined}
            className={cn("min-w-0 truncate text-right text-ink", it.mono && "font-mono text-xs")}
          >
            {it.value ?? "—"}
          </dd>
        </div>
      ))}
    </dl>
  );
}
