"use client";

import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "./cn";
import { useUrlParam } from "./use-url-param";

export interface TabItem {
  value: string;
  label: ReactNode;
  /** A small count after the label (e.g. alerts). */
  count?: number;
  disabled?: boolean;
}

interface TabsBaseProps {
  items: readonly TabItem[];
  className?: string;
  "aria-label"?: string;
  /** id prefix; panels should use id `${idBase}-panel-${value}` and aria-labelledby `${idBase}-tab-${value}`. */
  idBase?: string;
}

/** A tab strip with arrow-key navigation. Controlled: render the panel for `value` yourself. */
export function Tabs({
  items,
  value,
  onValueChange,
  className,
  idBase = "tabs",
  ...aria
}: TabsBaseProps & { value: string; onValueChange: (v: string) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const enabled = items.filter((i) => !i.disabled);
  const onKeyDown = (e: KeyboardEvent) => {
    const idx = enabled.findIndex((i) => i.value === value);
    let next = -1;
    if (e.key === "ArrowRight") next = (idx + 1) % enabled.length;
    else if (e.key === "ArrowLeft") next = (idx - 1 + enabled.length) % enabled.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = enabled.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const target = enabled[next]!;
    onValueChange(target.value);
    refs.current[items.indexOf(target)]?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label={aria["aria-label"]}
      onKeyDown={onKeyDown}
      className={cn("flex items-center gap-1 border-b border-line", className)}
    >
      {items.map((item, i) => {
        const selected = item.value === value;
        return (
          <button
            key={item.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            id={`${idBase}-tab-${item.value}`}
            role="tab"
            type="button"
            aria-selected={selected}
            aria-controls={`${idBase}-panel-${item.value}`}
            tabIndex={selected ? 0 : -1}
            disabled={item.disabled}
            onClick={() => onValueChange(item.value)}
            className={cn(
              "relative -mb-px inline-flex h-9 items-center gap-1.5 border-b-2 px-2.5 text-[13px] font-medium transition-colors disabled:opacity-50",
              selected ? "border-accent text-ink" : "border-transparent text-ink-muted hover:text-ink",
            )}
          >
            {item.label}
            {item.count !== undefined ? (
              <span
                className={cn(
                  "rounded-full px-1.5 text-[11px] tabular",
                  selected ? "bg-accent-soft text-accent" : "bg-sunken text-ink-subtle",
                )}
              >
                {item.count}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}

/** Tabs whose selection lives in a search param (default: `tab`), so a tab can be linked to. */
export function UrlTabs({ param = "tab", ...props }: TabsBaseProps & { param?: string }) {
  const value = useUrlTab(props.items, param);
  const [, setValue] = useUrlParam(param, props.items[0]?.value ?? "");
  return <Tabs {...props} value={value} onValueChange={setValue} />;
}

/** Reads the current value of a UrlTabs strip (for rendering the matching panel). */
export function useUrlTab(items: readonly TabItem[], param = "tab"): string {
  const [value] = useUrlParam(param, items[0]?.value ?? "");
  return items.some((i) => i.value === value) ? value : (items[0]?.value ?? "");
}
