// Plain TypeScript, no zod (client code imports this; see bench/bundle-budget.ts, "keeping a route light").
/**
 * The remote-control form model: which datapoints can be written and with what widget, the
 * change preview (current → new), the request body, and the read-back check afterwards.
 *
 * `attrs` carry API-typed values (see lib/datapoints.ts): bool → true/false, enum → label,
 * uint → real value on the step grid, binary → hex padded to the datapoint's length. The server
 * re-checks a body with validateControlAttrs against the product's definitions before sending.
 */
import {
  byteLength,
  enumLabel,
  formatNumber,
  formatValue,
  isWritable,
  realRange,
  toBool,
  validateControlValue,
  type ControlValue,
  type Result,
} from "../datapoints";
import { say } from "../devices-text";
import type { LocalizedText } from "../i18n/core";
import { parseRaw, rawControlBody, type RawControlBody, type RawFormat } from "./payload";
import type { AttrMap, AttrValue, Datapoint, DataRecord } from "../schemas/datapoints";

export type ControlField =
  | { kind: "switch"; name: string; label: string; datapoint: Datapoint }
  | { kind: "select"; name: string; label: string; datapoint: Datapoint; options: string[] }
  | {
      kind: "number";
      name: string;
      label: string;
      datapoint: Datapoint;
      min: number;
      max: number;
      step: number;
      decimals: number;
    }
  | {
      kind: "hex";
      name: string;
      label: string;
      datapoint: Datapoint;
      /** Bytes the value is padded to; null when the definition gives no length. */
      byteLength: number | null;
    };

/** The writable datapoints as form fields, in definition order. */
export function controlFields(datapoints: readonly Datapoint[]): ControlField[] {
  const fields: ControlField[] = [];
  for (const dp of datapoints) {
    if (!isWritable(dp)) continue;
    const base = { name: dp.name, label: dp.display_name, datapoint: dp };
    if (dp.data_type === "bool") fields.push({ kind: "switch", ...base });
    else if (dp.data_type === "enum") fields.push({ kind: "select", ...base, options: [...dp.enum] });
    else if (dp.data_type === "binary") fields.push({ kind: "hex", ...base, byteLength: byteLength(dp) });
    else {
      const r = realRange(dp);
      if (r) fields.push({ kind: "number", ...base, min: r.min, max: r.max, step: r.step, decimals: r.decimals });
    }
  }
  return fields;
}

/** What a form widget holds: a boolean for switches, text for the rest. */
export type FormInput = boolean | string;

/** Form values pre-filled from the device's latest reported data. */
export function initialFormValues(fields: readonly ControlField[], current: AttrMap): Record<string, FormInput> {
  const values: Record<string, FormInput> = {};
  for (const f of fields) {
    const v = current[f.name];
    if (f.kind === "switch") values[f.name] = toBool(v) ?? false;
    else if (f.kind === "select") values[f.name] = enumLabel(f.datapoint, v) ?? "";
    else if (f.kind === "number") values[f.name] = typeof v === "number" && Number.isFinite(v) ? formatNumber(v, f.decimals, "en") : "";
    else values[f.name] = typeof v === "string" ? v.replace(/\s+/g, "").toLowerCase() : "";
  }
  return values;
}

/** Whether a reported value already equals an API-typed value (numbers within half a step). */
export function sameValue(dp: Datapoint | undefined, reported: AttrValue | undefined, sent: ControlValue): boolean {
  if (reported === undefined || reported === null) return false;
  if (!dp) return String(reported) === String(sent);
  switch (dp.data_type) {
    case "bool":
      return toBool(reported) === toBool(sent);
    case "enum":
      return enumLabel(dp, reported) === enumLabel(dp, sent);
    case "binary":
      return (
        typeof reported === "string" &&
        typeof sent === "string" &&
        reported.replace(/\s+/g, "").toLowerCase() === sent.replace(/\s+/g, "").toLowerCase()
      );
    default: {
      const a = typeof reported === "number" ? reported : Number(reported);
      const b = typeof sent === "number" ? sent : Number(sent);
      const step = realRange(dp)?.step ?? 1;
      // The epsilon absorbs float error so that exactly half a step still counts.
      return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= step / 2 + 1e-9;
    }
  }
}

export interface ControlChange {
  name: string;
  label: string;
  from: AttrValue | undefined;
  to: ControlValue;
  fromText: LocalizedText;
  toText: LocalizedText;
}

function bothLanguages(dp: Datapoint, v: AttrValue | undefined): LocalizedText {
  return { en: formatValue(dp, v, "en"), "zh-CN": formatValue(dp, v, "zh-CN") };
}

/**
 * Validates the form and lists what would change, current → new, formatted in both languages.
 * Untouched fields (undefined) and values equal to the current ones are left out; any invalid
 * field makes the result an error map keyed by datapoint name.
 */
export function diffControl(
  datapoints: readonly Datapoint[],
  current: AttrMap,
  next: Record<string, unknown>,
): { ok: true; changes: ControlChange[] } | { ok: false; errors: Record<string, LocalizedText> } {
  const changes: ControlChange[] = [];
  const errors: Record<string, LocalizedText> = {};
  for (const [name, input] of Object.entries(next)) {
    if (input === undefined) continue;
    const dp = datapoints.find((d) => d.name === name);
    if (!dp) {
      errors[name] = say("unknownDatapoint", { name });
      continue;
    }
    const r = validateControlValue(dp, input);
    if (!r.ok) {
      errors[name] = r.reason;
      continue;
    }
    const from = current[name];
    if (sameValue(dp, from, r.value)) continue;
    changes.push({
      name,
      label: dp.display_name,
      from,
      to: r.value,
      fromText: bothLanguages(dp, from),
      toText: bothLanguages(dp, r.value),
    });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const order = new Map(datapoints.map((d, i) => [d.name, i]));
  changes.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return { ok: true, changes };
}

export type AttrsControlBody = { attrs: Record<string, ControlValue> };
export type ControlBody = AttrsControlBody | RawControlBody;

/** The control request body for a set of changes; null when nothing changed. */
export function buildControlBody(changes: readonly Pick<ControlChange, "name" | "to">[]): AttrsControlBody | null {
  if (changes.length === 0) return null;
  return { attrs: Object.fromEntries(changes.map((c) => [c.name, c.to])) };
}

/** Raw mode: the operator's text in any format becomes the documented decimal-array body. */
export function buildRawControl(input: string, format: RawFormat): Result<RawControlBody> {
  const bytes = parseRaw(input, format);
  return bytes.ok ? { ok: true, value: rawControlBody(bytes.value) } : bytes;
}

/** The bytes of a raw body in any of its forms; the API is sent the documented decimal array. */
export function controlRawBytes(body: RawControlBody): Result<number[]> {
  if (Array.isArray(body.raw)) return { ok: true, value: body.raw };
  const coding = "binary_coding" in body ? body.binary_coding : "hex";
  const bytes = parseRaw(body.raw, coding);
  if (bytes.ok && bytes.value.length > 1024) return { ok: false, reason: say("rawTooLong", { max: 1024 }) };
  return bytes;
}

/** Server-side check of submitted attrs against the product's definitions; returns normalised values. */
export function validateControlAttrs(
  datapoints: readonly Datapoint[],
  attrs: Record<string, unknown>,
): { ok: true; value: Record<string, ControlValue> } | { ok: false; errors: Record<string, LocalizedText> } {
  const value: Record<string, ControlValue> = {};
  const errors: Record<string, LocalizedText> = {};
  for (const [name, input] of Object.entries(attrs)) {
    const dp = datapoints.find((d) => d.name === name);
    const r = dp ? validateControlValue(dp, input) : null;
    if (!r) errors[name] = say("unknownDatapoint", { name });
    else if (!r.ok) errors[name] = r.reason;
    else value[name] = r.value;
  }
  if (Object.keys(value).length === 0 && Object.keys(errors).length === 0) {
    return { ok: false, errors: { attrs: say("controlNoChanges") } };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

export interface Confirmation {
  confirmed: boolean;
  fields: { name: string; expected: ControlValue; actual: AttrValue | undefined; ok: boolean }[];
}

/** Compares read-back data with what was sent, field by field. */
export function confirmation(sent: Record<string, ControlValue>, readBack: AttrMap, datapoints: readonly Datapoint[]): Confirmation {
  const fields = Object.entries(sent).map(([name, expected]) => {
    const actual = readBack[name];
    return {
      name,
      expected,
      actual,
      ok: sameValue(
        datapoints.find((d) => d.name === name),
        actual,
        expected,
      ),
    };
  });
  return { confirmed: fields.length > 0 && fields.every((f) => f.ok), fields };
}

/** True when the read-back shows every sent value (numbers within half a step, hex in any case). */
export function isConfirmed(sent: Record<string, ControlValue>, readBack: AttrMap, datapoints: readonly Datapoint[]): boolean {
  return confirmation(sent, readBack, datapoints).confirmed;
}

/**
 * The device's state as reported since a command was sent: the newest value of each attr over
 * records with ts ≥ sentAt − skewSec (seconds). Older records cannot confirm anything.
 */
export function reportedSince(records: readonly DataRecord[], sentAt: number, skewSec = 2): AttrMap {
  const state: AttrMap = {};
  for (const r of [...records].filter((r) => r.ts >= sentAt - skewSec).sort((a, b) => a.ts - b.ts)) {
    Object.assign(state, r.attrs);
  }
  return state;
}

/** How long the page polls the device's data after sending before saying "Not confirmed". */
export const READBACK_POLICY = { attempts: 5, intervalMs: 2_000 } as const;

/**
 * A fresh idempotency key for one confirmed control intent: create it when the operator
 * confirms and reuse it for any resend of that same request. crypto.randomUUID exists only in
 * secure contexts, and a console reached over plain HTTP on a LAN is not one, so v4 UUIDs are
 * also built from getRandomValues.
 */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
