import { forwardRef, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

/**
 * Shared look of text inputs and selects. Height comes from `controlSize`; width is always the
 * container's (there is no class merging, so size a control by wrapping it, not via className).
 */
export const controlClass =
  "w-full rounded-md border border-line-strong bg-panel px-2.5 text-ink placeholder:text-ink-subtle shadow-[inset_0_1px_0_rgb(0_0_0/0.02)] transition-colors hover:border-ink-subtle focus-visible:border-accent focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40 disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-bad";

export type ControlSize = "sm" | "md";
export const controlSize: Record<ControlSize, string> = { sm: "h-7 text-[13px]", md: "h-8 text-sm" };

export interface InputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "size"> {
  /** sm = 28 px (toolbars, table cells), md = 32 px (forms). */
  size?: ControlSize;
  /** An icon or text shown inside the left edge (e.g. a search glyph). */
  leading?: ReactNode;
  invalid?: boolean;
}

export const Input = forwardRef<HTMLInputElement, InputProps>(function Input({ className, leading, invalid, size = "md", ...rest }, ref) {
  const input = (
    <input
      ref={ref}
      aria-invalid={invalid || undefined}
      className={cn(controlClass, controlSize[size], leading ? "pl-8" : null, className)}
      {...rest}
    />
  );
  if (!leading) return input;
  return (
    <span className="relative block w-full">
      <span className="pointer-events-none absolute inset-y-0 left-2.5 flex items-center text-ink-subtle">{leading}</span>
      {input}
    </span>
  );
});

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }>(
  function Textarea({ className, invalid, ...rest }, ref) {
    return (
      <textarea
        ref={ref}
        aria-invalid={invalid || undefined}
        className={cn(controlClass, "min-h-20 py-1.5 text-sm", className)}
        {...rest}
      />
    );
  },
);
