"use client";

import { useId, useState } from "react";
import {
  clampRange,
  CYCLES,
  defaultRange,
  latestPeriod,
  PERIOD_LIMITS,
  periodOrdinal,
  rangeProblem,
  shiftPeriod,
  type Cycle,
} from "@/lib/plain/report-periods";
import { useT } from "../i18n";
import { Input } from "../ui/input";
import { Select } from "../ui/select";
import { useUrlParams } from "../ui/use-url-param";
import { useToday } from "./use-today";

export interface PeriodRange {
  cycle: Cycle;
  start: string;
  end: string;
}

/**
 * The period in the URL (`cycle`, `start`, `end`); a missing or invalid one (hand-edited, or a
 * range the API would refuse) falls back to the cycle's default window.
 */
export function usePeriod(opts: { cycles?: readonly Cycle[] } = {}): [PeriodRange, (r: Partial<PeriodRange>) => void] {
  const { params, set } = useUrlParams();
  const today = useToday();
  const allowed = opts.cycles ?? CYCLES;
  const rawCycle = params.get("cycle");
  const cycle: Cycle = (allowed as readonly string[]).includes(rawCycle ?? "") ? (rawCycle as Cycle) : allowed[0]!;
  const start = params.get("start") ?? "";
  const end = params.get("end") ?? "";
  const range = rangeProblem(cycle, start, end, today) === null ? { cycle, start, end } : { cycle, ...defaultRange(cycle, today) };
  const setRange = (r: Partial<PeriodRange>) =>
    set({ cycle: r.cycle ?? range.cycle, start: r.start ?? range.start, end: r.end ?? range.end, at: null }, { resetPage: true });
  return [range, setRange];
}

// <input type="week"> speaks "2026-W07"; the API speaks "2026-07".
const toInput = (cycle: Cycle, key: string) => (cycle === "week" ? key.replace("-", "-W") : key);
const fromInput = (cycle: Cycle, value: string) => (cycle === "week" ? value.replace("-W", "-") : value);
const INPUT_TYPE: Record<Cycle, string> = { date: "date", week: "week", month: "month" };
const LIMIT_KEY = { date: "limitDays", week: "limitWeeks", month: "limitMonths" } as const;
const CYCLE_KEY = { date: "cycleDate", week: "cycleWeek", month: "cycleMonth" } as const;

/**
 * Cycle and range with the API's limits built in: the newest period is yesterday's, and moving
 * one end past 30 days / 53 weeks / 12 months drags the other end along (and says so).
 */
export function PeriodPicker({
  value,
  onChange,
  cycles = CYCLES,
}: {
  value: PeriodRange;
  onChange: (r: PeriodRange) => void;
  cycles?: readonly Cycle[];
}) {
  const t = useT("reports");
  const id = useId();
  const today = useToday();
  const [clampedNote, setClampedNote] = useState(false);
  const { cycle, start, end } = value;
  const latest = latestPeriod(cycle, today);
  const limit = PERIOD_LIMITS[cycle];
  const startMin = shiftPeriod(cycle, end, -(limit - 1));

  const move = (which: "start" | "end", raw: string) => {
    const key = fromInput(cycle, raw);
    if (periodOrdinal(cycle, key) === null) return;
    const next = clampRange(cycle, which === "start" ? key : start, which === "end" ? key : end, which, latest);
    setClampedNote(next.clamped);
    onChange({ cycle, start: next.start, end: next.end });
  };

  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="period-picker">
      {cycles.length > 1 ? (
        <div>
          <label htmlFor={`${id}-cycle`} className="mb-0.5 block text-xs text-ink-muted">
            {t("cycle")}
          </label>
          <Select
            id={`${id}-cycle`}
            name="cycle"
            value={cycle}
            onChange={(e) => {
              const c = e.target.value as Cycle;
              setClampedNote(false);
              onChange({ cycle: c, ...defaultRange(c, today) });
            }}
            options={cycles.map((c) => ({ value: c, label: t(CYCLE_KEY[c]) }))}
          />
        </div>
      ) : null}
      <div>
        <label htmlFor={`${id}-start`} className="mb-0.5 block text-xs text-ink-muted">
          {t("from")}
        </label>
        <Input
          id={`${id}-start`}
          name="start"
          type={INPUT_TYPE[cycle]}
          key={`start-${cycle}-${start}`}
          defaultValue={toInput(cycle, start)}
          min={toInput(cycle, startMin)}
          max={toInput(cycle, latest)}
          onBlur={(e) => move("start", e.target.value)}
          onKeyDown={(e) => (e.key === "Enter" ? move("start", e.currentTarget.value) : undefined)}
        />
      </div>
      <div>
        <label htmlFor={`${id}-end`} className="mb-0.5 block text-xs text-ink-muted">
          {t("to")}
        </label>
        <Input
          id={`${id}-end`}
          name="end"
          type={INPUT_TYPE[cycle]}
          key={`end-${cycle}-${end}`}
          defaultValue={toInput(cycle, end)}
          max={toInput(cycle, latest)}
          onBlur={(e) => move("end", e.target.value)}
          onKeyDown={(e) => (e.key === "Enter" ? move("end", e.currentTarget.value) : undefined)}
        />
      </div>
      <p className="pb-1.5 text-xs text-ink-subtle" data-testid="period-hint">
        {clampedNote ? <span className="text-warn">{t("clamped", { limit: t(LIMIT_KEY[cycle]) })} </span> : null}
        {t("limitHint", { limit: t(LIMIT_KEY[cycle]), latest })}
      </p>
    </div>
  );
}
