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
import type { Locale, LocalizedText } from "./i18n/core";
import { NUMERIC_DATA_TYPES, type NumericDataType } from "./plain/datapoints";
import type { AttrValue, Datapoint } from "./schemas/datapoints";

export type Result<T> = { ok: true; value: T } | { ok: false; reason: LocalizedText };

const TYPE_MAX: Record<NumericDataType, number> = { uint8: 0xff, uint16: 0xffff, uint32: 0xffffffff };
/** Cap on displayed decimals, so a ratio like 1/3 does not print 16 digits. */
const MAX_DECIMALS = 10;

export function isNumeric(dp: Pick<Datapoint, "data_type">): boolean {
  return (NUMERIC_DATA_TYPES as readonly string[]).includes(dp.data_type);
}
export function isWritable(dp: Pick<Datapoint, "type">): boolean {
  return dp.type === "status_writable";
}
export function isAlert(dp: Pick<Datapoint, "type">): boolean {
  return dp.type === "alert";
}
export function isFault(dp: Pick<Datapoint, "type">): boolean {
  return dp.type === "fault";
}

/** Length of a binary datapoint in bytes, or null when the definition does not say. */
export function byteLength(dp: Pick<Datapoint, "position">): number | null {
  const p = dp.position;
  if (!p || p.len <= 0) return null;
  return p.unit === "bit" ? Math.ceil(p.len / 8) : p.len;
}

/** Number of decimal digits needed to write `x` exactly (0.1 → 1, 1e-7 → 7, 25 → 0). */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(Math.abs(x).toString());
  if (!m) return MAX_DECIMALS;
  const digits = (m[2]?.length ?? 0) - (m[3] ? Number(m[3]) : 0);
  return Math.min(Math.max(digits, 0), MAX_DECIMALS);
}

/** Rounds to `decimals` places, without float noise (0.1·3 → 0.3) and without -0. */
export function roundTo(x: number, decimals: number): number {
  return Number(x.toFixed(decimals)) + 0;
}

interface Linear {
  rawMin: number;
  rawMax: number;
  ratio: number;
  addition: number;
  decimals: number;
}

function linear(dp: Datapoint): Linear | null {
  if (!isNumeric(dp)) return null;
  const typeMax = TYPE_MAX[dp.data_type as NumericDataType];
  const spec = dp.uint_spec;
  const ratio = spec?.ratio ?? 1;
  const addition = spec?.addition ?? 0;
  return {
    rawMin: spec?.min ?? 0,
    rawMax: spec?.max ?? typeMax,
    ratio,
    addition,
    decimals: Math.max(decimalsOf(ratio), decimalsOf(addition)),
  };
}

export interface RealRange {
  min: number;
  max: number;
  /** The real-value distance between two neighbouring raw values (= |ratio|). */
  step: number;
  /** Decimals that show every value of the grid exactly. */
  decimals: number;
}

/** Real range of a numeric datapoint: min·ratio+addition .. max·ratio+addition. Null otherwise. */
export function realRange(dp: Datapoint): RealRange | null {
  const l = linear(dp);
  if (!l) return null;
  const a = roundTo(l.rawMin * l.ratio + l.addition, l.decimals);
  const b = roundTo(l.rawMax * l.ratio + l.addition, l.decimals);
  return { min: Math.min(a, b), max: Math.max(a, b), step: Math.abs(l.ratio), decimals: l.decimals };
}

/** Real value of a raw protocol integer. Non-numeric datapoints return `raw` unchanged. */
export function toReal(dp: Datapoint, raw: number): number {
  const l = linear(dp);
  if (!l) return raw;
  return roundTo(raw * l.ratio + l.addition, l.decimals);
}

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

const TRUE_WORDS = new Set(["1", "true", "on"]);
const FALSE_WORDS = new Set(["0", "false", "off"]);

/** Reads a bool as /data (0/1), the control API (true/false) or a form ("on"/"off") writes it. */
export function toBool(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (TRUE_WORDS.has(s)) return true;
    if (FALSE_WORDS.has(s)) return false;
  }
  return null;
}

/** Enum label for a value given as the label itself or as its index. */
export function enumLabel(dp: Pick<Datapoint, "enum">, v: unknown): string | null {
  if (typeof v === "string") {
    const s = v.trim();
    if (dp.enum.includes(s)) return s;
    if (/^\d+$/.test(s)) return dp.enum[Number(s)] ?? null;
    return null;
  }
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return dp.enum[v] ?? null;
  return null;
}

function toNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Lower-case hex pairs separated by spaces ("0A0b0c" → "0a 0b 0c"); null if not hex. */
export function spacedHex(v: string): string | null {
  const s = v.replace(/\s+/g, "").toLowerCase();
  if (!/^[0-9a-f]*$/.test(s)) return null;
  return (s.match(/.{1,2}/g) ?? []).join(" ");
}

/** Formats a number with exactly `decimals` places. No grouping, so a shown value can be typed back into a form. */
export function formatNumber(n: number, decimals: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: false,
  }).format(n);
}

/** Human form of a reported or sent value, as shown on the status, history and control views. */
export function formatValue(dp: Datapoint, value: AttrValue | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === "") return text("noValue", locale);
  switch (dp.data_type) {
    case "bool": {
      const b = toBool(value);
      return b === null ? String(value) : text(b ? "boolOn" : "boolOff", locale);
    }
    case "enum":
      return enumLabel(dp, value) ?? String(value);
    case "binary":
      return typeof value === "string" ? (spacedHex(value) ?? value) : String(value);
    default: {
      const n = toNumber(value);
      const range = realRange(dp);
      return n === null || !range ? String(value) : formatNumber(n, range.decimals, locale);
    }
  }
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
