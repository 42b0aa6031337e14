/**
 * Product and device operations: datapoint, devices?mac, device_detail, devices/search and
 * control, plus the device lookups the other route modules share. The history logs live in
 * history.ts, agg_data in agg.ts.
 */
import { ApiError } from "../errors";
import { CITIES } from "../geo";
import { flag, int, objectBody, ok, page, requireStr, str, type Ctx, type Router } from "../http";
import { datapointDocument, encodeRaw, parseControlValue, type RawState } from "../products";
import type { EmulatorState } from "../state";
import { COMBOS, FLAG_ALERT, FLAG_DISABLED, FLAG_FAULTY, FLAG_ONLINE, type DemoTenant, type ProductState } from "../tenant";
import { hash4, unit4 } from "../util";
import { requireToken } from "./auth";

// --- device lookups ------------------------------------------------------------------------

/** did in the path → device index; 5301 unknown, 5302 another product's device. */
export function deviceInProduct(t: DemoTenant, p: ProductState, did: string): number {
  const i = t.deviceByDid(did);
  if (i < 0) throw new ApiError(5301);
  if (t.productOf[i] !== p.index) throw new ApiError(5302);
  return i;
}

export function deviceByMacInProduct(t: DemoTenant, p: ProductState, mac: string): number {
  const i = t.deviceByMac(mac);
  if (i < 0) throw new ApiError(5301);
  if (t.productOf[i] !== p.index) throw new ApiError(5302);
  return i;
}

const MCU_VERSIONS = [
  ["03010100", "03030000"],
  ["03010100", "03040002"],
  ["04000001", "04010007"],
];
const WIFI_VERSIONS = [
  ["00ESP826", "04020034"],
  ["00ESP826", "04020036"],
  ["00ESP32C", "04030012"],
];

export function deviceObject(t: DemoTenant, i: number): Record<string, unknown> {
  const c = CITIES[t.city[i]];
  const f = t.flags[i];
  const mcu = MCU_VERSIONS[hash4(t.salt, i, 0xe1) % MCU_VERSIONS.length];
  const wifi = WIFI_VERSIONS[hash4(t.salt, i, 0xe2) % WIFI_VERSIONS.length];
  return {
    city: c.city,
    mcu_hard_version: mcu[0],
    mcu_soft_version: mcu[1],
    did: t.did(i),
    country: c.country,
    region: c.region,
    mac: t.mac(i),
    longitude: Number((c.lon + (unit4(t.salt, i, 0xe3) - 0.5) * 0.16).toFixed(6)),
    wifi_hard_version: wifi[0],
    online_latest: Math.floor(t.onlineLatest[i]),
    wifi_soft_version: wifi[1],
    is_online: Boolean(f & FLAG_ONLINE),
    latitude: Number((c.lat + (unit4(t.salt, i, 0xe4) - 0.5) * 0.12).toFixed(6)),
    is_alert: Boolean(f & FLAG_ALERT),
    created_at: Math.floor(t.createdAt[i]),
    is_faulty: Boolean(f & FLAG_FAULTY),
  };
}

// --- devices/search ------------------------------------------------------------------------

export interface DeviceFilter {
  gid?: string;
  country?: string;
  region?: string;
  city?: string;
  isOnline?: boolean;
  isFaulty?: boolean;
  isAlert?: boolean;
  showDisabled: boolean;
}

/** comboOk[flags] — whether a device with exactly these flags passes the flag filters. */
export function comboMask(f: Pick<DeviceFilter, "isOnline" | "isFaulty" | "isAlert" | "showDisabled">): Uint8Array {
  const m = new Uint8Array(COMBOS);
  for (let c = 0; c < COMBOS; c++) {
    if (f.isOnline !== undefined && Boolean(c & FLAG_ONLINE) !== f.isOnline) continue;
    if (f.isFaulty !== undefined && Boolean(c & FLAG_FAULTY) !== f.isFaulty) continue;
    if (f.isAlert !== undefined && Boolean(c & FLAG_ALERT) !== f.isAlert) continue;
    if (!f.showDisabled && c & FLAG_DISABLED) continue;
    m[c] = 1;
  }
  return m;
}

export function cityMask(country?: string, region?: string, city?: string): Uint8Array | null {
  if (country === undefined && region === undefined && city === undefined) return null;
  const m = new Uint8Array(CITIES.length);
  CITIES.forEach((c, k) => {
    if (
      (country === undefined || c.country === country) &&
      (region === undefined || c.region === region) &&
      (city === undefined || c.city === city)
    )
      m[k] = 1;
  });
  return m;
}

export function groupOrThrow(t: DemoTenant, p: ProductState, gid: string) {
  const g = t.groups.get(gid);
  if (!g) throw new ApiError(5206);
  if (g.product !== p.index) throw new ApiError(5201);
  return g;
}

function searchDevices(state: EmulatorState, p: ProductState, ctx: Ctx) {
  const t = state.tenant;
  const q = ctx.query;
  // An upstream may answer fewer rows than asked: pages are cut at `maxPage` without a word.
  const limit = Math.min(int(q, "limit", { min: 1, max: 1000, def: 20 }) ?? 20, state.config.maxPage);
  const skip = int(q, "skip", { min: 0, def: 0 }) ?? 0;
  const combos = comboMask({
    isOnline: flag(q, "is_online"),
    isFaulty: flag(q, "is_faulty"),
    isAlert: flag(q, "is_alert"),
    showDisabled: flag(q, "show_disabled") ?? false,
  });
  const cities = cityMask(str(q, "country"), str(q, "region"), str(q, "city"));
  const livenessStart = int(q, "liveness_start", { min: 0 });
  const type = str(q, "type");
  const val = str(q, "val");
  if (type !== undefined && !["did", "mac", "uid"].includes(type)) throw new ApiError(5002, "type must be did, mac or uid");
  if (type !== undefined && val === undefined) throw new ApiError(5002, "val is required with type");
  const gid = str(q, "gid");
  const group = gid !== undefined ? groupOrThrow(t, p, gid) : null;

  const passes = (i: number) =>
    combos[t.flags[i]] === 1 &&
    (cities === null || cities[t.city[i]] === 1) &&
    (livenessStart === undefined || t.onlineLatest[i] >= livenessStart) &&
    (group === null || t.groupOf[i] === group.index);

  // Pick the narrowest candidate source the filters allow.
  let candidates: ArrayLike<number> | null = null;
  if (type === "did" || type === "mac") {
    const i = type === "did" ? t.deviceByDid(val ?? "") : t.deviceByMac(val ?? "");
    candidates = i >= 0 && t.productOf[i] === p.index ? [i] : [];
  } else if (type === "uid") {
    const u = t.userByUid(val ?? "");
    const owned: number[] = [];
    if (u >= 0) for (let i = p.start; i < p.end; i++) if (t.owner[i] === u || t.guests.get(i)?.includes(u)) owned.push(i);
    candidates = owned;
  } else if (group) candidates = t.groupMembers(group);
  else if (cities) {
    const picked = p.cityLists.filter((_, k) => cities[k] === 1);
    if (picked.length === 1) candidates = picked[0];
  }

  const objects: Record<string, unknown>[] = [];
  let total = 0;
  const fastTotal = candidates === null && livenessStart === undefined;
  if (fastTotal) {
    // Totals straight from the per-city counters; scan only far enough to fill the page.
    for (let k = 0; k < CITIES.length; k++) {
      if (cities && !cities[k]) continue;
      for (let c = 0; c < COMBOS; c++) if (combos[c]) total += p.counts[k * COMBOS + c];
    }
    let seen = 0;
    for (let i = p.start; i < p.end && objects.length < limit && seen < skip + limit; i++) {
      if (!passes(i)) continue;
      if (seen >= skip) objects.push(deviceObject(t, i));
      seen++;
    }
  } else if (candidates) {
    for (let k = 0; k < candidates.length; k++) {
      const i = candidates[k]!;
      if (!passes(i)) continue;
      if (total >= skip && objects.length < limit) objects.push(deviceObject(t, i));
      total++;
    }
  } else {
    // A full scan of the product (a liveness filter needs every device's last-online time to
    // count): the same tests as passes(), inlined over the typed arrays, cheapest first.
    const { onlineLatest, flags, city } = t;
    const since = livenessStart ?? Number.NEGATIVE_INFINITY;
    for (let i = p.start; i < p.end; i++) {
      if (onlineLatest[i]! < since || combos[flags[i]!] !== 1) continue;
      if (cities !== null && cities[city[i]!] !== 1) continue;
      if (total >= skip && objects.length < limit) objects.push(deviceObject(t, i));
      total++;
    }
  }
  return page(ctx, objects, total, skip, limit);
}

// --- control -----------------------------------------------------------------------------------

function control(state: EmulatorState, p: ProductState, i: number, ctx: Ctx): void {
  const t = state.tenant;
  const body = objectBody(ctx);
  const codingRaw = body.binary_coding ?? ctx.query.get("binary_coding") ?? undefined;
  if (codingRaw !== undefined && codingRaw !== "hex" && codingRaw !== "base64")
    throw new ApiError(5002, "binary_coding must be hex or base64");
  const hasAttrs = body.attrs !== undefined;
  const hasRaw = body.raw !== undefined;
  if (hasAttrs === hasRaw) throw new ApiError(5002, "send exactly one of attrs or raw");
  if (!p.remoteControl) throw new ApiError(5404);
  if (t.flags[i] & FLAG_DISABLED) throw new ApiError(5304);
  if (!(t.flags[i] & FLAG_ONLINE)) throw new ApiError(5305);

  if (hasRaw) {
    let bytes: Uint8Array;
    const raw = body.raw;
    if (Array.isArray(raw)) {
      if (raw.length === 0 || !raw.every((b) => typeof b === "number" && Number.isInteger(b) && b >= 0 && b <= 255))
        throw new ApiError(5408);
      bytes = Uint8Array.from(raw as number[]);
    } else if (typeof raw === "string" && codingRaw === "base64" && /^[A-Za-z0-9+/]+={0,2}$/.test(raw)) {
      bytes = Buffer.from(raw, "base64");
    } else if (typeof raw === "string" && codingRaw === "hex" && /^([0-9a-fA-F]{2})+$/.test(raw)) {
      bytes = Buffer.from(raw, "hex");
    } else throw new ApiError(5408);
    if (bytes.length === 0) throw new ApiError(5408);
    t.addRaw(i, ctx.now, encodeRaw(bytes));
    return;
  }

  const attrs = body.attrs;
  if (typeof attrs !== "object" || attrs === null || Array.isArray(attrs)) throw new ApiError(5401, "attrs must be an object");
  const entries = Object.entries(attrs);
  if (entries.length === 0) throw new ApiError(5401, "attrs is empty");
  const values: RawState = {};
  for (const [name, v] of entries) {
    const a = p.def.attrs.find((x) => x.name === name);
    if (!a) throw new ApiError(5405, `no datapoint named ${name}`);
    if (a.type !== "status_writable") throw new ApiError(5401, `${name} is not writable`);
    const parsed = parseControlValue(a, v, codingRaw === "base64" ? "base64" : "hex");
    if (!parsed.ok) throw new ApiError(5401, `invalid value for ${name}`);
    values[name] = parsed.raw;
  }
  t.addControl(i, ctx.now, values);
}

// --- registration --------------------------------------------------------------------------------

export function registerDevices(router: Router, state: EmulatorState): void {
  const base = "/v1/products/{product_key}";
  router.add("GET", `${base}/datapoint`, (ctx) => ok(datapointDocument(requireToken(state, ctx).def)));

  router.add("GET", `${base}/devices`, (ctx) => {
    const p = requireToken(state, ctx);
    const i = deviceByMacInProduct(state.tenant, p, requireStr(ctx.query, "mac"));
    let passcode = "";
    for (let k = 0; k < 10; k++) passcode += String.fromCharCode(65 + (hash4(state.tenant.salt, i, 0x9c, k) % 26));
    return ok({ did: state.tenant.did(i), passcode });
  });

  router.add("GET", `${base}/device_detail`, (ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const i = deviceByMacInProduct(t, p, requireStr(ctx.query, "mac"));
    return ok({
      did: t.did(i),
      is_disabled: Boolean(t.flags[i] & FLAG_DISABLED),
      product_key: p.def.key,
      mac: t.mac(i),
      is_online: Boolean(t.flags[i] & FLAG_ONLINE),
      type: "normal",
    });
  });

  router.add("GET", `${base}/devices/search`, (ctx) => ok(searchDevices(state, requireToken(state, ctx), ctx)));

  router.add("POST", `${base}/devices/{did}/control`, (ctx) => {
    const p = requireToken(state, ctx);
    const i = deviceInProduct(state.tenant, p, ctx.params.did);
    if (state.receiveControl(state.tenant.did(i))) throw new ApiError(5409);
    control(state, p, i, ctx);
    return ok({});
  });
}
