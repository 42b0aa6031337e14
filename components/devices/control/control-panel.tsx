"use client";

import { useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  controlFields,
  diffControl,
  initialFormValues,
  isConfirmed,
  newIdempotencyKey,
  READBACK_POLICY,
  type ControlChange,
  type FormInput,
} from "@/lib/control";
import type { ControlValue } from "@/lib/datapoints";
import { deviceDetail } from "@/lib/i18n/messages/device-detail";
import { bytesToHex, parseRaw, RAW_FORMATS, type RawFormat } from "@/lib/payload";
import { datapointsOptions, deviceDetailKeys, fetchFreshStatus, latestStatusOptions, sendControl } from "@/lib/queries/device-detail";
import type { ControlBody, DeviceInfo } from "@/lib/schemas/device-detail";
import { useLocale, useT } from "@/components/i18n";
import { useErrorText } from "@/components/ui/error-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SkeletonLines } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Tabs } from "@/components/ui/tabs";
import { IconAlert } from "@/components/ui/icons";

type Intent = { key: string; body: ControlBody; changes: ControlChange[] | null; rawBytes: number[] | null };
type Outcome = { kind: "verifying" } | { kind: "confirmed" } | { kind: "not-confirmed" } | { kind: "raw-sent" };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RAW_LABEL = { decimal: "rawDecimal", hex: "rawHex", base64: "rawBase64" } as const;

/** The remote-control form: writable datapoints or raw bytes, confirm with current → new, send once, read back. */
export function ControlPanel({ pk, info }: { pk: string; info: DeviceInfo }) {
  const t = useT(deviceDetail);
  const locale = useLocale();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const dps = useQuery(datapointsOptions(pk));
  const status = useQuery(latestStatusOptions(pk, info.did));
  const [mode, setMode] = useState<"form" | "raw">("form");
  const [edits, setEdits] = useState<Record<string, FormInput>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [rawFormat, setRawFormat] = useState<RawFormat>("decimal");
  const [rawText, setRawText] = useState("");
  const [intent, setIntent] = useState<Intent | null>(null);
  const [pending, setPending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inFlight = useRef(false);

  const refusal = info.isDisabled ? t("refusedDisabled") : !info.isOnline ? t("refusedOffline") : null;
  if (dps.isLoading || status.isLoading) return <SkeletonLines lines={5} />;
  const datapoints = dps.data?.datapoints ?? [];
  const fields = controlFields(datapoints);
  const current = status.data?.attrs ?? {};
  const initial = initialFormValues(fields, current);
  const value = (name: string) => edits[name] ?? initial[name] ?? "";
  const rawParsed = rawText.trim() ? parseRaw(rawText, rawFormat) : null;

  const review = () => {
    setNotice(null);
    setOutcome(null);
    if (mode === "raw") {
      if (!rawParsed) return setNotice(t("noChanges"));
      if (!rawParsed.ok) return setNotice(rawParsed.reason[locale]);
      setSendError(null);
      setIntent({ key: newIdempotencyKey(), body: { raw: rawParsed.value }, changes: null, rawBytes: rawParsed.value });
      return;
    }
    const d = diffControl(datapoints, current, edits);
    if (!d.ok) {
      setFieldErrors(Object.fromEntries(Object.entries(d.errors).map(([k, v]) => [k, v[locale]])));
      return;
    }
    setFieldErrors({});
    if (d.changes.length === 0) return setNotice(t("noChanges"));
    setSendError(null);
    // One key per confirmed intent: a double click or a retry of this same command reuses it.
    setIntent({
      key: newIdempotencyKey(),
      body: { attrs: Object.fromEntries(d.changes.map((c) => [c.name, c.to])) },
      changes: d.changes,
      rawBytes: null,
    });
  };

  const readBack = async (sent: Record<string, ControlValue>) => {
    for (let i = 0; i < READBACK_POLICY.attempts; i++) {
      await sleep(READBACK_POLICY.intervalMs);
      try {
        const s = await fetchFreshStatus(pk, info.did);
        if (isConfirmed(sent, s.attrs, datapoints)) {
          qc.setQueryData(deviceDetailKeys.status(pk, info.did), s);
          return setOutcome({ kind: "confirmed" });
        }
      } catch {
        // A failed read is one missed attempt; the bounded loop decides.
      }
    }
    setOutcome({ kind: "not-confirmed" });
    void qc.invalidateQueries({ queryKey: deviceDetailKeys.status(pk, info.did) });
  };

  const send = async () => {
    if (!intent || inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    setSendError(null);
    try {
      await sendControl(pk, info.did, intent.body, intent.key);
      setIntent(null);
      setEdits({});
      void qc.invalidateQueries({ queryKey: [...deviceDetailKeys.device(pk, info.did), "commands"] });
      if ("attrs" in intent.body) {
        setOutcome({ kind: "verifying" });
        void readBack(intent.body.attrs);
      } else setOutcome({ kind: "raw-sent" });
    } catch (e) {
      setSendError(errorText(e).message);
      void qc.invalidateQueries({ queryKey: [...deviceDetailKeys.device(pk, info.did), "commands"] });
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };

  return (
    <Card data-testid="control-panel">
      <CardHeader title={t("controlTitle")} />
      <div className="flex flex-col gap-4 p-4">
        {refusal ? (
          <p
            role="alert"
            data-testid="control-refusal"
            className="flex items-center gap-2 rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-[13px] text-warn"
          >
            <IconAlert width={16} height={16} /> {refusal}
          </p>
        ) : null}
        <Tabs
          idBase="control-mode"
          items={[
            { value: "form", label: t("controlForm") },
            { value: "raw", label: t("controlRaw") },
          ]}
          value={mode}
          onValueChange={(v) => setMode(v === "raw" ? "raw" : "form")}
        />
        {mode === "form" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            {fields.map((fld) => {
              const id = `ctl-${fld.name}`;
              const err = fieldErrors[fld.name];
              const hint =
                fld.kind === "number"
                  ? t("range_", { min: fld.min.toFixed(fld.decimals), max: fld.max.toFixed(fld.decimals), step: fld.step })
                  : fld.kind === "hex" && fld.byteLength !== null
                    ? t("hexHint", { n: fld.byteLength })
                    : undefined;
              const set = (v: FormInput) => setEdits((e) => ({ ...e, [fld.name]: v }));
              return (
                <Field key={fld.name} label={fld.label} htmlFor={id} hint={hint} error={err}>
                  {fld.kind === "switch" ? (
                    <Switch id={id} checked={value(fld.name) === true} onCheckedChange={set} disabled={!!refusal} aria-label={fld.label} />
                  ) : fld.kind === "select" ? (
                    <Select
                      id={id}
                      value={String(value(fld.name))}
                      onChange={(e) => set(e.target.value)}
                      disabled={!!refusal}
                      options={fld.options.map((o) => ({ value: o, label: o }))}
                      placeholder={value(fld.name) === "" ? "—" : undefined}
                    />
                  ) : fld.kind === "number" ? (
                    <Input
                      id={id}
                      type="number"
                      inputMode="decimal"
                      min={fld.min}
                      max={fld.max}
                      step={fld.step}
                      value={String(value(fld.name))}
                      onChange={(e) => set(e.target.value)}
                      disabled={!!refusal}
                      invalid={!!err}
                      aria-describedby={`${id}-msg`}
                    />
                  ) : (
                    <Input
                      id={id}
                      className="font-mono"
                      value={String(value(fld.name))}
                      onChange={(e) => set(e.target.value)}
                      disabled={!!refusal}
                      invalid={!!err}
                      aria-describedby={`${id}-msg`}
                    />
                  )}
                </Field>
              );
            })}
          </div>
        ) : (
          <div className="flex flex-col gap-3">
            <label className="flex items-center gap-2 text-[13px] text-ink-muted">
              {t("rawFormat")}
              <Select
                className="w-40"
                value={rawFormat}
                onChange={(e) => setRawFormat(e.target.value as RawFormat)}
                options={RAW_FORMATS.map((r) => ({ value: r, label: t(RAW_LABEL[r]) }))}
              />
            </label>
            <Textarea
              aria-label={t("controlRaw")}
              className="font-mono"
              rows={3}
              value={rawText}
              placeholder={t("rawPlaceholder")}
              onChange={(e) => setRawText(e.target.value)}
              disabled={!!refusal}
            />
            {rawParsed ? (
              <p className={rawParsed.ok ? "font-mono text-xs text-ink-muted" : "text-xs text-bad"}>
                {rawParsed.ok
                  ? `${t("rawBytes", { n: rawParsed.value.length })}: ${bytesToHex(rawParsed.value, " ")}`
                  : rawParsed.reason[locale]}
              </p>
            ) : null}
          </div>
        )}
        {notice ? <p className="text-[13px] text-ink-muted">{notice}</p> : null}
        <div className="flex items-center gap-3">
          <Button variant="primary" onClick={review} disabled={!!refusal}>
            {t("review")}
          </Button>
          {outcome ? (
            <span data-testid="readback-result" data-outcome={outcome.kind} className="flex items-center gap-2 text-[13px]">
              {outcome.kind === "verifying" ? (
                <span className="text-ink-muted">{t("sent")}</span>
              ) : outcome.kind === "confirmed" ? (
                <>
                  <Badge tone="success" dot>
                    {t("confirmed")}
                  </Badge>
                  <span className="text-ink-muted">{t("confirmedText")}</span>
                </>
              ) : outcome.kind === "not-confirmed" ? (
                <>
                  <Badge tone="warning" dot>
                    {t("notConfirmed")}
                  </Badge>
                  <span className="text-ink-muted">
                    {t("notConfirmedText", { s: (READBACK_POLICY.attempts * READBACK_POLICY.intervalMs) / 1000 })}
                  </span>
                </>
              ) : (
                <span className="text-ink-muted">{t("rawSent")}</span>
              )}
            </span>
          ) : null}
        </div>
      </div>
      <ConfirmDialog
        open={intent !== null}
        title={t("confirmTitle")}
        confirmLabel={pending ? t("sending") : t("send")}
        pending={pending}
        error={sendError}
        onConfirm={() => void send()}
        onCancel={() => setIntent(null)}
        message={t("confirmIntro", { did: info.did })}
      >
        {intent?.changes ? (
          <table className="mt-3 w-full text-[13px]" data-testid="control-diff">
            <thead>
              <tr className="text-left text-xs text-ink-subtle">
                <th className="py-1 font-normal">{t("colDatapoint")}</th>
                <th className="py-1 font-normal">{t("current")}</th>
                <th className="py-1 font-normal">{t("next")}</th>
              </tr>
            </thead>
            <tbody>
              {intent.changes.map((c) => (
                <tr key={c.name} className="border-t border-line">
                  <td className="py-1.5">{c.label}</td>
                  <td className="py-1.5 text-ink-muted">{c.fromText[locale]}</td>
                  <td className="py-1.5 font-medium">→ {c.toText[locale]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : intent?.rawBytes ? (
          <p className="mt-3 font-mono text-xs">
            {t("confirmRaw", { n: intent.rawBytes.length })} {bytesToHex(intent.rawBytes, " ")}
          </p>
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}
