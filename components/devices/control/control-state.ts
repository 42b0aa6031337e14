import { diffControl, type ControlBody, type ControlChange, type FormInput } from "@/lib/plain/control";
import type { Result } from "@/lib/datapoints";
import type { Locale } from "@/lib/i18n/core";
import type { RawFormat } from "@/lib/plain/payload";
import type { AttrMap, Datapoint } from "@/lib/schemas/datapoints";

/** A reviewed command waiting for the operator's confirmation; `key` makes a resend of it idempotent. */
export type ControlIntent = { key: string; body: ControlBody; changes: ControlChange[] | null; rawBytes: number[] | null };
export type ControlOutcome = { kind: "verifying" } | { kind: "confirmed" } | { kind: "not-confirmed" } | { kind: "raw-sent" };
export type ControlMode = "form" | "raw";

/** Everything the control panel remembers between renders. */
export interface ControlState {
  mode: ControlMode;
  /** Form values the operator changed, by datapoint name (untouched fields show the device's current value). */
  edits: Record<string, FormInput>;
  fieldErrors: Record<string, string>;
  notice: string | null;
  rawFormat: RawFormat;
  rawText: string;
  /** Set while the confirm dialog is open. */
  intent: ControlIntent | null;
  pending: boolean;
  sendError: string | null;
  outcome: ControlOutcome | null;
}

export const initialControlState: ControlState = {
  mode: "form",
  edits: {},
  fieldErrors: {},
  notice: null,
  rawFormat: "decimal",
  rawText: "",
  intent: null,
  pending: false,
  sendError: null,
  outcome: null,
};

/** What a press of "review" found: a notice, field errors (undefined: leave them), or a command to confirm. */
export interface ReviewResult {
  notice: string | null;
  fieldErrors?: Record<string, string>;
  intent: ControlIntent | null;
}

/**
 * Review the form or the raw bytes. Raw: nothing typed or unparsable bytes give a notice.
 * Form: invalid fields give errors; no change gives a notice; otherwise the changes (current → new)
 * become the intent, with a fresh idempotency key.
 */
export function reviewControl(input: {
  mode: ControlMode;
  rawParsed: Result<number[]> | null;
  datapoints: readonly Datapoint[];
  current: AttrMap;
  edits: Record<string, FormInput>;
  locale: Locale;
  noChanges: string;
  newKey: () => string;
}): ReviewResult {
  const { rawParsed, locale, noChanges } = input;
  if (input.mode === "raw") {
    if (!rawParsed) return { notice: noChanges, intent: null };
    if (!rawParsed.ok) return { notice: rawParsed.reason[locale], intent: null };
    return { notice: null, intent: { key: input.newKey(), body: { raw: rawParsed.value }, changes: null, rawBytes: rawParsed.value } };
  }
  const d = diffControl(input.datapoints, input.current, input.edits);
  if (!d.ok) {
    return { notice: null, fieldErrors: Object.fromEntries(Object.entries(d.errors).map(([k, v]) => [k, v[locale]])), intent: null };
  }
  if (d.changes.length === 0) return { notice: noChanges, fieldErrors: {}, intent: null };
  // One key per confirmed intent: a double click or a retry of this same command reuses it.
  return {
    notice: null,
    fieldErrors: {},
    intent: {
      key: input.newKey(),
      body: { attrs: Object.fromEntries(d.changes.map((c) => [c.name, c.to])) },
      changes: d.changes,
      rawBytes: null,
    },
  };
}

export type ControlEvent =
  | { type: "mode"; mode: ControlMode }
  | { type: "edit"; name: string; value: FormInput }
  | { type: "rawFormat"; format: RawFormat }
  | { type: "rawText"; text: string }
  | { type: "reviewed"; result: ReviewResult }
  | { type: "cancel" }
  | { type: "sending" }
  /** The device took the command: attrs are read back, raw bytes cannot be. */
  | { type: "sent"; readBack: boolean }
  | { type: "sendFailed"; message: string }
  | { type: "readBack"; confirmed: boolean };

/**
 * edit → review → confirm (intent) → send once → read back. A send that fails keeps the dialog
 * open with the error, so the operator retries the same intent (same key) or cancels.
 */
export function controlReducer(s: ControlState, e: ControlEvent): ControlState {
  switch (e.type) {
    case "mode":
      return { ...s, mode: e.mode };
    case "edit":
      return { ...s, edits: { ...s.edits, [e.name]: e.value } };
    case "rawFormat":
      return { ...s, rawFormat: e.format };
    case "rawText":
      return { ...s, rawText: e.text };
    case "reviewed": {
      const { notice, fieldErrors, intent } = e.result;
      const next = { ...s, notice, outcome: null, fieldErrors: fieldErrors ?? s.fieldErrors };
      return intent ? { ...next, intent, sendError: null } : next;
    }
    case "cancel":
      return { ...s, intent: null };
    case "sending":
      return { ...s, pending: true, sendError: null };
    case "sent":
      return { ...s, pending: false, intent: null, edits: {}, outcome: { kind: e.readBack ? "verifying" : "raw-sent" } };
    case "sendFailed":
      return { ...s, pending: false, sendError: e.message };
    case "readBack":
      return { ...s, outcome: { kind: e.confirmed ? "confirmed" : "not-confirmed" } };
  }
}
