"use client";

import { useQuery } from "@tanstack/react-query";
import { quotaOptions } from "@/lib/queries/quota";
import type { Quota } from "@/lib/schemas/api";
import { useFormat, useT } from "../i18n";
import { cn } from "../ui/cn";
import { IconGauge } from "../ui/icons";
import { lazyClient } from "../ui/lazy-client";
import { Popover } from "../ui/popover";

// The details panel loads when it first opens: it is not in every page's first load (issue 17).
const QuotaDetails = lazyClient(() => import("./quota-details").then((m) => m.QuotaDetails));

export type QuotaLevel = "ok" | "low" | "out" | "unknown";

type QuotaInput = Pick<Quota, "limit" | "remaining" | "known"> & Partial<Pick<Quota, "upstream" | "heldUntil">>;

/** The figures to show: the upstream's own X-RateLimit-* when seen this window, else the console's count. */
export function quotaFigures(q: QuotaInput | undefined): { limit: number; remaining: number; seenAt: number | null } | null {
  if (!q) return null;
  if (q.upstream) return { limit: q.upstream.limit, remaining: q.upstream.remaining, seenAt: q.upstream.seenAt };
  return q.known ? { limit: q.limit, remaining: q.remaining, seenAt: null } : null;
}

/** Amber under 20 % left, red at zero or while calls are held back after a refusal. */
export function quotaLevel(q: QuotaInput | undefined): QuotaLevel {
  const f = quotaFigures(q);
  if (!f || f.limit <= 0) return "unknown";
  if (f.remaining <= 0 || q?.heldUntil) return "out";
  if (f.remaining / f.limit < 0.2) return "low";
  return "ok";
}

export const barColor: Record<QuotaLevel, string> = { ok: "bg-ok", low: "bg-warn", out: "bg-bad", unknown: "bg-line-strong" };
export const textColor: Record<QuotaLevel, string> = { ok: "text-ink", low: "text-warn", out: "text-bad", unknown: "text-ink-subtle" };

/** The quota as the meter and its panel show it: level, figures, the bar's fill and the value text. */
export function useQuotaView() {
  const t = useT("shell");
  const f = useFormat();
  const query = useQuery(quotaOptions());
  const { data, error } = query;
  const level = quotaLevel(data);
  const figures = quotaFigures(data);
  const ratio = figures && figures.limit > 0 ? Math.max(0, Math.min(1, figures.remaining / figures.limit)) : 0;
  const value = figures
    ? t("quotaValue", { remaining: f.number(figures.remaining), limit: f.number(figures.limit) })
    : data
      ? t("quotaNotMeasured")
      : error
        ? "—"
        : "…";
  return { data, error, isLoading: query.isLoading, level, figures, ratio, value };
}

export function QuotaMeter() {
  const t = useT("shell");
  const { isLoading, level, ratio, value } = useQuotaView();

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
      <QuotaDetails />
    </Popover>
  );
}
