"use client";

import { useQuery } from "@tanstack/react-query";
import { quotaOptions } from "@/lib/queries/quota";
import type { Quota } from "@/lib/schemas/api";
import { fromUnixSeconds } from "@/lib/format";
import { shell } from "@/lib/i18n/messages/shell";
import { useFormat, useT } from "../i18n";
import { cn } from "../ui/cn";
import { IconGauge } from "../ui/icons";
import { Popover } from "../ui/popover";

export type QuotaLevel = "ok" | "low" | "out" | "unknown";

/** Amber under 20 % left, red at zero. */
export function quotaLevel(q: Quota | undefined): QuotaLevel {
  if (!q?.known || q.limit <= 0) return "unknown";
  if (q.remaining <= 0) return "out";
  if (q.remaining / q.limit < 0.2) return "low";
  return "ok";
}

const barColor: Record<QuotaLevel, string> = { ok: "bg-ok", low: "bg-warn", out: "bg-bad", unknown: "bg-line-strong" };
const textColor: Record<QuotaLevel, string> = { ok: "text-ink", low: "text-warn", out: "text-bad", unknown: "text-ink-subtle" };

export function QuotaMeter() {
  const t = useT(shell);
  const f = useFormat();
  const { data, error, isLoading } = useQuery(quotaOptions());
  const level = quotaLevel(data);
  const ratio = data && data.limit > 0 ? Math.max(0, Math.min(1, data.remaining / data.limit)) : 0;
  const resetMs = data ? fromUnixSeconds(data.resetAt) : null;
  const value = data
    ? t("quotaValue", { remaining: data.known ? f.number(data.remaining) : "—", limit: f.number(data.limit) })
    : error
      ? "—"
      : "…";

  return (
    <Popover
      label={`${t("quota")}: ${value}`}
      buttonClassName="h-8 px-2 hover:bg-hover"
      panelClassName="w-72 p-3"
      trigger={
        <span data-testid="quota-meter" data-level={level} className="flex items-center gap-2">
          <IconGauge className={cn(level === "unknown" ? "text-ink-subtle" : textColor[level])} />
          <span className="hidden flex-col items-start gap-0.5 sm:flex">
            <span className={cn("text-xs font-medium leading-none tabular", textColor[level])}>{isLoading ? "…" : value}</span>
            <span className="h-1 w-20 overflow-hidden rounded-full bg-sunken ring-1 ring-line" aria-hidden="true">
              <span className={cn("block h-full rounded-full transition-[width]", barColor[level])} style={{ width: `${ratio * 100}%` }} />
            </span>
          </span>
        </span>
      }
    >
      <div className="space-y-2 text-[13px]" data-testid="quota-details">
        <div className="flex items-baseline justify-between">
          <span className="font-medium text-ink">{t("quota")}</span>
          <span className={cn("font-semibold tabular", textColor[level])}>{value}</span>
        </div>
        <div className="h-1.5 overflow-hidden rounded-full bg-sunken ring-1 ring-line" aria-hidden="true">
          <div className={cn("h-full rounded-full", barColor[level])} style={{ width: `${ratio * 100}%` }} />
        </div>
        {error && !data ? <p className="text-bad">{t("quotaUnavailable")}</p> : null}
        {data && !data.known ? <p className="text-ink-muted">{t("quotaUnknown")}</p> : null}
        {level === "low" ? <p className="text-warn">{t("quotaLow")}</p> : null}
        {level === "out" ? <p className="text-bad">{t("quotaOut")}</p> : null}
        {resetMs ? (
          <p className="text-ink-muted">{t("quotaResets", { time: f.dateTime(resetMs, "time"), relative: f.relative(resetMs) })}</p>
        ) : null}
        {data && data.reserved > 0 ? (
          <p className="text-xs text-ink-subtle">{t("quotaReserved", { reserved: f.number(data.reserved) })}</p>
        ) : null}
        <p className="border-t border-line pt-2 text-xs text-ink-subtle">{t("quotaHelp")}</p>
      </div>
    </Popover>
  );
}
