"use client";

import { controlFields, type ControlField, type FormInput } from "@/lib/control";
import { validateControlValue, type Result } from "@/lib/datapoints";
import { useFormatValue } from "@/components/use-format-value";
import type { RawFormat } from "@/lib/payload";
import type { Datapoint } from "@/lib/schemas/datapoints";
import { ControlForm, RawControlInput } from "@/components/devices/control/control-fields";
import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { IconX } from "@/components/ui/icons";
import { SkeletonLines } from "@/components/ui/skeleton";
import { Tabs } from "@/components/ui/tabs";
import type { CommandMode } from "./create-job-state";

export interface CommandDraft {
  mode: CommandMode;
  /** Datapoints the operator set, by name; a field left alone is not sent. */
  edits: Record<string, FormInput>;
  rawFormat: RawFormat;
  rawText: string;
}

export const EMPTY_COMMAND: CommandDraft = { mode: "form", edits: {}, rawFormat: "hex", rawText: "" };

/** What an untouched widget shows: nothing chosen (a switch shows off until it is set). */
function blank(fld: ControlField): FormInput {
  return fld.kind === "switch" ? false : "";
}

/**
 * Step 2: the command every device gets. The product's datapoint form (the device page's
 * widgets) where only the fields the operator sets are sent — listed under the form, each
 * removable — or raw bytes.
 */
export function CommandStep({
  datapoints,
  loading,
  error,
  onRetry,
  draft,
  errors,
  rawParsed,
  onChange,
}: {
  datapoints: readonly Datapoint[];
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  draft: CommandDraft;
  errors: Record<string, string>;
  rawParsed: Result<number[]> | null;
  onChange: (patch: Partial<CommandDraft>) => void;
}) {
  const t = useT("jobs");
  const formatValue = useFormatValue();
  const fields = controlFields(datapoints);
  const setField = (name: string, v: FormInput) => {
    const next = { ...draft.edits };
    // Emptying a field means "do not send it", not "send an empty value".
    if (v === "") delete next[name];
    else next[name] = v;
    onChange({ edits: next });
  };
  const chosen = fields.filter((fld) => draft.edits[fld.name] !== undefined);

  return (
    <div className="space-y-4 text-[13px]" data-testid="job-step-command">
      <Tabs
        idBase="job-command"
        aria-label={t("stepCommand")}
        items={[
          { value: "form", label: t("commandForm") },
          { value: "raw", label: t("commandRawTab") },
        ]}
        value={draft.mode}
        onValueChange={(v) => onChange({ mode: v === "raw" ? "raw" : "form" })}
      />
      {draft.mode === "form" ? (
        loading ? (
          <SkeletonLines lines={5} />
        ) : error ? (
          <ErrorState error={error} compact onRetry={onRetry} />
        ) : fields.length === 0 ? (
          <p className="text-ink-muted">{t("commandNoWritable")}</p>
        ) : (
          <>
            <p className="text-ink-muted">{t("commandFormHint")}</p>
            <ControlForm
              fields={fields}
              value={(name) => {
                const fld = fields.find((x) => x.name === name);
                return draft.edits[name] ?? (fld ? blank(fld) : "");
              }}
              errors={errors}
              disabled={false}
              onChange={setField}
            />
            <div className="rounded-md border border-line bg-sunken/50 p-3" data-testid="job-command-summary">
              <p className="mb-1.5 text-xs font-medium uppercase tracking-wide text-ink-subtle">{t("commandWillSend")}</p>
              {chosen.length === 0 ? (
                <p className="text-ink-muted">{t("commandNothingYet")}</p>
              ) : (
                <ul className="flex flex-wrap gap-1.5">
                  {chosen.map((fld) => {
                    const v = draft.edits[fld.name]!;
                    const valid = validateControlValue(fld.datapoint, v);
                    return (
                      <li
                        key={fld.name}
                        className={
                          valid.ok
                            ? "inline-flex items-center gap-1 rounded-full border border-accent/30 bg-accent-soft py-0.5 pl-2.5 pr-1 text-xs text-ink"
                            : "inline-flex items-center gap-1 rounded-full border border-bad/30 bg-bad-soft py-0.5 pl-2.5 pr-1 text-xs text-bad"
                        }
                      >
                        <span>
                          {fld.label} → <strong>{valid.ok ? formatValue(fld.datapoint, valid.value) : String(v)}</strong>
                        </span>
                        <Button
                          variant="ghost"
                          size="icon-sm"
                          className="h-5 w-5"
                          aria-label={t("commandRemove", { name: fld.label })}
                          onClick={() => {
                            const next = { ...draft.edits };
                            delete next[fld.name];
                            onChange({ edits: next });
                          }}
                        >
                          <IconX size={12} />
                        </Button>
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          </>
        )
      ) : (
        <>
          <p className="text-ink-muted">{t("commandRawHint")}</p>
          <RawControlInput
            format={draft.rawFormat}
            onFormatChange={(rawFormat) => onChange({ rawFormat })}
            text={draft.rawText}
            onTextChange={(rawText) => onChange({ rawText })}
            parsed={rawParsed}
            disabled={false}
          />
        </>
      )}
    </div>
  );
}
