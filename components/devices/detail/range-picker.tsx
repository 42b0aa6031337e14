"use client";

import { deviceDetail } from "@/lib/i18n/messages/device-detail";
import { coverageLabel, type DayCoverage } from "@/lib/history";
import { useLocale, useT } from "@/components/i18n";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/select";
import { useUrlParam } from "@/components/ui/use-url-param";
import { isRangePreset, RANGE_PRESETS, rangeLabelKey, type RangePreset } from "./range";

/** The tab's time range as a preset in the URL (?range=7d). */
export function useRangePreset(
  fallback: RangePreset = "2d",
  presets: readonly RangePreset[] = RANGE_PRESETS,
): [RangePreset, (v: RangePreset) => void] {
  const [value, set] = useUrlParam("range", fallback);
  const preset = isRangePreset(value) && presets.includes(value) ? value : fallback;
  return [preset, (v) => set(v)];
}

export function RangePicker({
  value,
  onChange,
  presets = RANGE_PRESETS,
}: {
  value: RangePreset;
  onChange: (v: RangePreset) => void;
  presets?: readonly RangePreset[];
}) {
  const t = useT(deviceDetail);
  return (
    <label className="flex w-fit items-center gap-2 text-[13px] text-ink-muted">
      {t("range")}
      <Select
        className="w-40"
        value={value}
        aria-label={t("range")}
        onChange={(e) => {
          if (isRangePreset(e.target.value)) onChange(e.target.value);
        }}
        options={presets.map((p) => ({ value: p, label: t(rangeLabelKey[p]) }))}
      />
    </label>
  );
}

const STATE_CLASS = { full: "bg-ok", partial: "bg-warn", none: "bg-sunken" } as const;

/** One cell per local calendar day of the range: loaded, partly loaded or not yet loaded. */
export function CoverageBar({ days, loaded, total }: { days: readonly DayCoverage[]; loaded: number; total: number }) {
  const t = useT(deviceDetail);
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
