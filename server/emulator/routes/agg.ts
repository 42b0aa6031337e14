/** agg_data: per-device aggregates of numeric datapoints in hour/day/week/month buckets. */
import { ApiError } from "../errors";
import { int, ok, requireStr, type Ctx, type Router } from "../http";
import { logBetween, stateAt } from "../model";
import { realNumber } from "../products";
import type { EmulatorState } from "../state";
import type { ProductState } from "../tenant";
import { compactDayString, DAY_S, dayOf, formatMonth, hourOfDay, isoWeek, monthIndex } from "../util";
import { requireToken } from "./auth";
import { deviceInProduct } from "./devices";

const UNITS = ["HOURS", "DAYS", "WEEKS", "MONTHS"] as const;
const AGGREGATORS = ["sum", "avg", "max", "min"] as const;

function bucketKey(unit: (typeof UNITS)[number], ts: number): string {
  const d = dayOf(ts);
  switch (unit) {
    case "HOURS":
      return compactDayString(d) + String(hourOfDay(ts)).padStart(2, "0");
    case "DAYS":
      return compactDayString(d);
    case "WEEKS": {
      const w = isoWeek(d);
      return `${w.year}${String(w.week).padStart(2, "0")}`;
    }
    case "MONTHS":
      return formatMonth(monthIndex(d)).replace("-", "");
  }
}

function aggData(state: EmulatorState, p: ProductState, i: number, ctx: Ctx) {
  const q = ctx.query;
  if (!state.aggEnabled(p)) throw new ApiError(5024, "agg_data is not enabled for this product");
  const start = int(q, "start_ts", { min: 0 });
  const end = int(q, "end_ts", { min: 0 });
  if (start === undefined || end === undefined) throw new ApiError(5002, "start_ts and end_ts (milliseconds) are required");
  if (end <= start) throw new ApiError(5002, "end_ts must be after start_ts");
  if (end - start > state.config.aggMaxDays * DAY_S * 1000)
    throw new ApiError(5002, `at most ${state.config.aggMaxDays} days can be aggregated`);
  const attrsParam = requireStr(q, "attrs");
  const unit = requireStr(q, "unit").toUpperCase();
  const aggregator = requireStr(q, "aggregator").toLowerCase();
  if (!(UNITS as readonly string[]).includes(unit)) throw new ApiError(5002, "unit must be HOURS, DAYS, WEEKS or MONTHS");
  if (!(AGGREGATORS as readonly string[]).includes(aggregator)) throw new ApiError(5002, "aggregator must be sum, avg, max or min");
  const names = attrsParam
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!names.length) throw new ApiError(5002, "attrs is empty");
  const attrs = names.map((n) => {
    const a = p.def.attrs.find((x) => x.name === n);
    if (!a) throw new ApiError(5405, `no datapoint named ${n}`);
    if (!a.data_type.startsWith("uint")) throw new ApiError(5401, `${n} is not numeric`);
    return a;
  });
  // Only the most recent month is kept for aggregation; older buckets simply have no data.
  const from = Math.max(start / 1000, ctx.now - 31 * DAY_S);
  const to = Math.min(end / 1000, ctx.now);
  const buckets = new Map<string, { n: number; sum: number[]; max: number[]; min: number[] }>();
  if (from < to) {
    for (const e of logBetween(state.tenant, i, from, to)) {
      if (e.kind !== "report") continue;
      const s = stateAt(state.tenant, i, e.t);
      const key = bucketKey(unit as (typeof UNITS)[number], e.t);
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
  const round = (v: number) => Number(v.toFixed(6));
  const data = [...buckets.entries()]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([datetime, b]) => ({
      attrs: Object.fromEntries(
        attrs.map((a, k) => [
          a.name,
          aggregator === "sum"
            ? round(b.sum[k])
            : aggregator === "avg"
              ? b.sum[k] / b.n
              : aggregator === "max"
                ? round(b.max[k])
                : round(b.min[k]),
        ]),
      ),
      datetime,
    }));
  return { query: { aggregator, end_ts: end, start_ts: start, attrs: names.join(","), unit }, data };
}

export function registerAgg(router: Router, state: EmulatorState): void {
  router.add("GET", "/v1/products/{product_key}/devices/{did}/agg_data", (ctx) => {
    const p = requireToken(state, ctx);
    const i = deviceInProduct(state.tenant, p, ctx.params.did);
    return ok(aggData(state, p, i, ctx));
  });
}
