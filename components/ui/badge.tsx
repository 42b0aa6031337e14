import type { HTMLAttributes } from "react";
import { cn, variants } from "./cn";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger" | "info" | "muted";

const badgeVariants = variants("inline-flex items-center gap-1.5 whitespace-nowrap rounded-full border font-medium leading-none", {
  variants: {
    tone: {
      neutral: "border-line-strong bg-sunken text-ink",
      accent: "border-transparent bg-accent-soft text-accent",
      success: "border-transparent bg-ok-soft text-ok",
      warning: "border-transparent bg-warn-soft text-warn",
      danger: "border-transparent bg-bad-soft text-bad",
      info: "border-transparent bg-info-soft text-info",
      muted: "border-line bg-transparent text-ink-subtle",
    },
    size: {
      sm: "h-5 px-1.5 text-[11px]",
      md: "h-6 px-2 text-xs",
    },
  },
  defaults: { tone: "neutral", size: "sm" },
});

const dotColor: Record<BadgeTone, string> = {
  neutral: "bg-ink-subtle",
  accent: "bg-accent",
  success: "bg-ok",
  warning: "bg-warn",
  danger: "bg-bad",
  info: "bg-info",
  muted: "bg-ink-subtle",
};

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone;
  size?: "sm" | "md";
  /** A leading status dot; `pulse` animates it (for live states like "alert"). */
  dot?: boolean | "pulse";
}

export function Badge({ tone = "neutral", size, dot, className, children, ...rest }: BadgeProps) {
  return (
    <span className={badgeVariants({ tone, size, className: cn(className) })} {...rest}>
      {dot ? (
        <span aria-hidden="true" className="relative inline-flex h-1.5 w-1.5">
          {dot === "pulse" ? <span className={cn("absolute inset-0 animate-ping rounded-full opacity-60", dotColor[tone])} /> : null}
          <span className={cn("relative inline-flex h-1.5 w-1.5 rounded-full", dotColor[tone])} />
        </span>
      ) : null}
      {children}
    </span>
  );
}
