"use client";

import { type ReactNode, useEffect, useState } from "react";
import { useT } from "../i18n";
import { cn } from "./cn";
import { IconAlert, IconCheck, IconInfo, IconX } from "./icons";
import type { ToastItem, ToastTone } from "./toast";

const toneStyle: Record<ToastTone, { icon: ReactNode; cls: string }> = {
  success: { icon: <IconCheck />, cls: "text-ok" },
  error: { icon: <IconAlert />, cls: "text-bad" },
  warning: { icon: <IconAlert />, cls: "text-warn" },
  info: { icon: <IconInfo />, cls: "text-info" },
};

export function Toast({ item, onDismiss }: { item: ToastItem; onDismiss: () => void }) {
  const t = useT("shell");
  const tone = item.tone ?? "info";
  const duration = item.duration ?? (tone === "error" ? 10_000 : 5_000);
  const [hover, setHover] = useState(false);
  useEffect(() => {
    if (duration === 0 || hover) return;
    const h = setTimeout(onDismiss, duration);
    return () => clearTimeout(h);
  }, [duration, hover, onDismiss]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: hovering only pauses the auto-dismiss timer
    <div
      role={tone === "error" ? "alert" : "status"}
      data-tone={tone}
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      className="pointer-events-auto flex items-start gap-2.5 rounded-lg border border-line bg-panel px-3.5 py-3 text-sm shadow-pop"
    >
      <span className={cn("mt-0.5", toneStyle[tone].cls)}>{toneStyle[tone].icon}</span>
      <div className="min-w-0 flex-1">
        <p className="font-medium text-ink">{item.title}</p>
        {item.description ? <p className="mt-0.5 break-words text-[13px] text-ink-muted">{item.description}</p> : null}
      </div>
      <button
        type="button"
        onClick={onDismiss}
        aria-label={t("dismiss")}
        className="rounded p-0.5 text-ink-subtle hover:bg-hover hover:text-ink"
      >
        <IconX size={14} />
      </button>
    </div>
  );
}
