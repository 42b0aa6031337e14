/** The Gizwits P0 frame encoding used for cmd logs. */
import type { AttrDef, ProductDef, RawState, RawValue } from "./define";

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

/** 00000003 | varLen | flag 00 | cmd | payload — the framing of the API doc's cmd examples. */
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
