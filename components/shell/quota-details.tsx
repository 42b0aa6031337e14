"use client";

import { fromUnixSeconds } from "@/lib/format";
import { useFormat, useT } from "../i18n";
import { cn } from "../ui/cn";
import { barColor, textColor, useQuotaView } from "./quota-meter";

/** The quota meter's panel: the figures, where they come from, when the window resets. */
export function QuotaDetails() {
  const t = useT("shell");
  const f = useFormat();
  const { data, error, level, figures, ratio, value } = useQuotaView();
  const resetMs = data ? fromUnixSeconds(data.upstream?.resetAt ?? data.resetAt) : null;
  return (
    <div className="space-y-2 text-[13px]" data-testid="quota-details">
      <div className="flex items-baseline justify-between">
        <span className="font-medium text-ink">{t("quota")}</span>
        <span className={cn("font-semibold tabular", textColor[level])}>{value}</span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-sunken ring-1 ring-line" aria-hidden="true">
        <div className={cn("h-full rounded-full", barColor[level])} style={{ width: `${ratio * 100}%` }} />
      </div>
      {error && !data ? <p className="text-bad">{t("quotaUnavailable")}</p> : null}
      {data && !figures ? <p className="text-ink-muted">{t("quotaUnknown")}</p> : null}
      {figures?.seenAt ? (
        <p className="text-ink-muted" data-testid="quota-seen">
          {t("quotaSeen", { time: f.dateTime(figures.seenAt, "time"), relative: f.relative(figures.seenAt) })}
        </p>
      ) : null}
      {data?.heldUntil ? (
        <p className="text-bad" data-testid="quota-held">
          {t("quotaHeld", { time: f.dateTime(data.heldUntil, "time"), relative: f.relative(data.heldUntil) })}
        </p>
      ) : null}
      {level === "low" ? <p className="text-warn">{t("quotaLow")}</p> : null}
      {level === "out" && !data?.heldUntil ? <p className="text-bad">{t("quotaOut")}</p> : null}
      {resetMs ? (
        <p className="text-ink-muted">{t("quotaResets", { time: f.dateTime(resetMs, "time"), relative: f.relative(resetMs) })}</p>
      ) : null}
      {data && data.reserved > 0 ? (
        <p className="text-xs text-ink-subtle">{t("quotaReserved", { reserved: f.number(data.reserved) })}</p>
      ) : null}
      <p className="border-t border-line pt-2 text-xs text-ink-subtle">{t("quotaHelp")}</p>
    </div>
  );
}
