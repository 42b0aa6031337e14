/**
 * App users: registered-user search and the user reports behind enterprise header auth
 * (/v1/users/search, /v1/users/liveness_total, /v1/users/location), and the token-auth
 * bound-user search and user reports under /v1/products/{pk}/users/...
 */
import { ReportCache, countTree, inferCycle, parsePeriods } from "../aggregate";
import { ApiError } from "../errors";
import { CITIES } from "../geo";
import { int, ok, page, requireStr, str, type Ctx, type Router } from "../http";
import type { EmulatorState } from "../state";
import type { DemoTenant, ProductState } from "../tenant";
import { dayOf, formatDay, hash4, parseDay, unit4 } from "../util";
import { productFromQuery, requireEnterprise, requireToken } from "./auth";
import { deviceByMacInProduct, deviceInProduct, groupOrThrow } from "./devices";

const caches = new WeakMap<DemoTenant, ReportCache>();
export function cacheOf(t: DemoTenant): ReportCache {
  let c = caches.get(t);
  if (!c) caches.set(t, (c = new ReportCache()));
  return c;
}

const SURNAMES = [
  "wang",
  "li",
  "zhang",
  "liu",
  "chen",
  "yang",
  "huang",
  "zhao",
  "wu",
  "zhou",
  "xu",
  "sun",
  "ma",
  "zhu",
  "hu",
  "guo",
  "he",
  "lin",
];
const GIVEN = [
  "wei",
  "fang",
  "na",
  "min",
  "jing",
  "lei",
  "qiang",
  "jun",
  "yan",
  "tao",
  "ming",
  "chao",
  "xiu",
  "hui",
  "ping",
  "gang",
  "hong",
  "yu",
];
const MAIL = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "foxmail.com"];
const PHONE_PREFIX = ["138", "139", "136", "137", "150", "151", "158", "186", "188", "177", "199"];

export interface UserProfile {
  uid: string;
  username: string | null;
  phone: string | null;
  email: string | null;
  is_anonymous: boolean;
}

/** Profile fields derived from the user index: a third anonymous, the rest phone/email/WeChat sign-ups. */
export function profile(t: DemoTenant, u: number): UserProfile {
  const uid = t.uid(u);
  const rec = t.userRecords.get(u);
  if (rec) return { uid, username: rec.username, phone: rec.phone, email: rec.email, is_anonymous: rec.is_anonymous };
  if (unit4(t.salt, u, 0xa8) < 0.3) return { uid, username: null, phone: null, email: null, is_anonymous: true };
  const h = hash4(t.salt, u, 0xa9);
  const name = SURNAMES[h % SURNAMES.length] + GIVEN[(h >>> 8) % GIVEN.length];
  const phone = PHONE_PREFIX[(h >>> 16) % PHONE_PREFIX.length] + String(hash4(t.salt, u, 0xaa) % 100_000_000).padStart(8, "0");
  const email = `${name}${hash4(t.salt, u, 0xab) % 1000}@${MAIL[(h >>> 4) % MAIL.length]}`;
  const kind = h % 3;
  const username = kind === 0 ? phone : kind === 1 ? email : `wx_${name}${(h >>> 12) % 10000}`;
  return { uid, username, phone: kind === 1 ? null : phone, email: kind === 0 ? null : email, is_anonymous: false };
}

function userObject(t: DemoTenant, u: number, bound: boolean): Record<string, unknown> {
  const pr = profile(t, u);
  const created = Math.floor(t.userCreated[u]);
  const named = !pr.is_anonymous;
  const h = hash4(t.salt, u, 0xac);
  const c = CITIES[t.userCity[u]];
  const base: Record<string, unknown> = {
    username: pr.username,
    remark: named && h % 7 === 0 ? "VIP" : null,
    uid: pr.uid,
    is_anonymous: pr.is_anonymous,
    gender: named ? (h % 2 ? "M" : "F") : null,
    created_at: created,
  };
  if (!bound) base.updated_at = created + (h % (30 * 86400));
  else base.auth_src = pr.username?.startsWith("wx_") ? [{ src: "wechat", uid: `o${pr.uid.slice(0, 27)}` }] : null;
  Object.assign(base, {
    phone: pr.phone,
    birthday: named && h % 3 === 0 ? formatDay(3650 + (h % 12000)) : null,
    address: named && h % 2 === 0 ? `${c.region} ${c.city}` : null,
    email: pr.email,
  });
  if (bound) base.name = null;
  // Users registered or edited through the Open API print what they entered.
  const rec = t.userRecords.get(u);
  if (rec) {
    Object.assign(base, { remark: rec.remark, gender: rec.gender, birthday: rec.birthday, address: rec.address });
    if (bound) Object.assign(base, { name: rec.name, auth_src: rec.auth_src });
    else base.updated_at = rec.updated_at;
  }
  return base;
}

function usersOfGroup(t: DemoTenant, p: ProductState, gid: string): Set<number> {
  const g = groupOrThrow(t, p, gid);
  const out = new Set<number>();
  for (const i of t.groupMembers(g)) for (const b of t.bindingsOf(i)) out.add(b.user);
  return out;
}

/** Per-day active users: a user opens the app on a day with a per-user probability. */
function activeUsersOnDay(t: DemoTenant, p: ProductState, app: number, d: number): number {
  return cacheOf(t).get(`ua|${p.index}|${app}|${d}`, () => {
    let n = 0;
    for (let u = p.userStart; u < p.userEnd; u++) {
      if (app >= 0 && t.userApp[u] !== app) continue;
      if (dayOf(t.userCreated[u]) > d) break; // users are ordered by registration
      const pUse = 0.05 + 0.6 * unit4(t.salt, u, 0xad);
      if (unit4(t.salt, u, d, 0xae) < pUse) n++;
    }
    return n;
  });
}

export function registerUsers(router: Router, state: EmulatorState): void {
  router.add("GET", "/v1/users/search", (ctx) => {
    requireEnterprise(state, ctx, false);
    const t = state.tenant;
    const p = productFromQuery(state, ctx, ["product_key"]);
    const q = ctx.query;
    const appid = str(q, "appid");
    const app = appid === undefined ? -1 : t.appIndex(p, appid);
    if (appid !== undefined && app < 0) throw new ApiError(5016);
    const limit = int(q, "limit", { min: 1, max: 1000, def: 20 }) ?? 20;
    const skip = int(q, "skip", { min: 0, def: 0 }) ?? 0;
    const username = str(q, "username")?.toLowerCase();
    const phone = str(q, "phone");
    const email = str(q, "email")?.toLowerCase();
    const objects: Record<string, unknown>[] = [];
    let total = 0;
    const filtered = username !== undefined || phone !== undefined || email !== undefined;
    for (const u of t.usersOf(p)) {
      if (app >= 0 && t.userApp[u] !== app) continue;
      if (filtered) {
        // Substring match for username/email, prefix for phone: what a support desk types.
        const pr = profile(t, u);
        if (username !== undefined && !pr.username?.toLowerCase().includes(username)) continue;
        if (phone !== undefined && !pr.phone?.startsWith(phone)) continue;
        if (email !== undefined && !pr.email?.toLowerCase().includes(email)) continue;
      }
      if (total >= skip && objects.length < limit) objects.push(userObject(t, u, false));
      total++;
    }
    return ok(page(ctx, objects, total, skip, limit));
  });

  router.add("GET", "/v1/products/{product_key}/users/search", (ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const q = ctx.query;
    const limit = int(q, "limit", { min: 1, max: 1000, def: 20 }) ?? 20;
    const skip = int(q, "skip", { min: 0, def: 0 }) ?? 0;
    const type = str(q, "type");
    const val = str(q, "val");
    const gid = str(q, "gid");
    if (type !== undefined && !["uid", "username", "phone", "email", "did", "mac"].includes(type))
      throw new ApiError(5002, "type must be uid, username, phone, email, did or mac");
    if (type !== undefined && val === undefined) throw new ApiError(5002, "val is required with type");
    const inGroup = gid !== undefined ? usersOfGroup(t, p, gid) : null;
    const objects: Record<string, unknown>[] = [];
    let total = 0;
    const emit = (u: number, extra?: Record<string, unknown>) => {
      if (inGroup && !inGroup.has(u)) return;
      if (total >= skip && objects.length < limit) objects.push({ ...userObject(t, u, true), ...extra });
      total++;
    };
    if (type === "did" || type === "mac") {
      const i = type === "did" ? deviceInProduct(t, p, val ?? "") : deviceByMacInProduct(t, p, val ?? "");
      for (const b of t.bindingsOf(i)) emit(b.user, { is_owner: b.owner });
    } else if (type === "uid") {
      const u = t.userByUid(val ?? "");
      if (u >= 0 && t.userProduct[u] === p.index && t.userBindings[u] > 0) emit(u);
    } else {
      for (const u of t.usersOf(p)) {
        if (t.userBindings[u] === 0) continue;
        if (type !== undefined) {
          const pr = profile(t, u);
          const v = type === "username" ? pr.username : type === "phone" ? pr.phone : pr.email;
          if (v !== val) continue;
        }
        emit(u);
      }
    }
    return ok(page(ctx, objects, total, skip, limit));
  });

  router.add("GET", "/v1/users/liveness_total", (ctx) => {
    requireEnterprise(state, ctx, true);
    const t = state.tenant;
    const p = productFromQuery(state, ctx, ["product_secret", "product_key"]);
    const appid = str(ctx.query, "appid");
    const app = appid === undefined ? -1 : t.appIndex(p, appid);
    if (appid !== undefined && app < 0) throw new ApiError(5016);
    const a = parseDay(requireStr(ctx.query, "start_date"));
    const b = parseDay(requireStr(ctx.query, "end_date"));
    if (a === null || b === null) throw new ApiError(5002, "start_date/end_date must look like 2015-01-02");
    if (a > b) throw new ApiError(5002, "start_date must not be after end_date");
    if (b - a >= 90) throw new ApiError(5002, "at most 90 days per query");
    if (b >= dayOf(ctx.now)) throw new ApiError(5014, "batch reports cover completed days only (T+1)");
    const data = [];
    for (let d = a; d <= b; d++) data.push({ count: activeUsersOnDay(t, p, app, d), date: formatDay(d) });
    return ok({ data });
  });

  router.add("GET", "/v1/users/location", (ctx) => {
    requireEnterprise(state, ctx, true);
    const t = state.tenant;
    const p = productFromQuery(state, ctx, ["product_secret", "product_key"]);
    const perCity = cacheOf(t).get(`uloc|${p.index}|${t.bindingVersion}`, () => {
      const c = new Int32Array(CITIES.length);
      for (let u = p.userStart; u < p.userEnd; u++) if (t.userBindings[u] > 0) c[t.userCity[u]]++;
      return c;
    });
    // No wrapper: the response is the location tree itself.
    return ok(countTree(perCity, "object"));
  });

  router.add("GET", "/v1/products/{product_key}/users/report/new", (ctx: Ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const start = requireStr(ctx.query, "start");
    const end = requireStr(ctx.query, "end");
    const cycle = inferCycle(str(ctx.query, "cycle"), start);
    const periods = parsePeriods(cycle, start, end, ctx.now);
    const gid = str(ctx.query, "gid");
    const inGroup = gid !== undefined ? usersOfGroup(t, p, gid) : null;
    const data = periods.map((per) => {
      const count = cacheOf(t).get(
        `unew|${p.index}|${gid ?? ""}|${inGroup ? `${t.groupVersion}/${t.bindingVersion}` : ""}|${per.firstDay}|${per.lastDay}`,
        () => {
          let n = 0;
          for (let u = p.userStart; u < p.userEnd; u++) {
            const d = dayOf(t.userCreated[u]);
            if (d > per.lastDay) break;
            if (d >= per.firstDay && t.userEverBound[u] && (!inGroup || inGroup.has(u))) n++;
          }
          return n;
        },
      );
      return { count, [cycle]: per.label };
    });
    return ok({ start, gid: gid ?? null, end, data, cycle });
  });

  router.add("GET", "/v1/products/{product_key}/users/report/total", (ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const gid = str(ctx.query, "gid");
    if (gid !== undefined) return ok({ gid, total: usersOfGroup(t, p, gid).size });
    let total = 0;
    for (let u = p.userStart; u < p.userEnd; u++) total += t.userEverBound[u];
    return ok({ gid: null, total });
  });
}
