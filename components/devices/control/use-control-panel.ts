"use client";

import { useReducer, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { controlFields, initialFormValues, isConfirmed, newIdempotencyKey, READBACK_POLICY, type FormInput } from "@/lib/plain/control";
import type { ControlValue, Result } from "@/lib/datapoints";
import { parseRaw, type RawFormat } from "@/lib/plain/payload";
import { datapointsOptions, deviceDetailKeys, fetchFreshStatus, latestStatusOptions, sendControl } from "@/lib/queries/device-detail";
import type { DeviceInfo } from "@/lib/schemas/device-detail";
import { useLocale, useT } from "@/components/i18n";
import { useErrorText } from "@/components/ui/error-state";
import { controlReducer, initialControlState, reviewControl, type ControlMode } from "./control-state";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The remote-control state machine: edit (form or raw bytes) → review (diff against the latest
 * status, or parse the bytes) → confirm → send once → read back until confirmed or out of attempts.
 */
export function useControlPanel(pk: string, info: DeviceInfo) {
  const t = useT("device-detail");
  const locale = useLocale();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const dps = useQuery(datapointsOptions(pk));
  const status = useQuery(latestStatusOptions(pk, info.did));
  const [state, dispatch] = useReducer(controlReducer, initialControlState);
  const { mode, edits, rawFormat, rawText, intent } = state;
  const inFlight = useRef(false);

  const loading = dps.isLoading || status.isLoading;
  const refusal = info.isDisabled ? t("refusedDisabled") : !info.isOnline ? t("refusedOffline") : null;
  const datapoints = dps.data?.datapoints ?? [];
  const fields = controlFields(datapoints);
  const current = status.data?.attrs ?? {};
  const initial = initialFormValues(fields, current);
  const value = (name: string): FormInput => edits[name] ?? initial[name] ?? "";
  const setValue = (name: string, value: FormInput) => dispatch({ type: "edit", name, value });
  const rawParsed: Result<number[]> | null = rawText.trim() ? parseRaw(rawText, rawFormat) : null;

  const review = () =>
    dispatch({
      type: "reviewed",
      result: reviewControl({ mode, rawParsed, datapoints, current, edits, locale, noChanges: t("noChanges"), newKey: newIdempotencyKey }),
    });

  const readBack = async (sent: Record<string, ControlValue>) => {
    for (let i = 0; i < READBACK_POLICY.attempts; i++) {
      await sleep(READBACK_POLICY.intervalMs);
      try {
        const s = await fetchFreshStatus(pk, info.did);
        if (isConfirmed(sent, s.attrs, datapoints)) {
          qc.setQueryData(deviceDetailKeys.status(pk, info.did), s);
          return dispatch({ type: "readBack", confirmed: true });
        }
      } catch {
        // A failed read is one missed attempt; the bounded loop decides.
      }
    }
    dispatch({ type: "readBack", confirmed: false });
    void qc.invalidateQueries({ queryKey: deviceDetailKeys.status(pk, info.did) });
  };

  const send = async () => {
    if (!intent || inFlight.current) return;
    inFlight.current = true;
    dispatch({ type: "sending" });
    try {
      await sendControl(pk, info.did, intent.body, intent.key);
      dispatch({ type: "sent", readBack: "attrs" in intent.body });
      void qc.invalidateQueries({ queryKey: [...deviceDetailKeys.device(pk, info.did), "commands"] });
      if ("attrs" in intent.body) void readBack(intent.body.attrs);
    } catch (e) {
      dispatch({ type: "sendFailed", message: errorText(e).message });
      void qc.invalidateQueries({ queryKey: [...deviceDetailKeys.device(pk, info.did), "commands"] });
    } finally {
      inFlight.current = false;
    }
  };

  return {
    loading,
    refusal,
    mode,
    setMode: (m: ControlMode) => dispatch({ type: "mode", mode: m }),
    fields,
    value,
    setValue,
    fieldErrors: state.fieldErrors,
    rawFormat,
    setRawFormat: (format: RawFormat) => dispatch({ type: "rawFormat", format }),
    rawText,
    setRawText: (text: string) => dispatch({ type: "rawText", text }),
    rawParsed,
    notice: state.notice,
    outcome: state.outcome,
    intent,
    pending: state.pending,
    sendError: state.sendError,
    review,
    send,
    cancel: () => dispatch({ type: "cancel" }),
  };
}
