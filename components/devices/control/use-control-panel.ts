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
  type ControlBody,
  type ControlChange,
  type FormInput,
} from "@/lib/control";
import type { ControlValue, Result } from "@/lib/datapoints";
import { deviceDetail } from "@/lib/i18n/messages/device-detail";
import { parseRaw, type RawFormat } from "@/lib/payload";
import { datapointsOptions, deviceDetailKeys, fetchFreshStatus, latestStatusOptions, sendControl } from "@/lib/queries/device-detail";
import type { DeviceInfo } from "@/lib/schemas/device-detail";
import { useLocale, useT } from "@/components/i18n";
import { useErrorText } from "@/components/ui/error-state";

/** A reviewed command waiting for the operator's confirmation; `key` makes a resend of it idempotent. */
export type ControlIntent = { key: string; body: ControlBody; changes: ControlChange[] | null; rawBytes: number[] | null };
export type ControlOutcome = { kind: "verifying" } | { kind: "confirmed" } | { kind: "not-confirmed" } | { kind: "raw-sent" };
export type ControlMode = "form" | "raw";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The remote-control state machine: edit (form or raw bytes) → review (diff against the latest
 * status, or parse the bytes) → confirm → send once → read back until confirmed or out of attempts.
 */
export function useControlPanel(pk: string, info: DeviceInfo) {
  const t = useT(deviceDetail);
  const locale = useLocale();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const dps = useQuery(datapointsOptions(pk));
  const status = useQuery(latestStatusOptions(pk, info.did));
  const [mode, setMode] = useState<ControlMode>("form");
  const [edits, setEdits] = useState<Record<string, FormInput>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [rawFormat, setRawFormat] = useState<RawFormat>("decimal");
  const [rawText, setRawText] = useState("");
  const [intent, setIntent] = useState<ControlIntent | null>(null);
  const [pending, setPending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ControlOutcome | null>(null);
  const inFlight = useRef(false);

  const loading = dps.isLoading || status.isLoading;
  const refusal = info.isDisabled ? t("refusedDisabled") : !info.isOnline ? t("refusedOffline") : null;
  const datapoints = dps.data?.datapoints ?? [];
  const fields = controlFields(datapoints);
  const current = status.data?.attrs ?? {};
  const initial = initialFormValues(fields, current);
  const value = (name: string): FormInput => edits[name] ?? initial[name] ?? "";
  const setValue = (name: string, v: FormInput) => setEdits((e) => ({ ...e, [name]: v }));
  const rawParsed: Result<number[]> | null = rawText.trim() ? parseRaw(rawText, rawFormat) : null;

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

  return {
    loading,
    refusal,
    mode,
    setMode,
    fields,
    value,
    setValue,
    fieldErrors,
    rawFormat,
    setRawFormat,
    rawText,
    setRawText,
    rawParsed,
    notice,
    outcome,
    intent,
    pending,
    sendError,
    review,
    send,
    cancel: () => setIntent(null),
  };
}
