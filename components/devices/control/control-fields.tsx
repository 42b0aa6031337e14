"use client";

import type { ControlField, FormInput } from "@/lib/plain/control";
import type { Result } from "@/lib/datapoints";
import { bytesToHex, RAW_FORMATS, type RawFormat } from "@/lib/plain/payload";
import { useLocale, useT } from "@/components/i18n";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";

const RAW_LABEL = { decimal: "rawDecimal", hex: "rawHex", base64: "rawBase64" } as const;

/** One writable datapoint as a form widget: switch, select, number or hex text. */
function ControlFieldInput({
  field: fld,
  value,
  error: err,
  disabled,
  onChange: set,
}: {
  field: ControlField;
  value: FormInput;
  error: string | undefined;
  disabled: boolean;
  onChange: (v: FormInput) => void;
}) {
  const t = useT("device-detail");
  const id = `ctl-${fld.name}`;
  const hint =
    fld.kind === "number"
      ? t("range_", { min: fld.min.toFixed(fld.decimals), max: fld.max.toFixed(fld.decimals), step: fld.step })
      : fld.kind === "hex" && fld.byteLength !== null
        ? t("hexHint", { n: fld.byteLength })
        : undefined;
  return (
    <Field label={fld.label} htmlFor={id} hint={hint} error={err}>
      {fld.kind === "switch" ? (
        <Switch id={id} checked={value === true} onCheckedChange={set} disabled={disabled} aria-label={fld.label} />
      ) : fld.kind === "select" ? (
        <Select
          id={id}
          value={String(value)}
          onChange={(e) => set(e.target.value)}
          disabled={disabled}
          options={fld.options.map((o) => ({ value: o, label: o }))}
          placeholder={value === "" ? "—" : undefined}
        />
      ) : fld.kind === "number" ? (
        <Input
          id={id}
          type="number"
          inputMode="decimal"
          min={fld.min}
          max={fld.max}
          step={fld.step}
          value={String(value)}
          onChange={(e) => set(e.target.value)}
          disabled={disabled}
          invalid={!!err}
          aria-describedby={`${id}-msg`}
        />
      ) : (
        <Input
          id={id}
          className="font-mono"
          value={String(value)}
          onChange={(e) => set(e.target.value)}
          disabled={disabled}
          invalid={!!err}
          aria-describedby={`${id}-msg`}
        />
      )}
    </Field>
  );
}

/** The writable datapoints, two columns from small screens up. */
export function ControlForm({
  fields,
  value,
  errors,
  disabled,
  onChange,
}: {
  fields: readonly ControlField[];
  value: (name: string) => FormInput;
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (name: string, v: FormInput) => void;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((fld) => (
        <ControlFieldInput
          key={fld.name}
          field={fld}
          value={value(fld.name)}
          error={errors[fld.name]}
          disabled={disabled}
          onChange={(v) => onChange(fld.name, v)}
        />
      ))}
    </div>
  );
}

/** Raw bytes typed in one of three notations, with a live reading of what they parse to. */
export function RawControlInput({
  format,
  onFormatChange,
  text,
  onTextChange,
  parsed,
  disabled,
}: {
  format: RawFormat;
  onFormatChange: (f: RawFormat) => void;
  text: string;
  onTextChange: (s: string) => void;
  parsed: Result<number[]> | null;
  disabled: boolean;
}) {
  const t = useT("device-detail");
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-3">
      <label className="flex items-center gap-2 text-[13px] text-ink-muted">
        {t("rawFormat")}
        <Select
          className="w-40"
          value={format}
          onChange={(e) => onFormatChange(e.target.value as RawFormat)}
          options={RAW_FORMATS.map((r) => ({ value: r, label: t(RAW_LABEL[r]) }))}
        />
      </label>
      <Textarea
        aria-label={t("controlRaw")}
        className="font-mono"
        rows={3}
        value={text}
        placeholder={t("rawPlaceholder")}
        onChange={(e) => onTextChange(e.target.value)}
        disabled={disabled}
      />
      {parsed ? (
        <p className={parsed.ok ? "font-mono text-xs text-ink-muted" : "text-xs text-bad"}>
          {parsed.ok ? `${t("rawBytes", { n: parsed.value.length })}: ${bytesToHex(parsed.value, " ")}` : parsed.reason[locale]}
        </p>
      ) : null}
    </div>
  );
}
