"use client";

import { useMemo, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ApiError } from "@/lib/api-error";
import { type ControlBody, controlFields, type FormInput, initialFormValues } from "@/lib/control";
import { validateControlValue, type ControlValue } from "@/lib/datapoints";
import { parseRaw, type RawFormat } from "@/lib/payload";
import { datapointsOptions } from "@/lib/queries/device-detail";
import { createSchedule, updateSchedule, type ScheduleOwner } from "@/lib/queries/schedules";
import {
  fromUtcTiming,
  nextRuns,
  type Recurrence,
  type ScheduleTiming,
  toUtcTiming,
  utcTimingFields,
  utcTimingOf,
  WEEKDAYS,
  type Weekday,
} from "@/lib/schedule-time";
import type { ScheduleDto, ScheduleWrite, ScheduleWriteResult } from "@/lib/schemas/schedules";
import { zonedDayKey } from "@/lib/zoned-time";
import { ControlForm, RawControlInput } from "@/components/devices/control/control-fields";
import { useFormat, useLocale, useT, useTimeZone } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { problemText, utcText } from "./schedule-format";

type Kind = Recurrence["kind"];
const DAYS = Array.from({ length: 31 }, (_, i) => i + 1);

interface FormState {
  kind: Kind;
  date: string;
  time: string;
  weekdays: Weekday[];
  days: number[];
  startDate: string;
  endDate: string;
  enabled: boolean;
  remark: string;
  mode: "form" | "raw";
  included: string[];
  values: Record<string, FormInput>;
  rawFormat: RawFormat;
  rawText: string;
}

function initialState(initial: ScheduleDto | null, timeZone: string, now: number): FormState {
  const base: FormState = {
    kind: "weekly",
    date: zonedDayKey(now + 86_400_000, timeZone),
    time: "08:00",
    weekdays: ["mon", "tue", "wed", "thu", "fri"],
    days: [1],
    startDate: "",
    endDate: "",
    enabled: true,
    remark: "",
    mode: "form",
    included: [],
    values: {},
    rawFormat: "hex",
    rawText: "",
  };
  if (!initial) return base;
  const utc = utcTimingOf(initial.utc);
  const local = utc ? fromUtcTiming(utc, timeZone, now)?.timing : undefined;
  const s: FormState = { ...base, enabled: initial.enabled, remark: initial.remark ?? "" };
  if (local) {
    const r = local.recurrence;
    s.kind = r.kind;
    s.time = local.time;
    if (r.kind === "once") s.date = r.date;
    if (r.kind === "weekly") s.weekdays = r.weekdays;
    if (r.kind === "monthly") s.days = r.days;
    s.startDate = local.startDate ?? "";
    s.endDate = local.endDate ?? "";
  }
  const c = initial.command;
  if (c && "raw" in c) {
    s.mode = "raw";
    s.rawText = c.raw;
  } else if (c) {
    s.included = Object.keys(c.attrs);
    s.values = Object.fromEntries(Object.entries(c.attrs).map(([k, v]) => [k, typeof v === "boolean" ? v : String(v)]));
  }
  return s;
}

function timingOf(s: FormState): ScheduleTiming {
  const recurrence: Recurrence =
    s.kind === "once"
      ? { kind: "once", date: s.date }
      : s.kind === "weekly"
        ? { kind: "weekly", weekdays: s.weekdays }
        : { kind: "monthly", days: s.days };
  return {
    time: s.time,
    recurrence,
    startDate: s.kind === "once" || !s.startDate ? null : s.startDate,
    endDate: s.kind === "once" || !s.endDate ? null : s.endDate,
  };
}

/** The schedule form: when (in the console's zone), what (data points or raw), with the UTC form and next runs previewed. */
export function ScheduleEditor({
  owner,
  initial,
  targetLabel,
  onClose,
  onSaved,
}: {
  owner: ScheduleOwner;
  initial: ScheduleDto | null;
  targetLabel: string;
  onClose: () => void;
  onSaved: (r: ScheduleWriteResult) => void;
}) {
  const t = useT("schedules");
  const locale = useLocale();
  const f = useFormat();
  const timeZone = useTimeZone();
  const [now] = useState(() => Date.now());
  const [s, setS] = useState<FormState>(() => initialState(initial, timeZone, now));
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setS((p) => ({ ...p, [k]: v }));
  const dps = useQuery(datapointsOptions(owner.pk));
  const fields = useMemo(() => controlFields(dps.data?.datapoints ?? []), [dps.data]);
  const defaults = useMemo(() => initialFormValues(fields, {}), [fields]);

  const timing = timingOf(s);
  const converted = toUtcTiming(timing, timeZone, now);
  const runs = converted.ok ? nextRuns(converted.utc, now, 3) : [];

  // The command: included data points checked one by one, or raw bytes.
  const command = useMemo((): { body: ControlBody | null; errors: Record<string, string>; error: string | null } => {
    if (s.mode === "raw") {
      if (!s.rawText.trim()) return { body: null, errors: {}, error: null };
      const bytes = parseRaw(s.rawText, s.rawFormat);
      return bytes.ok ? { body: { raw: bytes.value }, errors: {}, error: null } : { body: null, errors: {}, error: bytes.reason[locale] };
    }
    if (s.included.length === 0) return { body: null, errors: {}, error: t("needDatapoint") };
    const attrs: Record<string, ControlValue> = {};
    const errors: Record<string, string> = {};
    let incomplete = false;
    for (const name of s.included) {
      const fld = fields.find((x) => x.name === name);
      if (!fld) continue;
      const value = s.values[name] ?? defaults[name];
      // A field not filled in yet is not an error to shout about: Save just waits for it.
      if (value === "" || value === undefined) {
        incomplete = true;
        continue;
      }
      const r = validateControlValue(fld.datapoint, value);
      if (r.ok) attrs[name] = r.value;
      else errors[name] = r.reason[locale];
    }
    return Object.keys(errors).length || incomplete ? { body: null, errors, error: null } : { body: { attrs }, errors, error: null };
  }, [s, fields, defaults, locale, t]);

  const save = useMutation({
    mutationFn: (body: ScheduleWrite) => (initial ? updateSchedule(owner, initial.id, body) : createSchedule(owner, body)),
    onSuccess: onSaved,
  });

  const submit = () => {
    if (!converted.ok || !command.body) return;
    save.mutate({
      timeZone,
      time: timing.time,
      recurrence: timing.recurrence,
      startDate: timing.startDate,
      endDate: timing.endDate,
      command: command.body,
      enabled: s.enabled,
      remark: s.remark.trim() || undefined,
    });
  };

  const toggleIn = <T,>(list: readonly T[], v: T, on: boolean): T[] =>
    on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v);
  const shownFields = fields.filter((x) => s.included.includes(x.name));

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      dismissible={!save.isPending}
      title={initial ? t("editorEdit") : t("editorNew")}
      description={t("previewTarget", { target: targetLabel })}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={save.isPending}>
            {t("cancel")}
          </Button>
          <Button onClick={submit} disabled={save.isPending || !converted.ok || !command.body} data-testid="schedule-save">
            {t("save")}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4" data-testid="schedule-editor">
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label={t("kind")} htmlFor="sch-kind">
            <Select
              id="sch-kind"
              value={s.kind}
              onChange={(e) => set("kind", e.target.value as Kind)}
              options={(["once", "weekly", "monthly"] as const).map((k) => ({ value: k, label: t(`kind_${k}`) }))}
            />
          </Field>
          {s.kind === "once" ? (
            <Field label={t("date")} htmlFor="sch-date">
              <Input id="sch-date" type="date" value={s.date} onChange={(e) => set("date", e.target.value)} />
            </Field>
          ) : null}
          <Field label={t("time", { zone: timeZone })} htmlFor="sch-time">
            <Input id="sch-time" type="time" value={s.time} onChange={(e) => set("time", e.target.value)} />
          </Field>
        </div>
        {s.kind === "weekly" ? (
          <fieldset>
            <legend className="mb-1 text-[13px] font-medium text-ink">{t("weekdays")}</legend>
            <div className="flex flex-wrap gap-3">
              {WEEKDAYS.map((w) => (
                <Checkbox
                  key={w}
                  label={t(w)}
                  data-testid={`sch-wd-${w}`}
                  checked={s.weekdays.includes(w)}
                  onChange={(e) => set("weekdays", toggleIn(s.weekdays, w, e.target.checked))}
                />
              ))}
            </div>
          </fieldset>
        ) : null}
        {s.kind === "monthly" ? (
          <fieldset>
            <legend className="mb-1 text-[13px] font-medium text-ink">{t("days")}</legend>
            <div className="grid grid-cols-7 gap-1 sm:w-max">
              {DAYS.map((d) => {
                const on = s.days.includes(d);
                return (
                  <button
                    key={d}
                    type="button"
                    aria-pressed={on}
                    data-testid={`sch-day-${d}`}
                    onClick={() => set("days", toggleIn(s.days, d, !on))}
                    className={`h-7 w-9 rounded border text-xs ${on ? "border-accent bg-accent text-accent-ink" : "border-line bg-panel text-ink hover:bg-hover"}`}
                  >
                    {d}
                  </button>
                );
              })}
            </div>
          </fieldset>
        ) : null}
        {s.kind !== "once" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("startDate")} htmlFor="sch-start">
              <Input id="sch-start" type="date" value={s.startDate} onChange={(e) => set("startDate", e.target.value)} />
            </Field>
            <Field label={t("endDate")} htmlFor="sch-end">
              <Input id="sch-end" type="date" value={s.endDate} onChange={(e) => set("endDate", e.target.value)} />
            </Field>
          </div>
        ) : null}

        <div className="rounded border border-line bg-sunken p-2 text-xs" data-testid="schedule-preview" aria-live="polite">
          {converted.ok ? (
            <>
              <div className="font-mono text-ink-muted">{t("preview", { utc: utcText(utcTimingFields(converted.utc)) })}</div>
              <div className="text-ink-muted">{t("previewNext", { runs: runs.map((ms) => f.dateTime(ms)).join(" · ") || "—" })}</div>
            </>
          ) : (
            <div className="text-bad" role="alert">
              {problemText(t, converted.problem)}
            </div>
          )}
        </div>

        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-[13px] font-medium text-ink">{t("command")}</legend>
          <div className="flex gap-2">
            <Button
              size="xs"
              variant={s.mode === "form" ? "secondary" : "ghost"}
              aria-pressed={s.mode === "form"}
              onClick={() => set("mode", "form")}
            >
              {t("commandForm")}
            </Button>
            <Button
              size="xs"
              variant={s.mode === "raw" ? "secondary" : "ghost"}
              aria-pressed={s.mode === "raw"}
              onClick={() => set("mode", "raw")}
            >
              {t("commandRawMode")}
            </Button>
          </div>
          {s.mode === "form" ? (
            fields.length === 0 && !dps.isLoading ? (
              <p className="text-xs text-ink-muted">{t("noWritable")}</p>
            ) : (
              <>
                <div className="text-[13px] text-ink-muted">{t("pickDatapoints")}</div>
                <div className="flex flex-wrap gap-3">
                  {fields.map((fld) => (
                    <Checkbox
                      key={fld.name}
                      label={fld.label}
                      data-testid={`sch-dp-${fld.name}`}
                      checked={s.included.includes(fld.name)}
                      onChange={(e) => set("included", toggleIn(s.included, fld.name, e.target.checked))}
                    />
                  ))}
                </div>
                {shownFields.length ? (
                  <ControlForm
                    fields={shownFields}
                    value={(name) => s.values[name] ?? defaults[name] ?? ""}
                    errors={command.errors}
                    disabled={save.isPending}
                    onChange={(name, v) => set("values", { ...s.values, [name]: v })}
                  />
                ) : null}
                {command.error ? <p className="text-xs text-ink-muted">{command.error}</p> : null}
              </>
            )
          ) : (
            <RawControlInput
              format={s.rawFormat}
              onFormatChange={(v) => set("rawFormat", v)}
              text={s.rawText}
              onTextChange={(v) => set("rawText", v)}
              parsed={s.rawText.trim() ? parseRaw(s.rawText, s.rawFormat) : null}
              disabled={save.isPending}
            />
          )}
        </fieldset>

        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("remark")} htmlFor="sch-remark">
            <Input id="sch-remark" maxLength={200} value={s.remark} onChange={(e) => set("remark", e.target.value)} />
          </Field>
          <div className="flex items-end pb-1">
            <Switch checked={s.enabled} onCheckedChange={(v) => set("enabled", v)} label={t("enabledField")} />
          </div>
        </div>
        {save.error ? (
          <p className="text-sm text-bad" role="alert" data-testid="schedule-error">
            {save.error instanceof ApiError || save.error instanceof Error ? save.error.message : String(save.error)}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
