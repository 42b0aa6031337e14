import type { ReactNode } from "react";
import { cn } from "./cn";

/** A hint shown on hover and on keyboard focus (a `title` attribute never shows for keyboard users). */
export function Tooltip({
  content,
  children,
  side = "bottom",
  align = "center",
  className,
}: {
  content: ReactNode;
  children: ReactNode;
  side?: "top" | "bottom";
  /** "end" for triggers near the right edge, so the hint opens leftwards inside the page. */
  align?: "center" | "end";
  className?: string;
}) {
  return (
    <span className={cn("group/tt relative inline-flex", className)}>
      {children}
      <span
        role="tooltip"
        className={cn(
          // Hidden, not merely invisible: an unshown hint must not widen the page (it overflowed /audit).
          "pointer-events-none absolute z-50 hidden w-max max-w-72 rounded-md border border-line bg-panel px-2.5 py-1.5 text-xs leading-snug font-normal text-ink shadow-pop group-focus-within/tt:block group-hover/tt:block",
          align === "end" ? "right-0" : "left-1/2 -translate-x-1/2",
          side === "bottom" ? "top-full mt-1.5" : "bottom-full mb-1.5",
        )}
      >
        {content}
      </span>
    </span>
  );
}
