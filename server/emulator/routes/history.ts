/**
 * The online / cmd / data history logs of one device, in both paging forms the Enterprise API
 * reference has had: the 2018 revision's `skip` (last 7 days) and the current `context` cursor
 * (last 30 days, limit ≤ 100).
 */
import { ApiError } from "../errors";
import { int, ok, page, str, type Ctx, type Router } from "../http";
import { cmdPayload, heartbeatInterval, logBetween, sessionsBetween, stateAt, type LogEntry } from "../model";
import { displayValue } from "../products";
import type { EmulatorState } from "../state";
import type { ProductState } from "../tenant";
import { DAY_S, hash4 } from "../util";
import { requireToken } from "./auth";
import { deviceInProduct } from "./devices";

type LogKind = "online" | "cmd" | "data";

interface Cursor {
  k: LogKind;
  d: number;
  f: number;
  t: number;
  s: "asc" | "desc";
  p: number;
  l: number;
  x: number;
}

const TWO_DAYS = 2 * DAY_S;

function isCursor(v: unknown): v is Cursor {
  if (typeof v !== "object" || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    ["d", "f", "t", "p", "l", "x"].every((k) => typeof c[k] === "number") && (c.s === "asc" || c.s === "desc") && typeof c.k === "string"
  );
}

/** One record of a log with its time, rendered lazily so paging a 2-day log stays cheap. */
interface Rec {
  ts: number;
  render: () => Record<string, unknown>;
}

function records(state: EmulatorState, p: ProductState, i: number, kind: LogKind, from: number, to: number): Rec[] {
  const t = state.tenant;
  if (kind === "online") {
    const out: Rec[] = [];
    const hb = heartbeatInterval(t, i);
    for (const s of sessionsBetween(t, i, from, to)) {
      if (s.start >= from && s.start <= to)
        out.push({ ts: s.start, render: () => ({ timestamp: s.start, type: "dev_online", payload: { keep_alive: hb + 5 } }) });
      if (Number.isFinite(s.end) && s.end >= from && s.end <= to) {
        out.push({
          ts: s.end,
          render: () => {
            const duration = Math.round(s.end - s.start);
            const count = Math.floor(duration / hb);
            const jitter = hash4(t.salt, i, Math.floor(s.start), 0x4b) % 4;
            const stats = count < 2 ? { max: 0, avg: 0, min: 0 } : { max: hb + jitter, avg: hb, min: Math.max(1, hb - jitter) };
            const last =
              s.reason === "no_heartbeat"
                ? hb + 5 + (hash4(t.salt, i, Math.floor(s.end), 0x4c) % hb)
                : hash4(t.salt, i, Math.floor(s.end), 0x4d) % hb;
            return { timestamp: s.end, type: "dev_offline", payload: { duration, heartbeat: { count, ...stats, last }, reason: s.reason } };
          },
        });
      }
    }
    return out;
  }
  const log = logBetween(t, i, from, to).filter((e: LogEntry) => kind === "cmd" || e.kind === "report");
  if (kind === "cmd") return log.map((e) => ({ ts: e.t, render: () => ({ timestamp: e.t, ...cmdPayload(p.def, t, i, e) }) }));
  return log.map((e) => ({
    ts: e.t,
    render: () => {
      const s = stateAt(t, i, e.t);
      const attrs: Record<string, number | string> = {};
      for (const a of p.def.attrs) attrs[a.name] = displayValue(a, s[a.name]);
      return { ts: Math.floor(e.t), attrs };
    },
  }));
}

/**
 * online / cmd / data. 2018 form (a `skip` parameter): limit+skip paging over the last 7
 * days. Current form (no skip): limit ≤ 100, window of the last 30 days, and a `context`
 * cursor (valid one hour) returned while more records remain, null at the end. Both: start/end
 * in seconds, default the last two days, span ≤ two days, sort desc by default.
 */
function historyLog(state: EmulatorState, p: ProductState, i: number, kind: LogKind, ctx: Ctx) {
  const q = ctx.query;
  const now = ctx.now;
  const context = str(q, "context");
  let from: number;
  let to: number;
  let sort: "asc" | "desc";
  let pos: number;
  let limit: number;
  const legacy = context === undefined && q.get("skip") !== null;
  if (context !== undefined) {
    const c = state.readCursor(context);
    if (!isCursor(c)) throw new ApiError(5002, "context is invalid");
    if (c.x <= now) throw new ApiError(5002, "context has expired (valid 1 hour)");
    if (c.k !== kind || c.d !== i) throw new ApiError(5002, "context belongs to another query");
    ({ f: from, t: to, s: sort, p: pos } = c);
    limit = int(q, "limit", { min: 1, max: 100, def: c.l }) ?? c.l;
  } else {
    const window = legacy ? 7 * DAY_S : 30 * DAY_S;
    limit = int(q, "limit", { min: 1, max: legacy ? 1000 : 100, def: 20 }) ?? 20;
    pos = legacy ? (int(q, "skip", { min: 0, def: 0 }) ?? 0) : 0;
    const s = str(q, "sort") ?? "desc";
    if (s !== "asc" && s !== "desc") throw new ApiError(5002, "sort must be asc or desc");
    sort = s;
    const start = int(q, "start_ts", { min: 0 });
    const end = int(q, "end_ts", { min: 0 });
    // Default end is the request time itself (not floored) so a control sent a moment ago shows up.
    to = end ?? (start !== undefined ? Math.min(start + TWO_DAYS, now) : now);
    from = start ?? to - TWO_DAYS;
    if (from > to) throw new ApiError(5002, "start_ts must not be after end_ts");
    if (to - from > TWO_DAYS) throw new ApiError(5002, "start_ts and end_ts must be at most two days apart");
    if (from < now - window - 60) throw new ApiError(5002, `only the last ${window / DAY_S} days can be queried`);
  }
  const all = records(state, p, i, kind, from, Math.min(to, now));
  if (sort === "desc") all.reverse();
  const slice = all.slice(pos, pos + limit).map((r) => r.render());
  if (legacy) return page(ctx, slice, all.length, pos, limit);
  const nextPos = pos + slice.length;
  const more = nextPos < all.length;
  const cursor = more
    ? state.signCursor({
        k: kind,
        d: i,
        f: from,
        t: to,
        s: sort,
        p: nextPos,
        l: limit,
        x: now + state.config.contextTtlSeconds,
      } satisfies Cursor)
    : null;
  const next = cursor ? `${ctx.path}?${new URLSearchParams({ limit: String(limit), context: cursor }).toString()}` : null;
  return { meta: { previous: null, skip: pos, total: all.length, limit, next }, objects: slice, context: cursor };
}

export function registerHistory(router: Router, state: EmulatorState): void {
  for (const kind of ["online", "cmd", "data"] as const) {
    router.add("GET", `/v1/products/{product_key}/devices/{did}/${kind}`, (ctx) => {
      const p = requireToken(state, ctx);
      // Seed 002: these logs work only for unpublished products unless Gizwits enables them. The
      // table has no dedicated code; 5024 "api deny to visit!" is its code for an API not open to
      // the caller (the same refusal agg_data gets). See README "Published products".
      if (!state.historyAllowed(p))
        throw new ApiError(
          5024,
          `the ${kind} history log is not enabled for this published product (see /__emulator/config published/historyEnabled)`,
        );
      const i = deviceInProduct(state.tenant, p, ctx.params.did);
      return ok(historyLog(state, p, i, kind, ctx));
    });
  }
}
