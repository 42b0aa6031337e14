import { forwardRef, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

export const controlClass =
  "h-8 w-full rounded-md border border-line-strong bg-panel px-2.5 text-sm text-ink placeholder:text-ink-subtle shadow-[inset_0_1px_0_rgb(0_0_0/0.02)] transition-colors hover:border-ink-subtle focus-visible:border-accent focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40 disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-bad";

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  /** An icon or text shown inside the left edge (e.g. a search glyph). */
  leading?: ReactNode;
  invalid?: boolean;
}

export const Input = forwardRef<HTMLInputElement, InputProps>(function Input({ className, leading, invalid, ...rest }, ref) {
  const input = <input ref={ref} aria-invalid={invalid || undefined} className={cn(controlClass, leading ? "pl-8" : null, className)} {...rest} />;
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
    return <textarea ref={ref} aria-invalid={invalid || undefined} className={cn(controlClass, "h-auto min-h-20 py-1.5", className)} {...rest} />;
  },
);
