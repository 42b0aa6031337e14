/**
 * 设备远程监控 (Open API reference) and 高级数据接口 (the aggregation tutorial 聚合API使用教程, part 2): latest status (AppID only, the
 * documented 24-hour window), the product datapoint document, device detail, raw_data (cmd and
 * online logs), control (attrs and raw) and agg_data. All read the shared tenant model, so a
 * control through either API shows up in both.
 */
import { ok } from "../http";
import { cmdPayload, logBetween, sessionsBetween, stateAt } from "../model";
import { datapointDocument, displayValue, realNumber } from "../products";
import { compactDayString, DAY_S, dayOf, formatMonth, hourOfDay, isoWeek, monthIndex } from "../util";
import { body, boundDevice, deviceForApp, deviceIp, deviceJson, productForApp, qint, qstr, requireUser, type AppCtx } from "./context";
import { coding, parseCommand, refusal, send } from "./control";
import { AppError } from "./errors";
import type { Add } from "./users";

/** attr values of the last report within 24 h (enum labels, real numbers, 0/1, hex), or null. */
export function latest(
  c: { state: AppCtx["state"] },
  i: number,
  now: number,
): { updated_at: number; attr: Record<string, number | string> } | null {
  const t = c.state.tenant;
  const def = t.products[t.productOf[i]].def;
  const log = logBetween(t, i, now - DAY_S, now);
  for (let k = log.length - 1; k >= 0; k--) {
    const e = log[k];
    if (e.kind !== "report") continue;
    const s = stateAt(t, i, e.t);
    const attr: Record<string, number | string> = {};
    for (const a of def.attrs) attr[a.name] = displayValue(a, s[a.name]);
    return { updated_at: Math.floor(e.t), attr };
  }
  return null;
}

function rawData(c: AppCtx, i: number) {
  const type = qstr(c, "type");
  if (type !== "cmd" && type !== "online") throw new AppError(9015, "type must be cmd or online");
  const now = c.now;
  const endParam = qint(c, "end_time", { min: 0 });
  // Without end_time the window ends at the request itself, so a control sent a moment ago is in it.
  const end = endParam ?? now;
  const start = qint(c, "start_time", { min: 0 }) ?? Math.floor(end) - 2 * DAY_S + 1;
  if (end > now + 1) throw new AppError(9015, "end_time must not be in the future");
  if (end <= start) throw new AppError(9015, "end_time must be after start_time");
  if (end - start >= 2 * DAY_S) throw new AppError(9015, "end_time - start_time must be under 48 hours");
  const limit = qint(c, "limit", { min: 1, max: 1000, def: 20 }) ?? 20;
  const skip = qint(c, "skip", { min: 0, def: 0 }) ?? 0;
  if (skip + limit > 5000) throw new AppError(9015, "skip + limit must be <= 5000");
  // The doc spells the values "dese"/"ase"; desc/asc are accepted too.
  const sortParam = qstr(c, "sort") ?? "desc";
  if (!["desc", "dese", "asc", "ase"].includes(sortParam)) throw new AppError(9015, "sort must be desc (dese) or asc (ase)");
  const desc = sortParam.startsWith("des");
  const t = c.state.tenant;
  const def = t.products[t.productOf[i]].def;
  const recs: { ts: number; render: () => Record<string, unknown> }[] = [];
  if (type === "cmd") {
    for (const e of logBetween(t, i, start, end)) {
      recs.push({
        ts: e.t,
        render: () => {
          const { type: dir, payload } = cmdPayload(def, t, i, e);
          if (dir === "dev2app") return { ip: deviceIp(c, i), payload_bin: payload, type: dir, timestamp: e.t };
          const who = c.store.controlSources.get(`${i}:${e.t}`);
          const base = {
            ip: who?.source === "d3" ? "127.0.0.1" : "183.233.131.216",
            payload_bin: payload,
            type: dir,
            timestamp: e.t,
            source: who?.source ?? "client",
          };
          return who?.uid ? { uid: who.uid, ...base, appid: who.appid } : base;
        },
      });
    }
  } else {
    let prevEnd = -Infinity;
    for (const s of sessionsBetween(t, i, start - 2 * DAY_S, end)) {
      const re = s.start - prevEnd < 120;
      if (s.start >= start && s.start <= end)
        recs.push({ ts: s.start, render: () => ({ ip: deviceIp(c, i), type: re ? "dev_re_online" : "dev_online", timestamp: s.start }) });
      if (Number.isFinite(s.end) && s.end >= start && s.end <= end)
        recs.push({ ts: s.end, render: () => ({ ip: deviceIp(c, i), type: "dev_offline", timestamp: s.end }) });
      prevEnd = s.end;
    }
    recs.sort((a, b) => a.ts - b.ts);
  }
  if (desc) recs.reverse();
  return {
    meta: {
      sort: desc ? "desc" : "asc",
      limit,
      end_time: Math.floor(end),
      did: t.did(i),
      skip,
      start_time: start,
      total: recs.length,
      type,
    },
    objects: recs.slice(skip, skip + limit).map((r) => r.render()),
  };
}

const UNITS: Record<string, "HOURS" | "DAYS" | "WEEKS" | "MONTHS"> = {
  HOURS: "HOURS",
  HOUR: "HOURS",
  DAYS: "DAYS",
  DAY: "DAYS",
  WEEKS: "WEEKS",
  WEEK: "WEEKS",
  MONTHS: "MONTHS",
  MONTH: "MONTHS",
};

function bucketKey(unit: "HOURS" | "DAYS" | "WEEKS" | "MONTHS", ts: number): string {
  const d = dayOf(ts);
  if (unit === "HOURS") return compactDayString(d) + String(hourOfDay(ts)).padStart(2, "0");
  if (unit === "DAYS") return compactDayString(d);
  if (unit === "WEEKS") {
    const w = isoWeek(d);
    return `${w.year}${String(w.week).padStart(2, "0")}`;
  }
  return formatMonth(monthIndex(d)).replace("-", "");
}

function aggData(c: AppCtx, i: number, uid: string) {
  const t = c.state.tenant;
  const p = t.products[t.productOf[i]];
  if (!c.state.aggEnabled(p)) throw new AppError(9039, "agg_data is not enabled for this product (see /__emulator/config aggEnabled)");
  const start = qint(c, "start_ts", { min: 0 });
  if (start === undefined) throw new AppError(9015, "start_ts (milliseconds) is required");
  const endParam = qint(c, "end_ts", { min: 0 });
  const end = endParam ?? Math.floor(c.now * 1000);
  if (end <= start) throw new AppError(9015, "end_ts must be after start_ts");
  if (end - start > 31 * DAY_S * 1000) throw new AppError(9015, "at most 31 days per query");
  const unit = UNITS[(qstr(c, "unit") ?? "").toUpperCase()];
  if (!unit) throw new AppError(9015, "unit must be hours, day(s), weeks or months");
  const aggregator = (qstr(c, "aggregator") ?? "").toLowerCase();
  if (!["sum", "avg", "max", "min"].includes(aggregator)) throw new AppError(9015, "aggregator must be sum, avg, max or min");
  const attrsParam = qstr(c, "attrs");
  if (!attrsParam) throw new AppError(9015, "attrs is required");
  const names = attrsParam
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const attrs = names.map((n) => {
    const a = p.def.attrs.find((x) => x.name === n);
    if (!a?.data_type.startsWith("uint")) throw new AppError(9025, `${n} is not a numeric datapoint`);
    return a;
  });
  const from = Math.max(start / 1000, c.now - 31 * DAY_S);
  const to = Math.min(end / 1000, c.now);
  const buckets = new Map<string, { n: number; sum: number[]; max: number[]; min: number[] }>();
  if (from < to) {
    for (const e of logBetween(t, i, from, to)) {
      if (e.kind !== "report") continue;
      const s = stateAt(t, i, e.t);
      const key = bucketKey(unit, e.t);
      let b = buckets.get(key);
      if (!b) {
        b = { n: 0, sum: attrs.map(() => 0), max: attrs.map(() => -Infinity), min: attrs.map(() => Infinity) };
        buckets.set(key, b);
      }
      b.n++;
      attrs.forEach((a, k) => {
        const v = realNumber(a, s[a.name]);
        b.sum[k] += v;
        b.max[k] = Math.max(b.max[k], v);
        b.min[k] = Math.min(b.min[k], v);
      });
    }
  }
  const fmt = (v: number) => String(Number(v.toFixed(6)));
  const data = [...buckets.entries()]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([datatime, b]) => ({
      // The Open API reference names the bucket "datatime" and prints values as strings; the Enterprise
      // agg_data's "datetime" is printed as well so either reading finds it.
      datatime,
      datetime: datatime,
      uid,
      product_key: p.def.key,
      attrs: Object.fromEntries(
        attrs.map((a, k) => [
          a.name,
          fmt(aggregator === "sum" ? b.sum[k] : aggregator === "avg" ? b.sum[k] / b.n : aggregator === "max" ? b.max[k] : b.min[k]),
        ]),
      ),
    }));
  return { query: { aggregator, end_ts: endParam ?? null, start_ts: start, attrs: names.join(","), unit }, data };
}

export function registerDevices(add: Add): void {
  add("GET", "/app/devdata/{did}/latest", (c) => {
    const i = deviceForApp(c, c.params.did);
    const l = latest(c, i, c.now);
    // Nothing reported in the last 24 hours: no values (updated_at null).
    return ok({ did: c.params.did, updated_at: l?.updated_at ?? null, attr: l?.attr ?? {} });
  });

  add("GET", "/app/datapoint", (c) => ok(datapointDocument(productForApp(c, qstr(c, "product_key")).def)));

  add("GET", "/app/devices/{did}", (c) => {
    const user = requireUser(c);
    const i = boundDevice(c, user, c.params.did);
    return ok(deviceJson(c, i, user.u));
  });

  add("GET", "/app/devices/{did}/raw_data", (c) => {
    const user = requireUser(c);
    return ok(rawData(c, boundDevice(c, user, c.params.did)));
  });

  add("POST", "/app/control/{did}", (c) => {
    const user = requireUser(c);
    const i = boundDevice(c, user, c.params.did);
    const b = body(c);
    const t = c.state.tenant;
    const cmd = parseCommand(t.products[t.productOf[i]].def, b.attrs, b.raw, coding(b.binary_coding ?? qstr(c, "binary_coding")), null);
    if (c.state.receiveControl(t.did(i))) throw new AppError(9008, "injected control failure");
    const why = refusal(c.state, i);
    if (why !== null) throw new AppError(why, why === 9021 ? "remote control is switched off for this product" : null);
    send(c.state, c.store, i, cmd, c.now, { uid: user.uid, appid: c.app.appid, source: "client" });
    return ok({});
  });

  // The Open API reference files agg_data under PUT, the aggregation tutorial (and every client) uses GET: both are served.
  for (const method of ["GET", "PUT"]) {
    add(method, "/app/devdata/{did}/agg_data", (c) => {
      const user = requireUser(c);
      const i = boundDevice(c, user, c.params.did);
      return ok(aggData(c, i, user.uid));
    });
  }
}
