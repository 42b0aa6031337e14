"use client";

import { useEffect, useState, type ComponentProps } from "react";
import { Input } from "@/components/ui/input";

/** A text filter that writes to the URL when typing pauses, not on every key. */
export function DebouncedInput({
  value,
  onCommit,
  ...rest
}: { value: string; onCommit: (v: string) => void } & Omit<ComponentProps<typeof Input>, "value" | "onChange">) {
  const [local, setLocal] = useState(value);
  useEffect(() => setLocal(value), [value]);
  useEffect(() => {
    if (local.trim() === value) return;
    const h = setTimeout(() => onCommit(local.trim()), 350);
    return () => clearTimeout(h);
  }, [local, value, onCommit]);
  return (
    <Input
      {...rest}
      value={local}
      onChange={(e) => setLocal(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") onCommit(local.trim());
      }}
    />
  );
}
