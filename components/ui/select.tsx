import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClass, controlSize, type ControlSize } from "./input";

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "children" | "size"> {
  size?: ControlSize;
  options: readonly SelectOption[];
  /** Adds a first option with value "" (e.g. "All"). */
  placeholder?: string;
  invalid?: boolean;
}

/**
 * A native select: keyboard, mobile and screen-reader behaviour for free. It fills its container;
 * `className` goes on the wrapper (use it for margins, not width).
 */
export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select(
  { options, placeholder, invalid, className, size = "md", ...rest },
  ref,
) {
  return (
    <span className={cn("relative flex w-full", className)}>
      <select
        ref={ref}
        aria-invalid={invalid || undefined}
        className={cn(controlClass, controlSize[size], "appearance-none truncate pr-7")}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      <svg
        aria-hidden="true"
        viewBox="0 0 16 16"
        width="14"
        height="14"
        className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 text-ink-subtle"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      >
        <path d="m4 6 4 4 4-4" />
      </svg>
    </span>
  );
});
