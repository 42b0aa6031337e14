import type { ReactNode } from "react";
import { cn } from "./cn";
import { IconInbox } from "./icons";

export function EmptyState({
  title,
  description,
  icon,
  action,
  compact,
  className,
}: {
  title: ReactNode;
  description?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
  /** Less padding, for inside a table or a small card. */
  compact?: boolean;
  className?: string;
}) {
  return (
    <div
      className={cn("flex flex-col items-center justify-center text-center", compact ? "gap-1.5 px-4 py-8" : "gap-2 px-6 py-14", className)}
    >
      <div className="mb-1 flex h-9 w-9 items-center justify-center rounded-full border border-line bg-sunken text-ink-subtle">
        {icon ?? <IconInbox />}
      </div>
      <p className="text-sm font-medium text-ink">{title}</p>
      {description ? <p className="max-w-sm text-[13px] text-ink-muted">{description}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
