/**
 * The demo tenant's product catalogue: datapoint definitions (covering every data_type and
 * every kind the datapoint doc names), the `GET /datapoint` document built from them, the
 * Gizwits P0 frame encoding used for cmd logs, and per-product physical models that turn
 * (device, time, settings) into plausible read-only values.
 */
import { hash4, hourOfDay, unit4 } from "./util";

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

interface AttrSpec {
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

function product(
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

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const toRaw = (real: number, spec: UintSpec) => clamp(Math.round((real - spec.addition) / spec.ratio), spec.min, spec.max);

/** Outdoor-ish temperature: daily sine, colder further north, device-specific noise. */
function ambient(t: number, lat: number, device: number, salt: number): number {
  const hour = hourOfDay(t) + (t % 3600) / 3600;
  const noise = unit4(salt, device, Math.floor(t / 900), 0x7e) - 0.5;
  return 24 - (Math.abs(lat) - 25) * 0.45 + 6 * Math.sin((2 * Math.PI * (hour - 9)) / 24) + noise * 1.5;
}

// --- Product 1: air conditioner (the seed examples' datapoints) -------------------------------

const AC_ROOM: UintSpec = { min: 0, max: 700, ratio: 0.1, addition: -20 };
const AC_SET: UintSpec = { min: 0, max: 14, ratio: 1, addition: 16 };
const AC_MODES = ["自动", "制冷", "制热", "送风", "除湿"];

const airConditioner = product(
  {
    key: "6f2e214bf2d79649232431b94a25f46a",
    secret: "a3f1c2d4e5b60718293a4b5c6d7e8f90",
    name: "Smart Air Conditioner / 智能空调",
    share: 0.55,
    aggEnabled: false,
    remoteControlDefault: true,
    model: {
      baseline(device, salt, block) {
        const h = (k: number) => unit4(salt, device, block, k);
        const modeRoll = h(2);
        const mode = modeRoll < 0.2 ? 0 : modeRoll < 0.65 ? 1 : modeRoll < 0.85 ? 2 : modeRoll < 0.95 ? 3 : 4;
        const setReal = mode === 2 ? 20 + Math.floor(h(3) * 5) : 24 + Math.floor(h(3) * 4);
        return {
          switch: h(1) < 0.7 ? 1 : 0,
          mode,
          fan_speed: Math.floor(h(4) * 4),
          fan_swing: h(5) < 0.4 ? 1 : 0,
          set_temp: toRaw(setReal, AC_SET),
          on_timing: h(6) < 0.85 ? 0 : 1 + Math.floor(h(7) * 12),
          off_timing: h(8) < 0.8 ? 0 : 1 + Math.floor(h(9) * 12),
          // Weekly schedule bitmap: constant per device (people rarely edit it).
          schedule: [0, 1, 2, 3, 4].map((k) => (hash4(salt, device, 0x5c, k) & 0xff).toString(16).padStart(2, "0")).join(""),
        };
      },
      readonly({ device, salt, t, lat, writable }) {
        const outside = ambient(t, lat, device, salt);
        const on = writable.switch === 1;
        const mode = Number(writable.mode);
        const set = Number(writable.set_temp) * AC_SET.ratio + AC_SET.addition;
        // A running unit pulls the room most of the way towards its set point.
        const room = on && mode !== 3 ? set + (outside - set) * 0.25 : outside;
        const humid = 55 + 15 * Math.sin(t / 20000 + device) + (on && mode === 4 ? -20 : 0);
        return { room_temp: toRaw(room, AC_ROOM), humidity: clamp(Math.round(humid), 0, 100) };
      },
      reportInterval(device, salt) {
        return [300, 600, 900][hash4(salt, device, 0x1a) % 3];
      },
    },
  },
  [
    { name: "switch", display_name: "开关", data_type: "bool", type: "status_writable" },
    { name: "mode", display_name: "模式", data_type: "enum", type: "status_writable", enum: AC_MODES },
    { name: "fan_speed", display_name: "风速", data_type: "enum", type: "status_writable", enum: ["低风", "中风", "高风", "自动风"] },
    { name: "fan_swing", display_name: "扫风", data_type: "bool", type: "status_writable" },
    { name: "set_temp", display_name: "设定温度", data_type: "uint8", type: "status_writable", uint_spec: AC_SET },
    {
      name: "on_timing",
      display_name: "定时开机",
      data_type: "uint8",
      type: "status_writable",
      uint_spec: { min: 0, max: 24, ratio: 1, addition: 0 },
    },
    {
      name: "off_timing",
      display_name: "定时关机",
      data_type: "uint8",
      type: "status_writable",
      uint_spec: { min: 0, max: 24, ratio: 1, addition: 0 },
    },
    { name: "schedule", display_name: "周定时表", data_type: "binary", type: "status_writable", bytes: 5 },
    { name: "room_temp", display_name: "室内温度", data_type: "uint16", type: "status_readonly", uint_spec: AC_ROOM },
    {
      name: "humidity",
      display_name: "室内湿度",
      data_type: "uint8",
      type: "status_readonly",
      uint_spec: { min: 0, max: 100, ratio: 1, addition: 0 },
    },
    { name: "alert_full", display_name: "水满报警", data_type: "bool", type: "alert" },
    { name: "alert_filter", display_name: "滤网清洗提醒", data_type: "bool", type: "alert" },
    { name: "fault_roomtemp", display_name: "室温传感器故障", data_type: "bool", type: "fault" },
    { name: "fault_compressor", display_name: "压缩机故障", data_type: "bool", type: "fault" },
  ],
);

// --- Product 2: water meter (agg_data enabled) --------------------------------------------------

const WM_TOTAL: UintSpec = { min: 0, max: 4294967295, ratio: 0.001, addition: 0 };
const WM_RATE: UintSpec = { min: 0, max: 65535, ratio: 0.001, addition: 0 };
const WM_TEMP: UintSpec = { min: 0, max: 1400, ratio: 0.1, addition: -40 };
const WM_INTERVALS = [300, 900, 1800, 3600];

/** m³ per second averaged over a day, per device: 0.2 .. 1.2 m³/day. */
function wmRate(device: number, salt: number): number {
  return (0.2 + unit4(salt, device, 0x3f) * 1.0) / 86400;
}
/**
 * Cumulative volume with a daily usage wave. Its derivative r·(1 + 0.8·cos) stays positive, so
 * the meter never runs backwards.
 */
function wmVolume(t: number, device: number, salt: number): number {
  const r = wmRate(device, salt);
  const w = (2 * Math.PI) / 86400;
  const phase = unit4(salt, device, 0x40) * 2 * Math.PI;
  return 50 + unit4(salt, device, 0x41) * 400 + r * (t - 1.4e9) + ((0.8 * r) / w) * Math.sin(w * t + phase);
}
function wmFlow(t: number, device: number, salt: number): number {
  const r = wmRate(device, salt);
  const w = (2 * Math.PI) / 86400;
  const phase = unit4(salt, device, 0x40) * 2 * Math.PI;
  return r * (1 + 0.8 * Math.cos(w * t + phase)) * 3600; // m³/h
}

const waterMeter = product(
  {
    key: "4bd8778c5aa4602e5c9a5a208a1fdcc3",
    secret: "0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f",
    name: "Smart Water Meter / 智能水表",
    share: 0.35,
    aggEnabled: true,
    remoteControlDefault: true,
    model: {
      baseline(device, salt) {
        // Meters are set up once: constant per device, valve open.
        return {
          valve: 1,
          report_interval: [0, 1, 1, 2, 3][hash4(salt, device, 0x21) % 5],
          alarm_threshold: 200 + (hash4(salt, device, 0x22) % 300),
        };
      },
      readonly({ device, salt, t, controls, writable }) {
        // Volume that flowed while the valve was shut must not count: subtract each closed span.
        let closedVolume = 0;
        let closedAt: number | null = null;
        for (const c of controls) {
          if (c.t > t) break;
          if (c.values.valve === 0 && closedAt === null) closedAt = c.t;
          else if (c.values.valve === 1 && closedAt !== null) {
            closedVolume += wmVolume(c.t, device, salt) - wmVolume(closedAt, device, salt);
            closedAt = null;
          }
        }
        const until = closedAt ?? t;
        const volume = wmVolume(until, device, salt) - closedVolume;
        const open = writable.valve === 1;
        const flow = open ? wmFlow(t, device, salt) * (0.85 + 0.3 * unit4(salt, device, Math.floor(t / 300), 0x42)) : 0;
        const temp = 12 + 8 * Math.sin(t / 86400 / 58) + 2 * Math.sin((2 * Math.PI * hourOfDay(t)) / 24);
        const ageDays = (t - 1.4e9) / 86400;
        const battery = clamp(Math.round(100 - ((ageDays + (hash4(salt, device, 0x43) % 900)) % 1100) / 11), 1, 100);
        return {
          total_flow: toRaw(volume, WM_TOTAL),
          flow_rate: toRaw(flow, WM_RATE),
          water_temp: toRaw(temp, WM_TEMP),
          battery,
        };
      },
      reportInterval(_device, _salt, writable) {
        return WM_INTERVALS[Number(writable.report_interval)] ?? 900;
      },
    },
  },
  [
    { name: "valve", display_name: "阀门", data_type: "bool", type: "status_writable" },
    {
      name: "report_interval",
      display_name: "上报间隔",
      data_type: "enum",
      type: "status_writable",
      enum: ["5分钟", "15分钟", "30分钟", "60分钟"],
    },
    {
      name: "alarm_threshold",
      display_name: "流量报警阈值",
      data_type: "uint16",
      type: "status_writable",
      uint_spec: { min: 0, max: 1000, ratio: 0.01, addition: 0 },
    },
    { name: "total_flow", display_name: "累计流量", data_type: "uint32", type: "status_readonly", uint_spec: WM_TOTAL },
    { name: "flow_rate", display_name: "瞬时流量", data_type: "uint16", type: "status_readonly", uint_spec: WM_RATE },
    { name: "water_temp", display_name: "水温", data_type: "uint16", type: "status_readonly", uint_spec: WM_TEMP },
    {
      name: "battery",
      display_name: "电池电量",
      data_type: "uint8",
      type: "status_readonly",
      uint_spec: { min: 0, max: 100, ratio: 1, addition: 0 },
    },
    { name: "alert_leak", display_name: "漏水报警", data_type: "bool", type: "alert" },
    { name: "alert_low_battery", display_name: "低电量报警", data_type: "bool", type: "alert" },
    { name: "fault_sensor", display_name: "计量传感器故障", data_type: "bool", type: "fault" },
    { name: "fault_valve", display_name: "阀门故障", data_type: "bool", type: "fault" },
  ],
);

// --- Product 3: environment sensor (remote control switched off by default) -------------------

const ES_TEMP: UintSpec = { min: 0, max: 1250, ratio: 0.1, addition: -40 };

const envSensor = product(
  {
    key: "9a3c5e7f1b2d4f6a8c0e2a4c6e8f0b1d",
    secret: "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b",
    name: "Environment Sensor / 环境传感器",
    share: 0.1,
    aggEnabled: false,
    remoteControlDefault: false,
    model: {
      baseline(device, salt) {
        return { led: hash4(salt, device, 0x31) % 4 === 0 ? 0 : 1, sample_rate: [5, 10, 15, 30][hash4(salt, device, 0x32) % 4] };
      },
      readonly({ device, salt, t, lat }) {
        const hour = hourOfDay(t);
        const rush = Math.exp(-((hour - 8) ** 2) / 4) + Math.exp(-((hour - 18) ** 2) / 5);
        const base = 20 + unit4(salt, device, 0x33) * 60;
        const pm = base * (1 + rush) * (0.8 + 0.4 * unit4(salt, device, Math.floor(t / 1800), 0x34));
        return {
          pm25: clamp(Math.round(pm), 0, 1000),
          temperature: toRaw(ambient(t, lat, device, salt), ES_TEMP),
          humidity: clamp(Math.round(50 + 20 * Math.sin(t / 30000 + device)), 0, 100),
          co2: clamp(Math.round(420 + 300 * rush + unit4(salt, device, Math.floor(t / 600), 0x35) * 80), 0, 5000),
        };
      },
      reportInterval(_device, _salt, writable) {
        return Math.max(1, Number(writable.sample_rate)) * 60;
      },
    },
  },
  [
    { name: "led", display_name: "指示灯", data_type: "bool", type: "status_writable" },
    {
      name: "sample_rate",
      display_name: "采样间隔(分钟)",
      data_type: "uint8",
      type: "status_writable",
      uint_spec: { min: 1, max: 60, ratio: 1, addition: 0 },
    },
    {
      name: "pm25",
      display_name: "PM2.5",
      data_type: "uint16",
      type: "status_readonly",
      uint_spec: { min: 0, max: 1000, ratio: 1, addition: 0 },
    },
    { name: "temperature", display_name: "温度", data_type: "uint16", type: "status_readonly", uint_spec: ES_TEMP },
    {
      name: "humidity",
      display_name: "湿度",
      data_type: "uint8",
      type: "status_readonly",
      uint_spec: { min: 0, max: 100, ratio: 1, addition: 0 },
    },
    {
      name: "co2",
      display_name: "二氧化碳",
      data_type: "uint16",
      type: "status_readonly",
      uint_spec: { min: 0, max: 5000, ratio: 1, addition: 0 },
    },
    { name: "alert_pm25", display_name: "PM2.5超标", data_type: "bool", type: "alert" },
    { name: "fault_sensor", display_name: "传感器故障", data_type: "bool", type: "fault" },
  ],
);

export const PRODUCTS: ProductDef[] = [airConditioner, waterMeter, envSensor];

/**
 * A product registered on Gizwits but associated with another enterprise: its token request
 * from the demo enterprise yields 5007 "association not exist".
 */
export const FOREIGN_PRODUCT = { key: "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a", secret: "ffeeddccbbaa99887766554433221100" };

// --- value conversion --------------------------------------------------------------------------

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

// --- P0 frames ---------------------------------------------------------------------------------

function varLen(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** 00000003 | varLen | flag 00 | cmd | payload — the framing seen in the seed's cmd examples. */
export function p0Frame(cmd: number, payload: Uint8Array | number[]): string {
  const body = [0x00, (cmd >> 8) & 0xff, cmd & 0xff, ...payload];
  return Buffer.from([0, 0, 0, 3, ...varLen(body.length), ...body]).toString("hex");
}

function packInto(buf: Uint8Array, a: AttrDef, raw: RawValue): void {
  const p = a.position;
  if (p.unit === "bit") {
    const value = Number(raw);
    for (let b = 0; b < p.len; b++) {
      const bitIndex = p.bit_offset + b;
      const byte = p.byte_offset + Math.floor(bitIndex / 8);
      if ((value >> b) & 1) buf[byte] |= 1 << (bitIndex % 8);
    }
    return;
  }
  if (a.data_type === "binary") {
    const bytes = Buffer.from(String(raw), "hex");
    buf.set(bytes.subarray(0, p.len), p.byte_offset);
    return;
  }
  let value = Number(raw);
  for (let b = p.len - 1; b >= 0; b--) {
    buf[p.byte_offset + b] = value % 256;
    value = Math.floor(value / 256);
  }
}

/** dev2app status report (action 0x04) with the full status frame. */
export function encodeReport(p: ProductDef, state: RawState): string {
  const buf = new Uint8Array(p.statusLen);
  for (const a of p.attrs) if (state[a.name] !== undefined) packInto(buf, a, state[a.name]);
  return p0Frame(0x0091, [0x04, ...buf]);
}

/** app2dev control (action 0x01): attr_flags bitmap of the writable attrs set, then the writable frame. */
export function encodeControl(p: ProductDef, values: RawState): string {
  const flags = new Uint8Array(Math.ceil(p.writableNames.length / 8));
  p.writableNames.forEach((n, i) => {
    if (values[n] !== undefined) flags[Math.floor(i / 8)] |= 1 << (i % 8);
  });
  const buf = new Uint8Array(p.writableLen);
  for (const a of p.attrs) if (a.type === "status_writable" && values[a.name] !== undefined) packInto(buf, a, values[a.name]);
  return p0Frame(0x0090, [0x01, ...flags, ...buf]);
}

/** Transparent data: the raw bytes behind the P0 prefix the old doc describes ([0,0,0,3,len,0,0,144] + data). */
export function encodeRaw(bytes: Uint8Array): string {
  return p0Frame(0x0090, bytes);
}

// --- GET /datapoint document ------------------------------------------------------------------

const PERM: Record<AttrKind, string> = { status_writable: "W", status_readonly: "R", alert: "N", fault: "E" };

export function datapointDocument(p: ProductDef): Record<string, unknown> {
  const elements = p.attrs.map((a) => {
    const object = { action: "entity0", bind: [`entity0.${a.name}`], perm: PERM[a.type] };
    const common = { object, key: `entity0.${a.name}`, title: a.display_name };
    if (a.data_type === "bool") return { boolValue: false, type: "QBooleanElement", ...common };
    if (a.type !== "status_writable") return { type: "QLabelElement", ...common };
    if (a.data_type === "enum") return { items: a.enum ?? [], type: "QRadioElement", ...common };
    if (a.data_type === "binary") {
      return { maxLength: a.position.len * 2, keyboardType: "NumbersAndPunctuation", type: "QMultilineElement", ...common };
    }
    const s = a.uint_spec ?? { min: 0, max: 0, ratio: 1, addition: 0 };
    return {
      bind: "floatValue:float",
      maximumValue: s.max * s.ratio + s.addition,
      minimumValue: s.min * s.ratio + s.addition,
      value: 0,
      keyboardType: "NumbersAndPunctuation",
      unit_spec: { max: s.max * s.ratio + s.addition, step: s.ratio, min: s.min * s.ratio + s.addition },
      type: "QFloatElement",
      ...common,
    };
  });
  return {
    name: p.name,
    entities: [{ id: 0, display_name: "机智云开发套件", attrs: p.attrs, name: "entity0" }],
    protocolType: "standard",
    product_key: p.key,
    packetVersion: "0x00000004",
    ui: { object: { version: 4, showEditButton: false }, sections: [{ elements }] },
  };
}
