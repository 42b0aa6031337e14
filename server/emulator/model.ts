/**
 * History on demand. Nothing here is stored: a device's sessions, data reports, cmd frames and
 * fault/alert events for any moment are recomputed from (device, time) with stable hashes,
 * then merged with the sparse overrides (control writes, forced online/offline). The last 30
 * days therefore always hold data relative to "now", and memory does not grow with history.
 *
 * Day model: a device is "active" (has data) on a day according to its class — regular
 * devices every day, sporadic ones every k-th day, churned/disabled ones up to their last day.
 * Active days are split into 1–3 sessions separated by short reconnect gaps; this is what
 * the online log, the data log and the liveness reports all read, so they agree.
 */
import {
  CLS_DISABLED,
  CLS_SPORADIC,
  FLAG_ALERT,
  FLAG_DISABLED,
  FLAG_FAULTY,
  FLAG_ONLINE,
  PRONE_ALERT,
  PRONE_FAULT,
  type DemoTenant,
} from "./tenant";
import { CITIES } from "./geo";
import { encodeControl, encodeReport, type ProductDef, type RawState } from "./products";
import { DAY_S, dayOf, dayStart, hash4, unit4 } from "./util";

export interface Session {
  start: number;
  /** Infinity while still connected. */
  end: number;
  reason: string;
}

const REASONS: [string, number][] = [
  ["no_heartbeat", 0.35],
  ["mqtt_disconnect", 0.2],
  ["tcp_closed", 0.2],
  ["ssl_closed", 0.05],
  ["offline_force", 0.08],
  ["offline_exception", 0.07],
  ["offline_sending_density_overflow", 0.03],
  ["offline_sending_data_size_overflow", 0.02],
];

function pickReason(u: number): string {
  let acc = 0;
  for (const [r, w] of REASONS) {
    acc += w;
    if (u < acc) return r;
  }
  return "no_heartbeat";
}

const ms = (t: number) => Math.round(t * 1000) / 1000;

/** Sporadic devices reappear every k days (2..7). */
function sporadicPeriod(t: DemoTenant, i: number): number {
  return 2 + (hash4(t.salt, i, 0xd1) % 6);
}

export function createdDay(t: DemoTenant, i: number): number {
  return dayOf(t.createdAt[i]);
}

/** Whether the device reported anything on a (CST) day. */
export function activeOnDay(t: DemoTenant, i: number, d: number): boolean {
  const cd = dayOf(t.createdAt[i]);
  if (d < cd || d > t.lastDay[i]) return false;
  if (d === cd) return true;
  if ((t.cls[i] & 3) === CLS_SPORADIC) {
    const k = sporadicPeriod(t, i);
    return (d - cd) % k === 0;
  }
  return true;
}

/** Whether the device was active on any day in [a, b]; O(1) so period reports can scan 1M devices. */
export function activeInRange(t: DemoTenant, i: number, a: number, b: number): boolean {
  const cd = dayOf(t.createdAt[i]);
  const lo = Math.max(a, cd);
  const hi = Math.min(b, t.lastDay[i]);
  if (lo > hi) return false;
  if ((t.cls[i] & 3) !== CLS_SPORADIC || lo === cd) return true;
  const k = sporadicPeriod(t, i);
  const next = lo + ((k - ((lo - cd) % k)) % k);
  return next <= hi;
}

function uptime(t: DemoTenant, i: number): number {
  return (t.cls[i] & 3) === CLS_SPORADIC ? 0.2 + 0.3 * unit4(t.salt, i, 0xd2) : 0.5 + 0.36 * unit4(t.salt, i, 0xd3);
}

export function heartbeatInterval(t: DemoTenant, i: number): number {
  return [60, 120, 125][hash4(t.salt, i, 0xd4) % 3];
}

/**
 * Session bounds of one day without reasons, written into `out` as [start0, end0, start1, ...];
 * returns the session count. Allocation-free so the start-up pass over a million devices is
 * cheap. One hash per session supplies all of its jitter.
 */
const BOUNDS = new Float64Array(8);
function sessionBounds(t: DemoTenant, i: number, d: number, out: Float64Array): number {
  if (!activeOnDay(t, i, d)) return 0;
  const ds = dayStart(d);
  const sporadic = (t.cls[i] & 3) === CLS_SPORADIC;
  const h = hash4(t.salt, i, d, 0x5e);
  const n = sporadic ? 1 + (h & 1) : 1 + (h % 3);
  const u = uptime(t, i);
  const slot = DAY_S / n;
  const gap = Math.max(90, (1 - u) * slot);
  for (let j = 0; j < n; j++) {
    const hj = hash4(t.salt, i, d, 0x60 + j);
    const before = 30 + (gap - 60) * ((hj & 0xffff) / 65536);
    out[2 * j] = ms(ds + j * slot + before + ((hj >>> 16) & 0x3ff) / 1024);
    out[2 * j + 1] = ms(ds + (j + 1) * slot - (gap - before) + (hj >>> 26) / 64);
  }
  const created = t.createdAt[i];
  if (d === dayOf(created)) {
    // The first session of a device starts exactly at its creation ("first online").
    let k = 0;
    for (let j = 0; j < n; j++) {
      if (out[2 * j + 1] <= created) continue;
      out[2 * k] = k === 0 ? created : out[2 * j];
      out[2 * k + 1] = out[2 * j + 1];
      k++;
    }
    if (k === 0) {
      out[0] = created;
      out[1] = Math.min(created + 1800, ds + DAY_S - 1);
      return 1;
    }
    return k;
  }
  return rotate(t, i, ds, n, out);
}

/**
 * Moves a day's sessions by a phase of the device's own (0–24 h), the part pushed past midnight
 * wrapping to the start of the same day, so each device's offline gaps fall at its own hours.
 * Without it every device's longest gap straddled midnight in Beijing and almost the whole
 * fleet was offline around it. Sessions stay within their day and in time order; one may split
 * in two (at most n + 1 sessions, `out` holds 4).
 */
function rotate(t: DemoTenant, i: number, ds: number, n: number, out: Float64Array): number {
  const phase = hash4(t.salt, i, 0x7a) % DAY_S;
  const end = ds + DAY_S;
  const head: number[] = [];
  const tail: number[] = [];
  for (let j = 0; j < n; j++) {
    const a = out[2 * j] + phase;
    const b = out[2 * j + 1] + phase;
    if (a >= end) head.push(ms(a - DAY_S), ms(b - DAY_S));
    else if (b > end) {
      head.unshift(ds, ms(b - DAY_S));
      tail.push(ms(a), end);
    } else tail.push(ms(a), ms(b));
  }
  const all = [...head, ...tail];
  for (let k = 0; k < all.length; k++) out[k] = all[k];
  return all.length / 2;
}

/** Natural sessions of one day (before forced overrides), in time order, with offline reasons. */
function naturalSessions(t: DemoTenant, i: number, d: number): Session[] {
  const out = new Float64Array(8);
  const n = sessionBounds(t, i, d, out);
  const sessions: Session[] = [];
  for (let j = 0; j < n; j++) sessions.push({ start: out[2 * j], end: out[2 * j + 1], reason: pickReason(unit4(t.salt, i, d, 0x90 + j)) });
  if (n && d === t.lastDay[i] && (t.cls[i] & 3) === CLS_DISABLED) sessions[n - 1].reason = "offline_reset";
  return sessions;
}

/**
 * Sessions overlapping [from, to], forced transitions applied: before the first forced
 * transition the natural schedule holds; after it the device stays in the forced state.
 */
export function sessionsBetween(t: DemoTenant, i: number, from: number, to: number): Session[] {
  const forced = t.overrides.get(i)?.forced ?? [];
  const cut = forced.length ? forced[0].t : Infinity;
  const out: Session[] = [];
  for (let d = dayOf(from); d <= dayOf(Math.min(to, cut)); d++) {
    for (const s of naturalSessions(t, i, d)) {
      if (s.start >= cut) continue;
      const clipped = s.end > cut ? { ...s, end: cut, reason: "offline_exception" } : s;
      if (clipped.end > from && clipped.start < to) out.push(clipped);
    }
  }
  if (forced.length) {
    // A natural session spanning the first transition continues if that transition was "online".
    let open: Session | null = null;
    const last = out[out.length - 1];
    if (last && last.end === cut && forced[0].online) {
      open = last;
      open.end = Infinity;
      open.reason = "offline_exception";
    }
    for (const f of forced) {
      if (f.online && !open) {
        open = { start: f.t, end: Infinity, reason: "offline_exception" };
        out.push(open);
      } else if (!f.online && open) {
        open.end = f.t;
        open = null;
      }
    }
    return out.filter((s) => s.end > from && s.start < to);
  }
  return out;
}

export function isOnlineAt(t: DemoTenant, i: number, ts: number): boolean {
  if (t.flags[i] & FLAG_DISABLED) return false;
  for (const s of sessionsBetween(t, i, ts, ts + 0.001)) if (s.start <= ts && ts < s.end) return true;
  return false;
}

/** Latest session start at or before ts (the search's online_latest). */
export function latestOnline(t: DemoTenant, i: number, ts: number): number {
  const forced = t.overrides.get(i)?.forced ?? [];
  for (let k = forced.length - 1; k >= 0; k--) if (forced[k].online && forced[k].t <= ts) return Math.floor(forced[k].t);
  let d = Math.min(dayOf(ts), t.lastDay[i]);
  const cd = dayOf(t.createdAt[i]);
  if ((t.cls[i] & 3) === CLS_SPORADIC && d > cd) {
    const k = sporadicPeriod(t, i);
    d -= (d - cd) % k;
  }
  for (let guard = 0; guard < 10 && d >= cd; guard++, d--) {
    const starts = naturalSessions(t, i, d).filter((s) => s.start <= ts);
    if (starts.length) return Math.floor(starts[starts.length - 1].start);
  }
  return Math.floor(t.createdAt[i]);
}

// --- fault / alert events -----------------------------------------------------------------------

export interface EventSpan {
  attr: string;
  start: number;
  end: number;
}

const LONGEST_EVENT_DAYS = 4;

/** Events of one fault/alert datapoint that started on day d (at most one per day). */
function eventOnDay(t: DemoTenant, i: number, kind: "fault" | "alert", slot: number, d: number): { start: number; end: number } | null {
  const bit = kind === "fault" ? PRONE_FAULT : PRONE_ALERT;
  if (!(t.cls[i] & bit)) return null;
  if (!activeOnDay(t, i, d)) return null;
  const q = kind === "fault" ? 0.32 : 0.5;
  const h = hash4(t.salt, i, d, (kind === "fault" ? 0xf00 : 0xa00) + slot);
  if ((h & 0xffff) / 65536 >= q) return null;
  const start = dayStart(d) + ((h >>> 16) / 65536) * DAY_S;
  const u = unit4(t.salt, i, d, (kind === "fault" ? 0xf80 : 0xa80) + slot);
  // Most events clear within hours; about a third linger for days until someone fixes them.
  const dur = u < 0.65 ? 600 + u * 16000 : DAY_S * (1 + (u - 0.65) * 8.5);
  return { start: ms(start), end: ms(start + dur) };
}

export function eventsBetween(t: DemoTenant, i: number, kind: "fault" | "alert", from: number, to: number): EventSpan[] {
  const def = t.products[t.productOf[i]].def;
  const names = kind === "fault" ? def.faultNames : def.alertNames;
  const out: EventSpan[] = [];
  for (let slot = 0; slot < names.length; slot++) {
    for (let d = dayOf(from) - LONGEST_EVENT_DAYS; d <= dayOf(to); d++) {
      const e = eventOnDay(t, i, kind, slot, d);
      if (e && e.end > from && e.start < to) out.push({ attr: names[slot], ...e });
    }
  }
  return out;
}

function activeEventNames(t: DemoTenant, i: number, kind: "fault" | "alert", ts: number): Set<string> {
  const bit = kind === "fault" ? PRONE_FAULT : PRONE_ALERT;
  const out = new Set<string>();
  if (!(t.cls[i] & bit)) return out;
  for (const e of eventsBetween(t, i, kind, ts, ts + 0.001)) if (e.start <= ts && ts < e.end) out.add(e.attr);
  return out;
}

// --- current flags -------------------------------------------------------------------------------

export function computeFlags(t: DemoTenant, i: number, now: number): number {
  const c = t.cls[i] & 3;
  let f = 0;
  if (c === CLS_DISABLED && dayOf(now) > t.lastDay[i]) f |= FLAG_DISABLED;
  else if (isOnlineAt(t, i, now)) f |= FLAG_ONLINE;
  if (t.cls[i] & PRONE_FAULT && activeEventNames(t, i, "fault", now).size) f |= FLAG_FAULTY;
  if (t.cls[i] & PRONE_ALERT && activeEventNames(t, i, "alert", now).size) f |= FLAG_ALERT;
  return f;
}

/** Latest day ≤ d on which the device was active, or -1. */
function previousActiveDay(t: DemoTenant, i: number, d: number): number {
  const cd = dayOf(t.createdAt[i]);
  d = Math.min(d, t.lastDay[i]);
  if (d < cd) return -1;
  if ((t.cls[i] & 3) === CLS_SPORADIC && d > cd) d -= (d - cd) % sporadicPeriod(t, i);
  return d;
}

/**
 * Refreshes flags and online_latest of devices [from, to) for time `now`. Devices without
 * forced overrides take an allocation-free path over today's session bounds; this pass runs
 * over the whole fleet at start-up and in slices afterwards.
 */
export function refreshDevices(t: DemoTenant, from: number, to: number, now: number): void {
  const today = dayOf(now);
  for (let i = from; i < to; i++) {
    if (t.overrides.get(i)?.forced.length) {
      t.setFlags(i, computeFlags(t, i, now));
      t.onlineLatest[i] = latestOnline(t, i, now);
      continue;
    }
    const c = t.cls[i];
    let f = 0;
    let latest = -1;
    let online = false;
    const d = previousActiveDay(t, i, today);
    if (d >= 0) {
      const n = sessionBounds(t, i, d, BOUNDS);
      for (let j = 0; j < n; j++) {
        if (BOUNDS[2 * j] > now) break;
        latest = BOUNDS[2 * j];
        if (now < BOUNDS[2 * j + 1]) online = true;
      }
      if (latest < 0) {
        const prev = previousActiveDay(t, i, d - 1);
        const m = prev >= 0 ? sessionBounds(t, i, prev, BOUNDS) : 0;
        latest = m ? BOUNDS[2 * (m - 1)] : t.createdAt[i];
      }
    } else latest = t.createdAt[i];
    if ((c & 3) === CLS_DISABLED && today > t.lastDay[i]) f |= FLAG_DISABLED;
    else if (online) f |= FLAG_ONLINE;
    if (c & PRONE_FAULT && activeEventNames(t, i, "fault", now).size) f |= FLAG_FAULTY;
    if (c & PRONE_ALERT && activeEventNames(t, i, "alert", now).size) f |= FLAG_ALERT;
    t.setFlags(i, f);
    t.onlineLatest[i] = Math.floor(latest);
  }
}

// --- device state and reports ------------------------------------------------------------------

const BLOCK_S = 6 * 3600;

/** Writable state at ts: the 6-hour baseline overlaid by every control write up to ts. */
export function writableAt(t: DemoTenant, i: number, ts: number): RawState {
  const def = t.products[t.productOf[i]].def;
  const state = def.model.baseline(i, t.salt, Math.floor(ts / BLOCK_S));
  for (const c of t.overrides.get(i)?.controls ?? []) {
    if (c.t > ts) break;
    Object.assign(state, c.values);
  }
  return state;
}

export function stateAt(t: DemoTenant, i: number, ts: number): RawState {
  const def = t.products[t.productOf[i]].def;
  const writable = writableAt(t, i, ts);
  const lat = CITIES[t.city[i]].lat;
  const controls = t.overrides.get(i)?.controls ?? [];
  const ro = def.model.readonly({ device: i, salt: t.salt, t: ts, lat, writable, controls });
  const state: RawState = { ...writable, ...ro };
  const faults = activeEventNames(t, i, "fault", ts);
  const alerts = activeEventNames(t, i, "alert", ts);
  for (const n of def.faultNames) state[n] = faults.has(n) ? 1 : 0;
  for (const n of def.alertNames) state[n] = alerts.has(n) ? 1 : 0;
  return state;
}

export type LogEntry =
  | { kind: "report"; t: number }
  | { kind: "control"; t: number; values: RawState }
  | { kind: "raw"; t: number; payload: string };

/**
 * Every data report and control between from and to (ascending): periodic reports on the
 * device's grid while a session is open, one on each login, a control frame for each write
 * and the device's acknowledging report a millisecond later.
 */
export function logBetween(t: DemoTenant, i: number, from: number, to: number): LogEntry[] {
  const def = t.products[t.productOf[i]].def;
  const o = t.overrides.get(i);
  const controls = o?.controls ?? [];
  const out: LogEntry[] = [];
  const phase = hash4(t.salt, i, 0xd9) % 300;
  for (const s of sessionsBetween(t, i, from - 1, to)) {
    const segStart = Math.max(s.start, from);
    const segEnd = Math.min(s.end, to);
    if (s.start >= from && s.start <= to) out.push({ kind: "report", t: s.start });
    // Controls inside the session split it: the report interval may have changed.
    const cuts = [segStart, ...controls.filter((c) => c.t > segStart && c.t < segEnd).map((c) => c.t), segEnd];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const a = cuts[k];
      const b = cuts[k + 1];
      const interval = def.model.reportInterval(i, t.salt, writableAt(t, i, a));
      let ts = Math.ceil((a - phase) / interval) * interval + phase;
      if (ts <= s.start) ts += interval;
      for (; ts < b; ts += interval) if (ts >= from && ts <= to) out.push({ kind: "report", t: ts });
    }
  }
  for (const c of controls) {
    if (c.t >= from && c.t <= to) out.push({ kind: "control", t: c.t, values: c.values });
    const ack = ms(c.t + 0.001);
    if (ack >= from && ack <= to) out.push({ kind: "report", t: ack });
  }
  for (const r of o?.raws ?? []) if (r.t >= from && r.t <= to) out.push({ kind: "raw", t: r.t, payload: r.payload });
  out.sort((x, y) => x.t - y.t);
  return out;
}

export function cmdPayload(def: ProductDef, t: DemoTenant, i: number, e: LogEntry): { type: string; payload: string } {
  if (e.kind === "control") return { type: "app2dev", payload: encodeControl(def, e.values) };
  if (e.kind === "raw") return { type: "app2dev", payload: e.payload };
  return { type: "dev2app", payload: encodeReport(def, stateAt(t, i, e.t)) };
}
