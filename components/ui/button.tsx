import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cn, variants } from "./cn";
import { Spinner } from "./spinner";

export const buttonVariants = variants(
  "inline-flex shrink-0 select-none items-center justify-center gap-1.5 whitespace-nowrap rounded-md border font-medium transition-colors focus-visible:outline-2 disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50",
  {
    variants: {
      variant: {
        primary: "border-transparent bg-accent text-accent-ink shadow-panel hover:bg-accent-hover",
        secondary: "border-line-strong bg-panel text-ink shadow-panel hover:bg-hover",
        ghost: "border-transparent bg-transparent text-ink-muted hover:bg-hover hover:text-ink",
        danger: "border-transparent bg-bad text-white shadow-panel hover:opacity-90 dark:text-[#1a0b0b]",
        "danger-ghost": "border-transparent bg-transparent text-bad hover:bg-bad-soft",
        link: "border-transparent bg-transparent px-0 text-accent underline-offset-2 hover:underline",
      },
      size: {
        xs: "h-6 px-2 text-xs",
        sm: "h-7 px-2.5 text-[13px]",
        md: "h-8 px-3 text-sm",
        lg: "h-10 px-4 text-sm",
        icon: "h-8 w-8 p-0",
        "icon-sm": "h-7 w-7 p-0",
      },
    },
    defaults: { variant: "secondary", size: "md" },
  },
);

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger" | "danger-ghost" | "link";
export type ButtonSize = "xs" | "sm" | "md" | "lg" | "icon" | "icon-sm";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner and blocks clicks, e.g. while a mutation is in flight. */
  loading?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant, size, loading, disabled, className, children, type = "button", ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonVariants({ variant, size, className: cn(className) })}
      {...rest}
    >
      {loading ? <Spinner size={14} /> : null}
      {children}
    </button>
  );
});
