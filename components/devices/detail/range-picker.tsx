"use client";

import { useId, useMemo, useState } from "react";
import { coverageLabel, LOOKBACK_DAYS, type DayCoverage } from "@/lib/history";
import { useFormat, useLocale, useT, useTimeZone } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useUrlParams } from "@/components/ui/use-url-param";
import {
  HISTORY_PRESETS,
  isRangePreset,
  parseLocalDateTime,
  parseRangeParams,
  rangeLabelKey,
  resolveRange,
  toLocalInput,
  type RangePreset,
  type RangeSelection,
  type ResolvedRange,
} from "./range";

/** The tab's time range in the URL: a preset (?range=7d) or a free range (?range=custom&from=…&to=…). */
export function useRangeSelection(opts: {
  fallback: RangePreset;
  presets?: readonly RangePreset[];
  /** Days the API reaches back; null for none (aggregation). */
  lookbackDays?: number | null;
}): {
  selection: RangeSelection;
  resolved: ResolvedRange;
  now: number;
  set: (s: RangeSelection) => void;
} {
  const { params, set } = useUrlParams();
  const timeZone = useTimeZone();
  const [now] = useState(() => Date.now());
  const presets = opts.presets ?? HISTORY_PRESETS;
  const selection = parseRangeParams(
    { range: params.get("range"), from: params.get("from"), to: params.get("to") },
    opts.fallback,
    presets,
  );
  const key = selection.kind === "preset" ? selection.preset : `${selection.from}|${selection.to}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the selection
  const resolved = useMemo(
    () => resolveRange(selection, now, timeZone, { lookbackDays: opts.lookbackDays, fallback: opts.fallback }),
    [key, now, timeZone, opts.lookbackDays, opts.fallback],
  );
  return {
    selection,
    resolved,
    now,
    set: (s) =>
      // Paging state of the old range (cmd window, page) means nothing for the new one.
      set(
        s.kind === "preset"
          ? { range: s.preset === opts.fallback ? null : s.preset, from: null, to: null, w: null }
          : { range: "custom", from: s.from, to: s.to, w: null },
      ),
  };
}

/**
 * Presets plus a free from/to (date and time, read in the product's time zone). Below it, a
 * line says when the range was limited to what the API keeps, or why it could not be used.
 */
export function RangePicker({
  selection,
  resolved,
  onChange,
  presets = HISTORY_PRESETS,
  lookbackDays = LOOKBACK_DAYS,
}: {
  selection: RangeSelection;
  resolved: ResolvedRange;
  onChange: (v: RangeSelection) => void;
  presets?: readonly RangePreset[];
  lookbackDays?: number | null;
}) {
  const t = useT("device-detail");
  const f = useFormat();
  const timeZone = useTimeZone();
  const id = useId();
  const custom = selection.kind === "custom";
  const [editing, setEditing] = useState(custom);
  const initial = () => ({
    from: custom ? selection.from : toLocalInput(resolved.range.start * 1000, timeZone),
    to: custom ? selection.to : toLocalInput(resolved.range.end * 1000, timeZone),
  });
  const [draft, setDraft] = useState(initial);
  const showInputs = custom || editing;
  const draftFrom = parseLocalDateTime(draft.from, timeZone);
  const draftTo = parseLocalDateTime(draft.to, timeZone);
  const draftOk = draftFrom !== null && draftTo !== null && draftTo > draftFrom;
  const span = (r: { start: number; end: number }) => `${f.dateTime(r.start * 1000, "minute")} – ${f.dateTime(r.end * 1000, "minute")}`;

  return (
    <div className="flex flex-col gap-1.5" data-testid="range-picker">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex w-fit items-center gap-2 text-[13px] text-ink-muted">
          {t("range")}
          <Select
            className="w-40"
            value={showInputs ? "custom" : selection.kind === "preset" ? selection.preset : "custom"}
            aria-label={t("range")}
            onChange={(e) => {
              const v = e.target.value;
              if (v === "custom") {
                setDraft(initial());
                setEditing(true);
              } else if (isRangePreset(v)) {
                setEditing(false);
                onChange({ kind: "preset", preset: v });
              }
            }}
            options={[...presets.map((p) => ({ value: p, label: t(rangeLabelKey[p]) })), { value: "custom", label: t("rangeCustom") }]}
          />
        </label>
        {showInputs ? (
          <form
            className="flex flex-wrap items-center gap-2 text-[13px] text-ink-muted"
            onSubmit={(e) => {
              e.preventDefault();
              if (draftOk) onChange({ kind: "custom", from: draft.from, to: draft.to });
            }}
          >
            <label htmlFor={`${id}-from`}>{t("from")}</label>
            <span className="w-48">
              <Input
                id={`${id}-from`}
                type="datetime-local"
                size="sm"
                data-testid="range-from"
                value={draft.from}
                invalid={draftFrom === null}
                onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
              />
            </span>
            <label htmlFor={`${id}-to`}>{t("to")}</label>
            <span className="w-48">
              <Input
                id={`${id}-to`}
                type="datetime-local"
                size="sm"
                data-testid="range-to"
                value={draft.to}
                invalid={draftTo === null || (draftFrom !== null && draftTo <= draftFrom)}
                onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
              />
            </span>
            <Button type="submit" size="sm" variant="secondary" disabled={!draftOk} data-testid="range-apply">
              {t("apply")}
            </Button>
            <span className="text-[11px] text-ink-subtle">{timeZone}</span>
          </form>
        ) : null}
      </div>
      {resolved.problem ? (
        <p className="text-xs text-warn" role="status" data-testid="range-notice">
          {t(PROBLEM_KEY[resolved.problem], { days: lookbackDays ?? 0, range: span(resolved.range) })}
        </p>
      ) : resolved.clamped ? (
        <p className="text-xs text-warn" role="status" data-testid="range-notice">
          {t(lookbackDays === null ? "rangeClampedNow" : "rangeClamped", { days: lookbackDays ?? 0, range: span(resolved.range) })}
        </p>
      ) : null}
    </div>
  );
}

const PROBLEM_KEY = { invalid: "rangeInvalid", order: "rangeOrder", outside: "rangeOutside" } as const;

const STATE_CLASS = { full: "bg-ok", partial: "bg-warn", none: "bg-sunken" } as const;

/** One cell per local calendar day of the range: loaded, partly loaded or not yet loaded. */
export function CoverageBar({ days, loaded, total }: { days: readonly DayCoverage[]; loaded: number; total: number }) {
  const t = useT("device-detail");
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-1" data-testid="coverage-bar" data-loaded={loaded} data-total={total}>
      <div className="flex items-center justify-between text-[11px] text-ink-subtle">
        <span>{t("coverage")}</span>
        <span>{t("coverageLoaded", { loaded, total })}</span>
      </div>
      <div className="flex h-2.5 gap-px overflow-hidden rounded">
        {days.map((d) => (
          <span
            key={d.day}
            title={`${d.day}: ${coverageLabel(d.state, locale)}`}
            data-state={d.state}
            className={cn("flex-1 transition-colors", STATE_CLASS[d.state])}
          />
        ))}
      </div>
    </div>
  );
}
