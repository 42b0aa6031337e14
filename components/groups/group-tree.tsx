"use client";

import { useState, type DragEvent } from "react";
import type { GroupTreeNode } from "@/lib/schemas/groups";
import { useT } from "@/components/i18n";
import { cn } from "@/components/ui/cn";
import { IconChevronDown, IconChevronRight } from "@/components/ui/icons";

/** dataTransfer types the device table sets on dragged rows (see components/devices/search/device-table.tsx). */
export const MACS_MIME = "application/x-gizwits-macs";
export const FILTER_MIME = "application/x-gizwits-device-filter";

const accepts = (e: DragEvent) => e.dataTransfer.types.includes(MACS_MIME) || e.dataTransfer.types.includes(FILTER_MIME);

export interface TreeDrop {
  gid: string;
  data: DataTransfer;
}

/**
 * The product's groups as an expandable tree (role="tree"); each node is a drop target for
 * dragged device rows when `onDrop` is given.
 */
export function GroupTree({
  nodes,
  selected,
  onSelect,
  onDrop,
}: {
  nodes: readonly GroupTreeNode[];
  selected: string | null;
  onSelect: (gid: string) => void;
  onDrop?: (drop: TreeDrop) => void;
}) {
  const t = useT("groups");
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [over, setOver] = useState<string | null>(null);

  const toggle = (gid: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(gid)) next.delete(gid);
      else next.add(gid);
      return next;
    });

  const render = (list: readonly GroupTreeNode[], depth: number) =>
    list.map((n) => {
      const open = !collapsed.has(n.gid);
      const label = n.name ?? t("unnamed");
      return (
        // biome-ignore lint/a11y/useFocusableInteractive: the row inside the item takes focus and keys
        <li
          key={n.gid}
          role="treeitem"
          aria-expanded={n.children.length ? open : undefined}
          aria-selected={selected === n.gid}
          aria-label={label}
        >
          <div
            data-testid="group-node"
            data-gid={n.gid}
            className={cn(
              "group flex cursor-pointer items-center gap-1 rounded-md py-1 pr-2 text-[13px]",
              selected === n.gid ? "bg-accent-soft font-medium text-ink" : "text-ink-muted hover:bg-sunken",
              over === n.gid && "ring-2 ring-accent",
            )}
            style={{ paddingLeft: `${depth * 16 + 4}px` }}
            onClick={() => onSelect(n.gid)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                onSelect(n.gid);
              }
            }}
            tabIndex={0}
            role="button"
            onDragOver={
              onDrop
                ? (e) => {
                    if (!accepts(e)) return;
                    e.preventDefault();
                    e.dataTransfer.dropEffect = "move";
                    if (over !== n.gid) setOver(n.gid);
                  }
                : undefined
            }
            onDragLeave={onDrop ? () => setOver((o) => (o === n.gid ? null : o)) : undefined}
            onDrop={
              onDrop
                ? (e) => {
                    e.preventDefault();
                    setOver(null);
                    onDrop({ gid: n.gid, data: e.dataTransfer });
                  }
                : undefined
            }
          >
            {n.children.length ? (
              <button
                type="button"
                className="rounded p-0.5 text-ink-subtle hover:text-ink"
                aria-label={label}
                onClick={(e) => {
                  e.stopPropagation();
                  toggle(n.gid);
                }}
              >
                {open ? <IconChevronDown /> : <IconChevronRight />}
              </button>
            ) : (
              <span className="inline-block w-5" />
            )}
            <span className={cn("truncate", !n.name && "italic")}>{label}</span>
            <span className="ml-auto shrink-0 font-mono text-[10px] text-ink-subtle">{n.gid.slice(0, 6)}</span>
          </div>
          {n.children.length && open ? <ul role="group">{render(n.children, depth + 1)}</ul> : null}
        </li>
      );
    });

  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a WAI-ARIA tree built on a list
    <ul role="tree" aria-label={t("treeLabel")} className="space-y-0.5">
      {render(nodes, 0)}
    </ul>
  );
}
