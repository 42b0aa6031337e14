/**
 * Device reports. Real-time ones (locations, realtime) read the live per-city counters; batch
 * ones (summary, incr/active devices, liveness history, activation, fault/alert) are T+1 and
 * computed from the same day-activity and event model the device logs use, cached per
 * completed period. Documented paths and the paths implied by the operation ids are both
 * served where the doc has a path bug.
 */
import { counterTree, countTree, inferCycle, parseDayRange, parsePeriods, type Counters, type Period } from "../aggregate";
import { CITIES } from "../geo";
import { flag, int, ok, page, requireStr, str, type Ctx, type Result, type Router } from "../http";
import { activeInRange, activeOnDay, eventsBetween } from "../model";
import type { EmulatorState } from "../state";
import { COMBOS, PRONE_ALERT, PRONE_FAULT, type DemoTenant, type Group, type ProductState } from "../tenant";
import { DAY_S, dayOf, formatDateTime, formatDay, lowerBound } from "../util";
import { requireToken } from "./auth";
import { cityMask, comboMask, groupOrThrow } from "./devices";
import { cacheOf } from "./users";

const EVENT_WINDOW_DAYS = 30;

function groupParam(t: DemoTenant, p: ProductState, ctx: Ctx): Group | null {
  const gid = str(ctx.query, "gid");
  return gid === undefined ? null : groupOrThrow(t, p, gid);
}

function forEachDevice(t: DemoTenant, p: ProductState, g: Group | null, fn: (i: number) => void): void {
  if (g) for (const i of t.groupMembers(g)) fn(i);
  else for (let i = p.start; i < p.end; i++) fn(i);
}

function groupKey(t: DemoTenant, g: Group | null): string {
  return g ? `${g.gid}@${t.groupVersion}` : "-";
}

/** Devices active in a period, per city (cached: completed periods never change). */
function activePerCity(t: DemoTenant, p: ProductState, g: Group | null, a: number, b: number): Int32Array {
  return cacheOf(t).get(`act|${p.index}|${groupKey(t, g)}|${a}|${b}`, () => {
    const c = new Int32Array(CITIES.length);
    if (a === b) forEachDevice(t, p, g, (i) => activeOnDay(t, i, a) && c[t.city[i]]++);
    else forEachDevice(t, p, g, (i) => activeInRange(t, i, a, b) && c[t.city[i]]++);
    return c;
  });
}

/** Devices first online (activated) in a period, per city. Products are ordered by creation, so this is a range. */
function activatedPerCity(t: DemoTenant, p: ProductState, g: Group | null, a: number, b: number): Int32Array {
  return cacheOf(t).get(`new|${p.index}|${groupKey(t, g)}|${a}|${b}`, () => {
    const c = new Int32Array(CITIES.length);
    const lo = lowerBound(t.createdAt, a * DAY_S - 8 * 3600, p.start, p.end);
    const hi = lowerBound(t.createdAt, (b + 1) * DAY_S - 8 * 3600, p.start, p.end);
    for (let i = lo; i < hi; i++) if (!g || t.groupOf[i] === g.index) c[t.city[i]]++;
    return c;
  });
}

const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k];
  return s;
};

function periodReport(
  state: EmulatorState,
  ctx: Ctx,
  perCity: (t: DemoTenant, p: ProductState, g: Group | null, a: number, b: number) => Int32Array,
) {
  const p = requireToken(state, ctx);
  const t = state.tenant;
  const g = groupParam(t, p, ctx);
  const start = requireStr(ctx.query, "start");
  const end = requireStr(ctx.query, "end");
  const cycle = inferCycle(str(ctx.query, "cycle"), start);
  const periods: Period[] = parsePeriods(cycle, start, end, ctx.now);
  const data = periods.map((per) => {
    const c = perCity(t, p, g, per.firstDay, per.lastDay);
    return { count: sum(c), location: countTree(c, "object"), [cycle]: per.label };
  });
  return ok({ start, gid: g?.gid ?? null, end, data, cycle });
}

/** Live per-city counts of devices whose flags pass `mask` (counters, or a group scan). */
function livePerCity(t: DemoTenant, p: ProductState, g: Group | null, mask: Uint8Array): Int32Array {
  const c = new Int32Array(CITIES.length);
  if (g) forEachDevice(t, p, g, (i) => mask[t.flags[i]] && c[t.city[i]]++);
  else for (let k = 0; k < CITIES.length; k++) for (let f = 0; f < COMBOS; f++) if (mask[f]) c[k] += p.counts[k * COMBOS + f];
  return c;
}

interface EventSummary {
  devices: Map<number, { count: Counters }>;
  events: Map<number, { count: Counters; detail: Record<string, Counters> }>;
  deviceTotals: Counters;
  eventTotals: Counters;
  detail: Record<string, Counters>;
}

/**
 * Fault or alert statistics over the last 30 days: a device counts once (unresolved while any
 * of its events is still active), each event counts in `detail` under its datapoint.
 * Only prone devices ever raise events, so the scan touches a fraction of the fleet; results
 * are cached for a minute.
 */
function eventSummary(t: DemoTenant, p: ProductState, g: Group | null, kind: "fault" | "alert", now: number): EventSummary {
  return cacheOf(t).get(
    `ev|${kind}|${p.index}|${groupKey(t, g)}`,
    () => {
      const names = kind === "fault" ? p.def.faultNames : p.def.alertNames;
      const zero = () => ({ total: 0, resolved: 0, unresolved: 0 });
      const out: EventSummary = {
        devices: new Map(),
        events: new Map(),
        deviceTotals: zero(),
        eventTotals: zero(),
        detail: Object.fromEntries(names.map((n) => [n, zero()])),
      };
      const bit = kind === "fault" ? PRONE_FAULT : PRONE_ALERT;
      const from = now - EVENT_WINDOW_DAYS * DAY_S;
      const visit = (i: number) => {
        if (!(t.cls[i] & bit)) return;
        const evs = eventsBetween(t, i, kind, from, now);
        if (!evs.length) return;
        const city = t.city[i];
        let dev = out.devices.get(city);
        if (!dev) out.devices.set(city, (dev = { count: zero() }));
        let ev = out.events.get(city);
        if (!ev) out.events.set(city, (ev = { count: zero(), detail: {} }));
        let open = false;
        for (const e of evs) {
          const state = e.end > now ? "unresolved" : "resolved";
          if (state === "unresolved") open = true;
          for (const c of [ev.count, (ev.detail[e.attr] ??= zero()), out.eventTotals, out.detail[e.attr]]) {
            c.total++;
            c[state]++;
          }
        }
        for (const c of [dev.count, out.deviceTotals]) {
          c.total++;
          c[open ? "unresolved" : "resolved"]++;
        }
      };
      if (g) forEachDevice(t, p, g, visit);
      else for (const i of p.prone) visit(i);
      return out;
    },
    60_000,
  );
}

export function registerReports(router: Router, state: EmulatorState): void {
  const base = "/v1/products/{product_key}";
  const only =
    (form: "documented" | "alternative") =>
    (handler: (ctx: Ctx) => Result) =>
    (ctx: Ctx): Result => {
      // A form that is not served answers like any unknown /v1 path.
      if (!state.servesPath(form)) return { status: 404, body: { detail: "Not found." } };
      return handler(ctx);
    };
  const documented = only("documented");
  const alternative = only("alternative");

  router.add("GET", `${base}/devices/locations`, (ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const g = groupParam(t, p, ctx);
    const q = ctx.query;
    // Deregistered devices are not part of the fleet map.
    const mask = comboMask({
      isOnline: flag(q, "is_online"),
      isFaulty: flag(q, "is_faulty"),
      isAlert: flag(q, "is_alert"),
      showDisabled: false,
    });
    const c = livePerCity(t, p, g, mask);
    return ok({ gid: g?.gid ?? null, total: sum(c), location: countTree(c, "number") });
  });

  const summary = (ctx: Ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const today = dayOf(ctx.now);
    const y = today - 1;
    const newIn = (a: number, b: number) => sum(activatedPerCity(t, p, null, a, b));
    const batch = cacheOf(t).get(`sum|${p.index}|${today}`, () => ({
      active: { "7_day": sum(activePerCity(t, p, null, y - 6, y)), yesterday: sum(activePerCity(t, p, null, y, y)) },
      newPast: { "7_day": newIn(y - 6, y), "30_day": newIn(y - 29, y), yesterday: newIn(y, y) },
    }));
    const online = sum(livePerCity(t, p, null, comboMask({ isOnline: true, showDisabled: true })));
    return ok({ active: batch.active, new: { ...batch.newPast, today: newIn(today, today) }, total: p.end - p.start, online });
  };
  // Documented path, plus the one the operation id get_v1_products_product_key_summary implies.
  // EMULATOR_PATH_VARIANT: a form not served answers 404 like any unknown path.
  router.add("GET", `${base}/devices/summary`, documented(summary));
  router.add("GET", `${base}/summary`, alternative(summary));

  const listReport = (kind: "incr" | "active") => (ctx: Ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const q = ctx.query;
    const [a, b] = parseDayRange(str(q, "start"), str(q, "end"), ctx.now);
    const mask = cityMask(str(q, "country"), str(q, "region"), str(q, "city"));
    const limit = int(q, "limit", { min: 1, max: 1000, def: 20 }) ?? 20;
    const skip = int(q, "skip", { min: 0, def: 0 }) ?? 0;
    const row = (i: number, day: number) => {
      const c = CITIES[t.city[i]];
      return {
        city: c.city,
        country: c.country,
        region: c.region,
        report_date: formatDay(day),
        product_key: p.def.key,
        mac: t.mac(i),
        created_at: formatDateTime(t.createdAt[i]),
      };
    };
    const inMask = (i: number) => mask === null || mask[t.city[i]] === 1;
    const objects: Record<string, unknown>[] = [];
    let total = 0;
    if (kind === "incr") {
      const lo = lowerBound(t.createdAt, a * DAY_S - 8 * 3600, p.start, p.end);
      const hi = lowerBound(t.createdAt, (b + 1) * DAY_S - 8 * 3600, p.start, p.end);
      for (let i = lo; i < hi; i++) {
        if (!inMask(i)) continue;
        if (total >= skip && objects.length < limit) objects.push(row(i, dayOf(t.createdAt[i])));
        total++;
      }
    } else {
      // One row per (device, active day), ordered by day then device.
      const perDay = (d: number) =>
        mask === null
          ? sum(activePerCity(t, p, null, d, d))
          : activePerCity(t, p, null, d, d).reduce((s, n, k) => s + (mask[k] ? n : 0), 0);
      for (let d = a; d <= b; d++) {
        const n = perDay(d);
        if (objects.length < limit && total + n > skip) {
          let seen = total;
          for (let i = p.start; i < p.end && objects.length < limit; i++) {
            if (!inMask(i) || !activeOnDay(t, i, d)) continue;
            if (seen >= skip) objects.push(row(i, d));
            seen++;
          }
        }
        total += n;
      }
    }
    return ok(page(ctx, objects, total, skip, limit));
  };
  router.add("GET", `${base}/incr_devices`, listReport("incr"));
  router.add("GET", `${base}/active_devices`, listReport("active"));

  router.add("GET", `${base}/devices/report/liveness/history`, (ctx) => periodReport(state, ctx, activePerCity));
  /**
   * The activation report is listed (operation id get_v1_products_product_key_devices_report_activation,
   * "获取激活设备统计报表") but specified nowhere. UNVERIFIED SHAPE: it mirrors liveness/history
   * (gid/cycle/start/end + data[{count, location, <cycle>}]) and counts devices first online in each period.
   */
  router.add("GET", `${base}/devices/report/activation`, (ctx) => periodReport(state, ctx, activatedPerCity));

  /** Undocumented but used by Gizwits' own lease backend, which reads `latest_1`. */
  router.add("GET", `${base}/devices/report/liveness`, (ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const y = dayOf(ctx.now) - 1;
    return ok({
      latest_1: sum(activePerCity(t, p, null, y, y)),
      latest_7: sum(activePerCity(t, p, null, y - 6, y)),
      latest_30: sum(activePerCity(t, p, null, y - 29, y)),
    });
  });

  const realtime = (ctx: Ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const g = groupParam(t, p, ctx);
    const activated = livePerCity(t, p, g, comboMask({ showDisabled: false }));
    const faulty = livePerCity(t, p, g, comboMask({ isFaulty: true, showDisabled: false }));
    const alert = livePerCity(t, p, g, comboMask({ isAlert: true, showDisabled: false }));
    const perCity = new Map<number, { count: Counters }>();
    for (let k = 0; k < CITIES.length; k++)
      if (activated[k]) perCity.set(k, { count: { faulty: faulty[k], activated: activated[k], alert: alert[k] } });
    return ok({
      count: { faulty: sum(faulty), activated: sum(activated), alert: sum(alert) },
      gid: g?.gid ?? null,
      location: counterTree(perCity, true),
    });
  };
  // Documented (duplicated segment) path and the operation-id path.
  router.add("GET", `${base}/devices/report/devices/report/rt`, documented(realtime));
  router.add("GET", `${base}/devices/report/rt`, alternative(realtime));

  for (const kind of ["fault", "alert"] as const) {
    router.add("GET", `${base}/${kind}/report/devices`, (ctx) => {
      const p = requireToken(state, ctx);
      const t = state.tenant;
      const g = groupParam(t, p, ctx);
      const s = eventSummary(t, p, g, kind, ctx.now);
      return ok({ gid: g?.gid ?? null, count: s.deviceTotals, location: counterTree(s.devices, false) });
    });
    const events = (ctx: Ctx) => {
      const p = requireToken(state, ctx);
      const t = state.tenant;
      const g = groupParam(t, p, ctx);
      const s = eventSummary(t, p, g, kind, ctx.now);
      return ok({ count: s.eventTotals, gid: g?.gid ?? null, detail: s.detail, location: counterTree(s.events, false) });
    };
    // The alert-events doc shows /alert/report/devices (a copy of the alert-devices path, which
    // keeps returning the device report); the symmetric /alert/report/events and the operation-id
    // path get_..._fault_alert_events are the alternative. With "documented" only, a tenant has no
    // alert-events report at all (its documented path is the alert-devices report).
    router.add("GET", `${base}/${kind}/report/events`, kind === "alert" ? alternative(events) : events);
    if (kind === "alert") router.add("GET", `${base}/fault/alert/events`, alternative(events));
  }
}
