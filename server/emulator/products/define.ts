/**
 * What a product is made of, and the builder every product file uses: datapoint definitions
 * (covering every data_type and every kind the datapoint doc names) laid out the way the
 * standard fixed-length protocol does, plus the small physics helpers the product models share.
 */
import { hourOfDay, unit4 } from "../util";

export type DataType = "bool" | "enum" | "uint8" | "uint16" | "uint32" | "binary";
/** Real datapoint docs show "status_writable"; the table's W/R/N/E map to these four. */
export type AttrKind = "status_writable" | "status_readonly" | "alert" | "fault";

export interface UintSpec {
  min: number;
  max: number;
  ratio: number;
  addition: number;
}

export interface Position {
  byte_offset: number;
  bit_offset: number;
  len: number;
  unit: "bit" | "byte";
}

export interface AttrDef {
  id: number;
  name: string;
  display_name: string;
  data_type: DataType;
  type: AttrKind;
  desc: string;
  enum?: string[];
  uint_spec?: UintSpec;
  /** For binary: length in bytes. For enum: bits needed. */
  position: Position;
}

/** Raw state: ints for bool/enum/uint (the wire value before ratio/addition), hex for binary. */
export type RawValue = number | string;
export type RawState = Record<string, RawValue>;

export interface ProductDef {
  key: string;
  secret: string;
  name: string;
  attrs: AttrDef[];
  /** Bytes of the full status frame. */
  statusLen: number;
  /** Bytes of the writable prefix of the status frame (control payload). */
  writableLen: number;
  writableNames: string[];
  /** Numeric read-only/writable attrs eligible for agg_data. */
  numericNames: string[];
  alertNames: string[];
  faultNames: string[];
  /** Share of the default fleet. */
  share: number;
  aggEnabled: boolean;
  /**
   * Published products answer the data/cmd/online history logs only once Gizwits enables them
   * (seed 002: "此接口只在产品未发布的情况下使用"); EMULATOR_PUBLISHED / config `published` override.
   */
  published: boolean;
  remoteControlDefault: boolean;
  model: ProductModel;
}

export interface ModelInput {
  device: number;
  salt: number;
  t: number;
  lat: number;
  /** Writable values in effect at t (baseline merged with control overrides). */
  writable: RawState;
  /** Control overrides of this device, oldest first (lets cumulative meters honour valve closures). */
  controls: ReadonlyArray<{ t: number; values: RawState }>;
}

export interface ProductModel {
  /** Setting a user would leave for hours: constant over 6-hour blocks, varies by device. */
  baseline(device: number, salt: number, block: number): RawState;
  /** Read-only values at time t. */
  readonly(input: ModelInput): RawState;
  /** Seconds between periodic status reports, from the writable state. */
  reportInterval(device: number, salt: number, writable: RawState): number;
}

export interface AttrSpec {
  name: string;
  display_name: string;
  data_type: DataType;
  type: AttrKind;
  enum?: string[];
  uint_spec?: UintSpec;
  bytes?: number;
}

function bitsFor(spec: AttrSpec): number {
  if (spec.data_type === "bool") return 1;
  if (spec.data_type === "enum") return Math.max(1, Math.ceil(Math.log2(spec.enum?.length ?? 2)));
  return 0;
}

function bytesFor(spec: AttrSpec): number {
  switch (spec.data_type) {
    case "uint8":
      return 1;
    case "uint16":
      return 2;
    case "uint32":
      return 4;
    case "binary":
      return spec.bytes ?? 1;
    default:
      return 0;
  }
}

/**
 * Lays attributes out the way the standard (fixed-length) protocol does: per section, bool and
 * enum values share packed bit bytes, then numbers and binaries follow byte-aligned. Writable
 * attributes come first so the control payload is a prefix of the status frame.
 */
function layout(specs: AttrSpec[]): { attrs: AttrDef[]; statusLen: number; writableLen: number } {
  const attrs: AttrDef[] = [];
  let offset = 0;
  let writableLen = 0;
  const sections: AttrKind[][] = [["status_writable"], ["status_readonly"], ["alert", "fault"]];
  for (const kinds of sections) {
    const inSection = specs.filter((s) => kinds.includes(s.type));
    let bit = 0;
    const bitAttrs = inSection.filter((s) => bitsFor(s) > 0);
    for (const s of bitAttrs) {
      const len = bitsFor(s);
      attrs.push(def(s, { byte_offset: offset + Math.floor(bit / 8), bit_offset: bit % 8, len, unit: "bit" }));
      bit += len;
    }
    offset += Math.ceil(bit / 8);
    for (const s of inSection.filter((x) => bitsFor(x) === 0)) {
      const len = bytesFor(s);
      attrs.push(def(s, { byte_offset: offset, bit_offset: 0, len, unit: "byte" }));
      offset += len;
    }
    if (kinds[0] === "status_writable") writableLen = offset;
  }
  // Keep the catalogue order (ids) stable as declared, not as laid out.
  const order = new Map(specs.map((s, i) => [s.name, i]));
  attrs.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  for (const [i, a] of attrs.entries()) a.id = i;
  return { attrs, statusLen: offset, writableLen };
}

function def(s: AttrSpec, position: Position): AttrDef {
  const a: AttrDef = { id: 0, name: s.name, display_name: s.display_name, data_type: s.data_type, type: s.type, desc: ".....", position };
  if (s.enum) a.enum = s.enum;
  if (s.uint_spec) a.uint_spec = s.uint_spec;
  return a;
}

export function defineProduct(
  base: Omit<ProductDef, "attrs" | "statusLen" | "writableLen" | "writableNames" | "numericNames" | "alertNames" | "faultNames">,
  specs: AttrSpec[],
): ProductDef {
  const { attrs, statusLen, writableLen } = layout(specs);
  return {
    ...base,
    attrs,
    statusLen,
    writableLen,
    writableNames: attrs.filter((a) => a.type === "status_writable").map((a) => a.name),
    numericNames: attrs.filter((a) => a.data_type.startsWith("uint")).map((a) => a.name),
    alertNames: attrs.filter((a) => a.type === "alert").map((a) => a.name),
    faultNames: attrs.filter((a) => a.type === "fault").map((a) => a.name),
  };
}

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
export const toRaw = (real: number, spec: UintSpec) => clamp(Math.round((real - spec.addition) / spec.ratio), spec.min, spec.max);

/** Outdoor-ish temperature: daily sine, colder further north, device-specific noise. */
export function ambient(t: number, lat: number, device: number, salt: number): number {
  const hour = hourOfDay(t) + (t % 3600) / 3600;
  const noise = unit4(salt, device, Math.floor(t / 900), 0x7e) - 0.5;
  return 24 - (Math.abs(lat) - 25) * 0.45 + 6 * Math.sin((2 * Math.PI * (hour - 9)) / 24) + noise * 1.5;
}
