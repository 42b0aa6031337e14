/**
 * Value conversions for Gizwits datapoints.
 *
 * Two representations exist. The device protocol carries a raw unsigned integer; the cloud maps
 * it linearly to the real value `raw · ratio + addition` (the API doc's 获取产品数据点). The Enterprise
 * API speaks real values on both sides: /data reports them (the doc's example has
 * `"room_temp": -10` for a uint datapoint, impossible as a raw value) and control `attrs` take
 * them (the control doc types uint8/16/32 values as plain numbers, the same shape /data returns). So the console never
 * sends raw integers in `attrs`; toRaw exists to snap a typed real value onto the device's grid
 * and to check the raw range, so that what we send converts exactly.
 */
import { say, text } from "./devices-text";
import type { Locale } from "./i18n/core";
import {
  byteLength,
  enumLabel,
  formatValueWith,
  isWritable,
  linear,
  type Result,
  realRange,
  toBool,
  toNumber,
  toReal,
} from "./plain/datapoint-values";
import type { AttrValue, Datapoint } from "./schemas/datapoints";

export * from "./plain/datapoint-values";

/**
 * Raw integer for a real value: rounded to the nearest step, rejected (with a reason) outside
 * the raw range. `real` is the snapped value that `raw` stands for.
 */
export function toRaw(dp: Datapoint, real: number): Result<{ raw: number; real: number }> {
  const l = linear(dp);
  const range = realRange(dp);
  if (!l || !range) return { ok: false, reason: say("unsupportedType", { type: dp.data_type }) };
  if (!Number.isFinite(real)) return { ok: false, reason: say("notANumber", { value: String(real) }) };
  // toFixed(6) drops float noise first, so 0.15/0.1 = 1.4999999999999998 rounds up like 1.5 does.
  const raw = Math.round(Number(((real - l.addition) / l.ratio).toFixed(6))) + 0;
  if (raw < l.rawMin || raw > l.rawMax) {
    return {
      ok: false,
      reason: say("outOfRange", {
        value: String(real),
        min: range.min.toFixed(range.decimals),
        max: range.max.toFixed(range.decimals),
      }),
    };
  }
  return { ok: true, value: { raw, real: toReal(dp, raw) } };
}

/** Human form of a reported or sent value, as shown on the status, history and control views. */
export function formatValue(dp: Datapoint, value: AttrValue | undefined, locale: Locale): string {
  return formatValueWith(dp, value, locale, {
    noValue: text("noValue", locale),
    boolOn: text("boolOn", locale),
    boolOff: text("boolOff", locale),
  });
}

/**
 * Normalises hex typed for a binary datapoint: whitespace and one leading "0x" are dropped,
 * digits are lower-cased and, when the length is known, zeros are appended up to it — the API
 * doc's 设备远程控制: "1234567" for a 5-byte field is sent as "1234567000". Without a known length an
 * odd digit count is refused because it cannot be split into bytes.
 */
export function normalizeHex(input: string, lenBytes: number | null): Result<string> {
  const start = /^\s*(?:0x)?/i.exec(input)?.[0].length ?? 0;
  let digits = "";
  for (let i = start; i < input.length; i++) {
    const c = input[i];
    if (/\s/.test(c)) continue;
    if (!/[0-9a-fA-F]/.test(c)) return { ok: false, reason: say("hexInvalidChar", { char: c, position: i + 1 }) };
    digits += c.toLowerCase();
  }
  if (digits.length === 0) return { ok: false, reason: say("hexEmpty") };
  if (lenBytes === null) {
    if (digits.length % 2 !== 0) return { ok: false, reason: say("hexOddLength") };
    return { ok: true, value: digits };
  }
  if (digits.length > lenBytes * 2) {
    return { ok: false, reason: say("hexTooLong", { bytes: Math.ceil(digits.length / 2), max: lenBytes }) };
  }
  return { ok: true, value: digits.padEnd(lenBytes * 2, "0") };
}

/** A value in the form the control API's `attrs` expects (see the module comment). */
export type ControlValue = boolean | number | string;

/**
 * Checks a form input for a datapoint and converts it to the API's attrs value: bool → true/false,
 * enum → its label (an index is accepted and mapped), uint → the real value snapped to the
 * step and range-checked, binary → lower-case hex padded to the datapoint's length.
 */
export function validateControlValue(dp: Datapoint, input: unknown): Result<ControlValue> {
  if (!isWritable(dp)) return { ok: false, reason: say("notWritable", { name: dp.display_name }) };
  switch (dp.data_type) {
    case "bool": {
      const b = toBool(input);
      return b === null ? { ok: false, reason: say("notBool") } : { ok: true, value: b };
    }
    case "enum": {
      const label = enumLabel(dp, input);
      if (label === null) {
        return { ok: false, reason: say("unknownEnum", { value: String(input), options: dp.enum.join(", ") }) };
      }
      return { ok: true, value: label };
    }
    case "binary":
      if (typeof input !== "string") return { ok: false, reason: say("hexEmpty") };
      return normalizeHex(input, byteLength(dp));
    default: {
      const n = toNumber(input);
      if (n === null) return { ok: false, reason: say("notANumber", { value: String(input ?? "") }) };
      const r = toRaw(dp, n);
      return r.ok ? { ok: true, value: r.value.real } : r;
    }
  }
}
