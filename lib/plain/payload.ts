// Plain TypeScript, no zod (client code imports this; see bench/bundle-budget.ts, "keeping a route light").
/**
 * Raw command bytes: parsing what an operator types (decimal list, hex, base64), encoding the
 * control API's raw body, and reading cmd-log payloads (hex dump, Gizwits P0 frame).
 */
import { say, text, type DevicesDomainKey } from "../devices-text";
import type { Locale, LocalizedText } from "../i18n/core";
import { devicesDomain } from "../i18n/messages/devices-domain";
import type { Result } from "../datapoints";

export const RAW_FORMATS = ["decimal", "hex", "base64"] as const;
export type RawFormat = (typeof RAW_FORMATS)[number];

const fail = (reason: LocalizedText): { ok: false; reason: LocalizedText } => ({ ok: false, reason });

/** "97, 98, 99", "[97,98,99]", "97 98 99" (commas, semicolons or whitespace between bytes). */
export function parseDecimalBytes(input: string): Result<number[]> {
  let s = input.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  const tokens = s.split(/[\s,;]+/).filter((t) => t !== "");
  if (tokens.length === 0) return fail(say("rawEmpty"));
  const bytes: number[] = [];
  for (const [i, token] of tokens.entries()) {
    const n = /^\d{1,3}$/.test(token) ? Number(token) : Number.NaN;
    if (!(n <= 255)) return fail(say("decimalInvalid", { position: i + 1, token }));
    bytes.push(n);
  }
  return { ok: true, value: bytes };
}

const HEX_SEPARATOR = /[\s,:-]/;

/** "616263", "61 62 63", "61:62:63", "0x61 0x62 0x63". */
export function parseHexBytes(input: string): Result<number[]> {
  let digits = "";
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (HEX_SEPARATOR.test(c)) continue;
    const tokenStart = i === 0 || HEX_SEPARATOR.test(input[i - 1]);
    if (c === "0" && tokenStart && (input[i + 1] === "x" || input[i + 1] === "X")) {
      i++;
      continue;
    }
    if (!/[0-9a-fA-F]/.test(c)) return fail(say("hexInvalidChar", { char: c, position: i + 1 }));
    digits += c;
  }
  if (digits.length === 0) return fail(say("rawEmpty"));
  if (digits.length % 2 !== 0) return fail(say("hexOddLength"));
  return { ok: true, value: hexToBytes(digits) };
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard or URL-safe base64, padded or not, whitespace ignored. */
export function parseBase64Bytes(input: string): Result<number[]> {
  const s = input.replace(/\s+/g, "");
  if (s === "") return fail(say("rawEmpty"));
  const firstPad = s.indexOf("=");
  const body = firstPad === -1 ? s : s.slice(0, firstPad);
  const padding = firstPad === -1 ? "" : s.slice(firstPad);
  if (!/^={1,2}$/.test(padding) && padding !== "") return fail(say("base64BadPadding"));
  const values: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] === "-" ? "+" : body[i] === "_" ? "/" : body[i];
    const v = B64.indexOf(c);
    if (v === -1) return fail(say("base64InvalidChar", { char: body[i], position: i + 1 }));
    values.push(v);
  }
  if (body.length % 4 === 1 || (padding !== "" && s.length % 4 !== 0)) return fail(say("base64BadLength"));
  if (body.length === 0) return fail(say("rawEmpty"));
  const bytes: number[] = [];
  for (let i = 0; i < values.length; i += 4) {
    const [a, b, c = 0, d = 0] = values.slice(i, i + 4);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    bytes.push((n >> 16) & 0xff);
    if (i + 2 < values.length) bytes.push((n >> 8) & 0xff);
    if (i + 3 < values.length) bytes.push(n & 0xff);
  }
  return { ok: true, value: bytes };
}

export function parseRaw(input: string, format: RawFormat): Result<number[]> {
  if (format === "decimal") return parseDecimalBytes(input);
  if (format === "hex") return parseHexBytes(input);
  return parseBase64Bytes(input);
}

/** Expects an even-length hex string (no validation: callers have checked it). */
export function hexToBytes(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

export function bytesToHex(bytes: readonly number[], separator = ""): string {
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(separator);
}

export function bytesToBase64(bytes: readonly number[]): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? B64[n & 63] : "=";
  }
  return out;
}

/** Re-renders bytes in another input format (for switching the raw editor's mode). */
export function formatRaw(bytes: readonly number[], format: RawFormat): string {
  if (format === "decimal") return bytes.join(", ");
  if (format === "hex") return bytesToHex(bytes, " ");
  return bytesToBase64(bytes);
}

export type RawControlBody = { raw: number[] } | { raw: string; binary_coding: "hex" | "base64" };

/**
 * The control API's raw body. The API doc: "默认格式为十进制数组，设置 binary_coding 参数可使用 hex
 * 和 base64". Only the decimal array has an example and appears in the parameter table, so it is
 * the default; whatever the operator typed in, the bytes are the same.
 */
export function rawControlBody(bytes: readonly number[], coding: RawFormat = "decimal"): RawControlBody {
  if (coding === "hex") return { raw: bytesToHex(bytes), binary_coding: "hex" };
  if (coding === "base64") return { raw: bytesToBase64(bytes), binary_coding: "base64" };
  return { raw: [...bytes] };
}

export interface HexDumpRow {
  offset: number;
  /** Hex offset, 4 digits (8 beyond 64 KiB). */
  offsetLabel: string;
  /** Two-digit lower-case hex per byte. */
  hex: string[];
  /** Printable ASCII per byte, "." for the rest. */
  ascii: string;
}

export function hexDump(bytes: readonly number[], width = 16): HexDumpRow[] {
  const digits = bytes.length > 0x10000 ? 8 : 4;
  const rows: HexDumpRow[] = [];
  for (let offset = 0; offset < bytes.length; offset += width) {
    const chunk = bytes.slice(offset, offset + width);
    rows.push({
      offset,
      offsetLabel: offset.toString(16).padStart(digits, "0"),
      hex: chunk.map((b) => b.toString(16).padStart(2, "0")),
      ascii: chunk.map((b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : ".")).join(""),
    });
  }
  return rows;
}

/** `hexdump -C`-like text, for copying. */
export function formatHexDump(bytes: readonly number[], width = 16): string {
  return hexDump(bytes, width)
    .map((r) => `${r.offsetLabel}  ${r.hex.join(" ").padEnd(width * 3 - 1)}  |${r.ascii}|`)
    .join("\n");
}

export const P0_FIELD_KEYS = ["header", "len", "flag", "cmd", "sn", "action", "payload"] as const;
export type P0FieldKey = (typeof P0_FIELD_KEYS)[number];

export interface P0Field {
  key: P0FieldKey;
  offset: number;
  bytes: number[];
  /** Numeric value for len, flag, cmd, sn and action. */
  value: number | null;
}

export interface P0Frame {
  fields: P0Field[];
  flag: number;
  cmd: number;
  sn: number | null;
  action: number | null;
  payload: number[];
}

/** GAgent data commands: 0x90/0x93 carry cloud → device data, 0x91/0x94 the device's; 0x93/0x94 add a 4-byte sequence number. */
const DATA_CMDS = new Set([0x0090, 0x0091, 0x0093, 0x0094]);
const SN_CMDS = new Set([0x0093, 0x0094]);

/**
 * Splits a Gizwits P0 frame: header 00000003, length (MQTT-style variable length, 1–4 bytes,
 * counting everything after it), flag, 2-byte cmd, then for data commands an optional sequence
 * number and an action byte before the business data. Null when the bytes are not such a frame
 * (wrong header or a length that disagrees), so callers show them raw.
 */
export function parseP0(bytes: readonly number[]): P0Frame | null {
  if (bytes.length < 5 || bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0 || bytes[3] !== 3) return null;
  let len = 0;
  let p = 4;
  for (let mult = 1, i = 0; ; i++, mult *= 128) {
    if (i === 4 || p >= bytes.length) return null;
    const b = bytes[p++];
    len += (b & 0x7f) * mult;
    if ((b & 0x80) === 0) break;
  }
  if (bytes.length - p !== len || len < 3) return null;
  const fields: P0Field[] = [
    { key: "header", offset: 0, bytes: bytes.slice(0, 4), value: null },
    { key: "len", offset: 4, bytes: bytes.slice(4, p), value: len },
  ];
  const take = (key: P0FieldKey, n: number): P0Field => {
    const f: P0Field = { key, offset: p, bytes: bytes.slice(p, p + n), value: null };
    f.value = f.bytes.reduce((acc, b) => acc * 256 + b, 0);
    fields.push(f);
    p += n;
    return f;
  };
  const flag = take("flag", 1).value ?? 0;
  const cmd = take("cmd", 2).value ?? 0;
  let sn: number | null = null;
  let action: number | null = null;
  if (SN_CMDS.has(cmd)) {
    if (bytes.length - p < 4) return null;
    sn = take("sn", 4).value;
  }
  if (DATA_CMDS.has(cmd) && p < bytes.length) action = take("action", 1).value;
  const payload = bytes.slice(p);
  if (payload.length > 0) fields.push({ key: "payload", offset: p, bytes: payload, value: null });
  return { fields, flag, cmd, sn, action, payload };
}

export interface CmdPayload {
  encoding: "hex" | "base64";
  bytes: number[];
  frame: P0Frame | null;
}

/**
 * Decodes a cmd-log payload. The API doc's text says base64 but its examples are hex P0 frames
 * (e.g. "0000000309000090010101000010"), so both are read: hex wins, unless only the base64 reading is a
 * P0 frame.
 */
export function decodeCmdPayload(payload: string): CmdPayload | null {
  const s = payload.trim();
  const hex = /^(?:[0-9a-fA-F]{2})+$/.test(s) ? hexToBytes(s) : null;
  const hexFrame = hex ? parseP0(hex) : null;
  if (hex && hexFrame) return { encoding: "hex", bytes: hex, frame: hexFrame };
  const b64 = parseBase64Bytes(s);
  if (b64.ok) {
    const b64Frame = parseP0(b64.value);
    if (b64Frame || !hex) return { encoding: "base64", bytes: b64.value, frame: b64Frame };
  }
  return hex ? { encoding: "hex", bytes: hex, frame: null } : null;
}

function known(key: string): key is DevicesDomainKey {
  return Object.hasOwn(devicesDomain.en, key);
}

export function p0FieldLabel(key: P0FieldKey, locale: Locale): string {
  return text(`p0_${key}`, locale);
}

/** "Cloud → device" etc. for known commands, else "0x0015". */
export function p0CmdLabel(cmd: number, locale: Locale): string {
  const key = `cmd_${cmd.toString(16).padStart(4, "0")}`;
  return known(key) ? text(key, locale) : `0x${cmd.toString(16).padStart(4, "0")}`;
}

export function p0ActionLabel(action: number, locale: Locale): string {
  const key = `action_${action.toString(16).padStart(2, "0")}`;
  return known(key) ? text(key, locale) : `0x${action.toString(16).padStart(2, "0")}`;
}

/** The communication log's directions (`type` of a cmd record). */
export const CMD_DIRECTIONS = ["app2dev", "dev2app"] as const;

/** "App → device" / "Device → app" for the cmd log's `type`; unknown types as-is. */
export function cmdDirectionLabel(type: string, locale: Locale): string {
  const key = `dir_${type}`;
  return known(key) ? text(key, locale) : type;
}
