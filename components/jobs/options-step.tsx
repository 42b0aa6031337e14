"use client";

import { useT } from "@/components/i18n";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { OPTION_LIMITS, type OptionKey, type OptionsDraft } from "./create-job-state";

const FIELDS: {
  key: OptionKey;
  label: "optBatchSize" | "optThreshold" | "optCanary";
  hint: "optBatchSizeHint" | "optThresholdHint" | "optCanaryHint";
}[] = [
  { key: "batchSize", label: "optBatchSize", hint: "optBatchSizeHint" },
  { key: "canaryPercent", label: "optCanary", hint: "optCanaryHint" },
  { key: "failureThresholdPercent", label: "optThreshold", hint: "optThresholdHint" },
];

/** Step 3: batch size, canary share and the failure threshold that stops the job by itself. */
export function OptionsStep({
  draft,
  invalid,
  onChange,
}: {
  draft: OptionsDraft;
  invalid: readonly OptionKey[];
  onChange: (patch: Partial<OptionsDraft>) => void;
}) {
  const t = useT("jobs");
  return (
    <div className="space-y-4 text-[13px]" data-testid="job-step-options">
      <div className="grid gap-4 sm:grid-cols-3">
        {FIELDS.map(({ key, label, hint }) => {
          const lim = OPTION_LIMITS[key];
          const id = `job-opt-${key}`;
          const bad = invalid.includes(key);
          return (
            <Field
              key={key}
              label={t(label)}
              htmlFor={id}
              hint={t(hint)}
              error={bad ? t("optRange", { min: lim.min, max: lim.max }) : undefined}
            >
              <Input
                id={id}
                type="number"
                inputMode={lim.integer ? "numeric" : "decimal"}
                min={lim.min}
                max={lim.max}
                step={lim.integer ? 1 : "any"}
                value={draft[key]}
                onChange={(e) => onChange({ [key]: e.target.value })}
                invalid={bad}
                aria-describedby={`${id}-msg`}
              />
            </Field>
          );
        })}
      </div>
      <div className="rounded-md border border-line bg-sunken/50 p-3 text-ink-muted">
        <p className="font-medium text-ink">{t("optHowTitle")}</p>
        <ol className="mt-1 list-decimal space-y-0.5 pl-5">
          <li>{t("optHow1")}</li>
          <li>{t("optHow2")}</li>
          <li>{t("optHow3")}</li>
          <li>{t("optHow4")}</li>
        </ol>
      </div>
    </div>
  );
}
