/**
 * One control path for every Open API writer — POST /app/control/{did}, group control, scene
 * tasks, schedulers and rules. A control goes into the shared tenant model exactly as an
 * Enterprise control does (t.addControl / t.addRaw), so it changes the device state, shows in the
 * /v1 data and cmd logs (app2dev frame + the device's ack report 1 ms later) and in
 * /app/devdata/{did}/latest and /app/devices/{did}/raw_data.
 */
import { encodeRaw, parseControlValue, type ProductDef, type RawState } from "../products";
import type { EmulatorState } from "../state";
import { FLAG_DISABLED, FLAG_ONLINE } from "../tenant";
import { AppError, type AppErrorCode } from "./errors";
import type { AppStore } from "./store";

export interface Command {
  values: RawState | null;
  raw: Uint8Array | null;
}

export type Coding = "hex" | "base64";

export function coding(v: unknown): Coding | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (v === "hex" || v === "base64") return v;
  throw new AppError(9015, "binary_coding must be hex or base64");
}

/** Validates attrs against the product's datapoints: 9025 unknown, read-only or bad value. */
export function parseAttrs(def: ProductDef, attrs: unknown, binaryCoding: Coding = "hex"): RawState {
  if (typeof attrs !== "object" || attrs === null || Array.isArray(attrs)) throw new AppError(9025, "attrs must be an object");
  const entries = Object.entries(attrs);
  if (entries.length === 0) throw new AppError(9025, "attrs is empty");
  const values: RawState = {};
  for (const [name, v] of entries) {
    const a = def.attrs.find((x) => x.name === name);
    if (!a) throw new AppError(9025, `no datapoint named ${name}`);
    if (a.type !== "status_writable") throw new AppError(9025, `${name} is not writable`);
    const parsed = parseControlValue(a, v, binaryCoding);
    if (!parsed.ok) throw new AppError(9025, `invalid value for ${name}`);
    values[name] = parsed.raw;
  }
  return values;
}

/**
 * Raw commands: a decimal byte array by default; a string is hex or base64 per `defaultCoding`
 * (control: hex/base64 only with binary_coding; scenes: base64; schedulers: hex).
 */
export function parseRaw(raw: unknown, explicit: Coding | undefined, defaultCoding: Coding | null): Uint8Array {
  if (Array.isArray(raw)) {
    if (raw.length === 0 || !raw.every((b) => typeof b === "number" && Number.isInteger(b) && b >= 0 && b <= 255))
      throw new AppError(9015, "raw must be bytes 0..255");
    return Uint8Array.from(raw as number[]);
  }
  const cod = explicit ?? defaultCoding;
  const s = typeof raw === "number" ? String(raw) : raw;
  if (typeof s === "string" && cod === "hex" && /^([0-9a-fA-F]{2})+$/.test(s)) return Buffer.from(s, "hex");
  if (typeof s === "string" && cod === "base64" && /^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, "base64").length > 0)
    return Buffer.from(s, "base64");
  throw new AppError(9015, "raw is not a valid command");
}

export function parseCommand(
  def: ProductDef,
  attrs: unknown,
  raw: unknown,
  explicit: Coding | undefined,
  rawDefault: Coding | null,
): Command {
  const hasAttrs =
    attrs !== undefined &&
    attrs !== null &&
    !(typeof attrs === "object" && Object.keys(attrs as object).length === 0 && raw !== undefined && raw !== null && raw !== "");
  const hasRaw = raw !== undefined && raw !== null && raw !== "";
  if (!hasAttrs && !hasRaw) throw new AppError(9015, "send attrs or raw");
  return {
    values: hasAttrs ? parseAttrs(def, attrs, explicit ?? "hex") : null,
    raw: hasRaw ? parseRaw(raw, explicit, rawDefault) : null,
  };
}

/** Why a device cannot take a command now, or null: remote control off, disabled, offline. */
export function refusal(state: EmulatorState, i: number): AppErrorCode | null {
  const t = state.tenant;
  const p = t.products[t.productOf[i]];
  if (!p.remoteControl) return 9021;
  if (t.flags[i] & FLAG_DISABLED) return 9023;
  if (!(t.flags[i] & FLAG_ONLINE)) return 9042;
  return null;
}

export function send(
  state: EmulatorState,
  store: AppStore,
  i: number,
  cmd: Command,
  now: number,
  who: { uid: string | null; appid: string | null; source: "client" | "d3" },
): void {
  const t = state.tenant;
  // Two writes in the same millisecond would share a log key; nudge the second one.
  let at = now;
  const last = t.overrides.get(i)?.controls.at(-1)?.t ?? 0;
  const lastRaw = t.overrides.get(i)?.raws.at(-1)?.t ?? 0;
  if (at <= Math.max(last, lastRaw) + 0.002) at = Math.max(last, lastRaw) + 0.002;
  if (cmd.values) {
    t.addControl(i, at, cmd.values);
    store.noteSource(i, at, who);
  }
  if (cmd.raw) {
    const rawAt = cmd.values ? at + 0.002 : at;
    t.addRaw(i, rawAt, encodeRaw(cmd.raw));
    store.noteSource(i, rawAt, who);
  }
}

/** Sends if the device can take it; the per-device result of group control, scenes and schedules. */
export function trySend(
  state: EmulatorState,
  store: AppStore,
  i: number,
  cmd: Command,
  now: number,
  who: { uid: string | null; appid: string | null; source: "client" | "d3" },
): AppErrorCode | null {
  const why = refusal(state, i);
  if (why !== null) return why;
  send(state, store, i, cmd, now, who);
  return null;
}
