// Plain TypeScript, no zod and no message catalogue (client code imports this; see bench/bundle-budget.ts,
// "keeping a route light"). lib/datapoints.ts re-exports it with the parts that need the catalogue.
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
import type { Locale, LocalizedText } from "../i18n/core";
import type { AttrValue, Datapoint } from "../schemas/datapoints";
import { NUMERIC_DATA_TYPES, type NumericDataType } from "./datapoints";

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

/** The linear map of a numeric datapoint between raw protocol integers and real values. */
export interface Linear {
  rawMin: number;
  rawMax: number;
  ratio: number;
  addition: number;
  decimals: number;
}

export function linear(dp: Datapoint): Linear | null {
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

/** A finite number from a number or numeric string, else null. */
export function toNumber(v: unknown): number | null {
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
/** The words formatValue needs: devices-domain noValue, boolOn and boolOff in the reader's language. */
export interface ValueWords {
  noValue: string;
  boolOn: string;
  boolOff: string;
}

export function formatValueWith(dp: Datapoint, value: AttrValue | undefined, locale: Locale, words: ValueWords): string {
  if (value === null || value === undefined || value === "") return words.noValue;
  switch (dp.data_type) {
    case "bool": {
      const b = toBool(value);
      return b === null ? String(value) : b ? words.boolOn : words.boolOff;
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
