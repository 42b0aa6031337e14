"use client";

import type { shell } from "@/lib/i18n/messages/shell";
import { useT } from "../i18n";
import { Badge, type BadgeTone } from "./badge";

export type DeviceStatus = "online" | "offline" | "fault" | "alert" | "disabled" | "active" | "unknown";

const STATUS: Record<DeviceStatus, { tone: BadgeTone; key: keyof typeof shell.en; dot: boolean | "pulse" }> = {
  online: { tone: "success", key: "statusOnline", dot: true },
  offline: { tone: "muted", key: "statusOffline", dot: true },
  fault: { tone: "danger", key: "statusFault", dot: "pulse" },
  alert: { tone: "warning", key: "statusAlert", dot: "pulse" },
  disabled: { tone: "muted", key: "statusDisabled", dot: false },
  active: { tone: "success", key: "statusActive", dot: true },
  unknown: { tone: "neutral", key: "statusUnknown", dot: false },
};

/** The one way to show a device/account state, so colours mean the same thing on every page. */
export function StatusBadge({ status, label, className }: { status: DeviceStatus; label?: string; className?: string }) {
  const t = useT("shell");
  const s = STATUS[status];
  return (
    <Badge tone={s.tone} dot={s.dot} className={className} data-status={status}>
      {label ?? t(s.key)}
    </Badge>
  );
}
