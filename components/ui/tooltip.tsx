import type { ReactNode } from "react";
import { cn } from "./cn";

/** A hint shown on hover and on keyboard focus (a `title` attribute never shows for keyboard users). */
export function Tooltip({
  content,
  children,
  side = "bottom",
  className,
}: {
  content: ReactNode;
  children: ReactNode;
  side?: "top" | "bottom";
  className?: string;
}) {
  return (
    <span className={cn("group/tt relative inline-flex", className)}>
      {children}
      <span
        role="tooltip"
        className={cn(
          "pointer-events-none invisible absolute left-1/2 z-50 w-max max-w-72 -translate-x-1/2 rounded-md border border-line bg-panel px-2.5 py-1.5 text-xs leading-snug font-normal text-ink opacity-0 shadow-pop transition-opacity delay-150 group-focus-within/tt:visible group-focus-within/tt:opacity-100 group-hover/tt:visible group-hover/tt:opacity-100",
          side === "bottom" ? "top-full mt-1.5" : "bottom-full mb-1.5",
        )}
      >
        {content}
      </span>
    </span>
  );
}
