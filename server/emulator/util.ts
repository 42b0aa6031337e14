/**
 * Small deterministic helpers: integer hashing, a seeded PRNG, reversible id encodings and
 * the calendar arithmetic the reports need. Everything the emulator "remembers" about history
 * is recomputed from these, so they must stay pure and stable across runs.
 */

/** mulberry32: tiny, fast, good enough for generating a demo tenant reproducibly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3 finaliser: avalanches one 32-bit word. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hash of up to four integers to an unsigned 32-bit value (murmur3 over four words). Used as
 * "random but stable" for (device, attribute, time bucket) so history can be recomputed
 * instead of stored; it runs tens of millions of times at start-up with a million devices.
 */
export function hash4(a: number, b = 0, c = 0, d = 0): number {
  let h = 0x2545f491;
  h = mixWord(h, a);
  h = mixWord(h, b);
  h = mixWord(h, c);
  h = mixWord(h, d);
  return fmix(h ^ 16);
}

function mixWord(h: number, k: number): number {
  k = Math.imul(k | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Same as hash4 but scaled to [0, 1). */
export function unit4(a: number, b = 0, c = 0, d = 0): number {
  return hash4(a, b, c, d) / 4294967296;
}

export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const B62_INDEX = new Map<string, number>([...BASE62].map((c, i) => [c, i]));
const HEX = "0123456789abcdef";

/** Modular inverse by extended Euclid (values stay far below 2^53). */
function modInverse(a: number, m: number): number {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1, 0];
  while (r !== 0) {
    const q = Math.floor(oldR / r);
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1) throw new Error("not invertible");
  return ((oldS % m) + m) % m;
}

/**
 * Device ids are 22-char base62 strings like the API's ("jaUHdkYkSocBhE2xspYM5k"). To look a
 * did up without a 1M-entry Map, four of its characters encode an affine bijection of the
 * device index; the rest is hash noise. Lookup decodes the index and re-derives the whole
 * string to reject forgeries.
 */
const DID_SPACE = 62 ** 4; // up to 14.7M devices
const DID_MUL = 7_368_787; // odd, not a multiple of 31 => invertible mod 62^4
const DID_MUL_INV = modInverse(DID_MUL, DID_SPACE);
const DID_POS = [3, 8, 13, 19];

export function encodeDid(index: number, salt: number): string {
  const x = (index * DID_MUL + (salt % DID_SPACE)) % DID_SPACE;
  const chars: string[] = new Array<string>(22);
  let k = 0;
  let h = hash4(salt, index, 0x51d);
  for (let p = 0; p < 22; p++) {
    if (k < 4 && p === DID_POS[k]) continue;
    if (p % 5 === 0) h = hash4(salt, index, 0x51d, p);
    chars[p] = BASE62[h % 62];
    h = Math.floor(h / 62);
  }
  let y = x;
  for (k = 3; k >= 0; k--) {
    chars[DID_POS[k]] = BASE62[y % 62];
    y = Math.floor(y / 62);
  }
  return chars.join("");
}

/** Returns the device index encoded in a did, or -1; caller must bound-check and compare. */
export function decodeDid(did: string, salt: number): number {
  if (did.length !== 22) return -1;
  let x = 0;
  for (const p of DID_POS) {
    const v = B62_INDEX.get(did[p]);
    if (v === undefined) return -1;
    x = x * 62 + v;
  }
  const base = (x - (salt % DID_SPACE) + DID_SPACE) % DID_SPACE;
  // (base * inv) may reach ~2.2e14: still exact in a double.
  return (base * DID_MUL_INV) % DID_SPACE;
}

/** 24-bit affine bijection used to embed an index in MACs and uids. */
const B24 = 1 << 24;
const M24 = 0x5bd1e9; // odd => invertible mod 2^24
const M24_INV = modInverse(M24, B24);

function embed24(index: number, salt: number): number {
  return (index * M24 + (salt & 0xffffff)) % B24;
}
function extract24(x: number, salt: number): number {
  return (((x - (salt & 0xffffff) + B24) % B24) * M24_INV) % B24;
}

function hex6(v: number): string {
  return v.toString(16).padStart(6, "0");
}

/** 12 lowercase hex chars: high half hash noise, low half the embedded index. */
export function encodeMac(index: number, salt: number): string {
  return hex6(hash4(salt, index, 0x3ac) & 0xffffff) + hex6(embed24(index, salt ^ 0x3ac));
}

export function decodeMac(mac: string, salt: number): number {
  if (!/^[0-9a-f]{12}$/.test(mac)) return -1;
  return extract24(parseInt(mac.slice(6), 16), salt ^ 0x3ac);
}

/** 32 lowercase hex uid with the user index embedded in chars 10..15. */
export function encodeUid(index: number, salt: number): string {
  let s = "";
  for (let i = 0; i < 4; i++) s += (hash4(salt, index, 0x0d1, i) >>> 0).toString(16).padStart(8, "0");
  return s.slice(0, 10) + hex6(embed24(index, salt ^ 0x0d1)) + s.slice(16);
}

export function decodeUid(uid: string, salt: number): number {
  if (!/^[0-9a-f]{32}$/.test(uid)) return -1;
  return extract24(parseInt(uid.slice(10, 16), 16), salt ^ 0x0d1);
}

export function randomHex(rand: () => number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) s += HEX[Math.floor(rand() * 16)];
  return s;
}

// ---------------------------------------------------------------------------------------------
// Calendar. Gizwits is a Chinese service: report days ("2017-12-07", "2016-51", "2016-12") are
// taken in China Standard Time (UTC+8, no DST). Day numbers are days since 1970-01-01 CST.

export const TZ_OFFSET_S = 8 * 3600;
export const DAY_S = 86400;

export function dayOf(tsSec: number): number {
  return Math.floor((tsSec + TZ_OFFSET_S) / DAY_S);
}

/** Unix seconds of 00:00 CST on a day number. */
export function dayStart(day: number): number {
  return day * DAY_S - TZ_OFFSET_S;
}

function civil(day: number): { y: number; m: number; d: number; wd: number } {
  const dt = new Date(day * DAY_S * 1000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate(), wd: dt.getUTCDay() };
}

const p2 = (n: number) => String(n).padStart(2, "0");

export function formatDay(day: number): string {
  const c = civil(day);
  return `${c.y}-${p2(c.m)}-${p2(c.d)}`;
}

/** "YYYY-MM-DD HH:mm:ss" in CST, as incr_devices/active_devices print created_at. */
export function formatDateTime(tsSec: number): string {
  const dt = new Date((tsSec + TZ_OFFSET_S) * 1000);
  return `${dt.getUTCFullYear()}-${p2(dt.getUTCMonth() + 1)}-${p2(dt.getUTCDate())} ${p2(dt.getUTCHours())}:${p2(dt.getUTCMinutes())}:${p2(dt.getUTCSeconds())}`;
}

export function parseDay(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return t / 86400000;
}

/** ISO-8601 week: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(day: number): { year: number; week: number } {
  const wd = (civil(day).wd + 6) % 7; // Monday = 0
  const thursday = day - wd + 3;
  const year = civil(thursday).y;
  const jan1 = Date.UTC(year, 0, 1) / 86400000;
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** First day (Monday) of an ISO week, or null if the week does not exist in that year. */
export function isoWeekStart(year: number, week: number): number | null {
  if (week < 1 || week > 53) return null;
  const jan4 = Date.UTC(year, 0, 4) / 86400000;
  const wd = (civil(jan4).wd + 6) % 7;
  const start = jan4 - wd + (week - 1) * 7;
  const check = isoWeek(start);
  return check.year === year && check.week === week ? start : null;
}

export function formatWeek(day: number): string {
  const w = isoWeek(day);
  return `${w.year}-${p2(w.week)}`;
}

export function monthIndex(day: number): number {
  const c = civil(day);
  return c.y * 12 + (c.m - 1);
}

export function monthStartDay(mi: number): number {
  return Date.UTC(Math.floor(mi / 12), mi % 12, 1) / 86400000;
}

export function formatMonth(mi: number): string {
  return `${Math.floor(mi / 12)}-${p2((mi % 12) + 1)}`;
}

export function compactDayString(day: number): string {
  const c = civil(day);
  return `${c.y}${p2(c.m)}${p2(c.d)}`;
}

export function hourOfDay(tsSec: number): number {
  return Math.floor(((((tsSec + TZ_OFFSET_S) % DAY_S) + DAY_S) % DAY_S) / 3600);
}

/** Lower-bound binary search over a sorted numeric array-like. */
export function lowerBound(arr: ArrayLike<number>, value: number, lo = 0, hi = arr.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
