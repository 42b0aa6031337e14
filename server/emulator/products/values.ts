/** Value conversion between the raw wire value of a datapoint and what the API prints or accepts. */
import type { AttrDef, RawValue } from "./define";

function roundRatio(v: number, ratio: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(ratio) - 1e-9));
  return Number(v.toFixed(decimals));
}

/** Raw wire value -> value as the data endpoint prints it (enum label, real number, 0/1, hex). */
export function displayValue(a: AttrDef, raw: RawValue): number | string {
  switch (a.data_type) {
    case "enum":
      return a.enum?.[Number(raw)] ?? Number(raw);
    case "uint8":
    case "uint16":
    case "uint32": {
      const s = a.uint_spec ?? { min: 0, max: 0, ratio: 1, addition: 0 };
      return roundRatio(Number(raw) * s.ratio + s.addition, s.ratio);
    }
    default:
      return raw;
  }
}

export function realNumber(a: AttrDef, raw: RawValue): number {
  const s = a.uint_spec;
  if (!s) return Number(raw);
  return Number(raw) * s.ratio + s.addition;
}

export type ControlParse = { ok: true; raw: RawValue } | { ok: false };

/**
 * Validates a control value for one attribute the way the doc describes: bool true/false (0/1
 * tolerated), enum label (index tolerated), numbers in the real range, binary as hex (or
 * base64 when binary_coding says so) padded to the full datapoint length.
 */
export function parseControlValue(a: AttrDef, v: unknown, coding: "hex" | "base64"): ControlParse {
  switch (a.data_type) {
    case "bool":
      if (v === true || v === 1) return { ok: true, raw: 1 };
      if (v === false || v === 0) return { ok: true, raw: 0 };
      return { ok: false };
    case "enum": {
      const labels = a.enum ?? [];
      if (typeof v === "string" && labels.includes(v)) return { ok: true, raw: labels.indexOf(v) };
      if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < labels.length) return { ok: true, raw: v };
      return { ok: false };
    }
    case "uint8":
    case "uint16":
    case "uint32": {
      const s = a.uint_spec;
      if (!s || typeof v !== "number" || !Number.isFinite(v)) return { ok: false };
      const raw = Math.round((v - s.addition) / s.ratio);
      // Reject values that are not on the ratio grid (e.g. 0.05 for a ratio of 0.1).
      if (Math.abs(raw * s.ratio + s.addition - v) > s.ratio * 1e-6 + 1e-9) return { ok: false };
      if (raw < s.min || raw > s.max) return { ok: false };
      return { ok: true, raw };
    }
    case "binary": {
      if (typeof v !== "string") return { ok: false };
      let bytes: Buffer;
      if (coding === "base64") {
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return { ok: false };
        bytes = Buffer.from(v, "base64");
      } else {
        if (!/^[0-9a-fA-F]*$/.test(v) || v.length % 2 !== 0) return { ok: false };
        bytes = Buffer.from(v, "hex");
      }
      if (bytes.length !== a.position.len) return { ok: false };
      return { ok: true, raw: bytes.toString("hex") };
    }
  }
}
