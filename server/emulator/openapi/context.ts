/**
 * Per-request helpers of the /app routes: AppID and user-token checks, body and query parsing
 * that fail with 9015 "form invalid!", device look-ups scoped to the AppID's products, and the
 * device objects the bindings/detail endpoints print.
 */
import type { z } from "zod";
import type { Ctx, Result } from "../http";
import { hash4, unit4 } from "../util";
import { FLAG_DISABLED, FLAG_ONLINE, type ProductState } from "../tenant";
import type { EmulatorState } from "../state";
import { AppError } from "./errors";
import type { AppInfo, AppStore, UserRec } from "./store";

export interface AppCtx extends Ctx {
  state: EmulatorState;
  store: AppStore;
  app: AppInfo;
}

export type AppHandler = (c: AppCtx) => Result | Promise<Result>;

export function header(ctx: Ctx, name: string): string | undefined {
  // node lower-cases incoming header names, so any spelling (User-token / User-Token) matches.
  const v = ctx.headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" && s.trim() !== "" ? s.trim() : undefined;
}

/** X-Gizwits-Application-Id: required on every Open API call; 9003 when missing or unknown. */
export function requireApp(store: AppStore, ctx: Ctx): AppInfo {
  const appid = header(ctx, "X-Gizwits-Application-Id");
  if (!appid) throw new AppError(9003, "X-Gizwits-Application-Id header is required");
  const app = store.apps.get(appid.toLowerCase());
  if (!app) throw new AppError(9003, "unknown AppID");
  return app;
}

/** X-Gizwits-User-token: 9004 missing/unknown/another app's, 9006 expired, 9005 user gone. */
export function requireUser(c: AppCtx): UserRec {
  const token = header(c, "X-Gizwits-User-token");
  if (!token) throw new AppError(9004, "X-Gizwits-User-token header is required");
  const info = c.store.tokens.get(token.toLowerCase());
  if (!info || info.appid !== c.app.appid) throw new AppError(9004, "unknown user token (or one issued to another AppID)");
  if (c.now > info.expireAt) throw new AppError(9006);
  const rec = c.store.users.get(info.u);
  if (!rec) throw new AppError(9005);
  return rec;
}

/** The sms/captcha endpoints take either an app token (POST /app/request_token) or a user token. */
export function requireAppOrUserToken(c: AppCtx): void {
  const token = header(c, "X-Gizwits-User-token");
  if (!token) throw new AppError(9004, "X-Gizwits-User-token header (an app token from /app/request_token, or a user token) is required");
  const key = token.toLowerCase();
  const appTok = c.store.appTokens.get(key);
  const userTok = c.store.tokens.get(key);
  const info = appTok ?? userTok;
  if (!info || info.appid !== c.app.appid) throw new AppError(9004);
  if (c.now > info.expireAt) throw new AppError(9006);
}

/** JSON object body, parsed whatever the Content-Type; empty body = {}. 9015 otherwise. */
export function body(ctx: Ctx): Record<string, unknown> {
  if (ctx.rawBody.trim() === "") return {};
  let v: unknown;
  try {
    v = JSON.parse(ctx.rawBody);
  } catch {
    throw new AppError(9015, "request body is not valid JSON");
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new AppError(9015, "request body must be a JSON object");
  return v as Record<string, unknown>;
}

/** Validates with zod; any issue is 9015 with the first issue as the hint. */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new AppError(9015, `${i.path.join(".") || "body"}: ${i.message}`);
  }
  return r.data;
}

export function qstr(ctx: Ctx, name: string): string | undefined {
  const v = ctx.query.get(name);
  return v === null || v === "" ? undefined : v;
}

export function qint(ctx: Ctx, name: string, opts: { min?: number; max?: number; def?: number } = {}): number | undefined {
  const v = qstr(ctx, name);
  if (v === undefined) return opts.def;
  if (!/^-?\d+$/.test(v)) throw new AppError(9015, `${name} must be an integer`);
  const n = Number(v);
  if (opts.min !== undefined && n < opts.min) throw new AppError(9015, `${name} must be >= ${opts.min}`);
  if (opts.max !== undefined && n > opts.max) throw new AppError(9015, `${name} must be <= ${opts.max}`);
  return n;
}

/** limit/skip with the documented defaults (limit 20, skip 0). */
export function paging(ctx: Ctx, maxLimit = 1000): { limit: number; skip: number } {
  return { limit: qint(ctx, "limit", { min: 1, max: maxLimit, def: 20 }) ?? 20, skip: qint(ctx, "skip", { min: 0, def: 0 }) ?? 0 };
}

/** The `{meta: {total, limit, skip, previous, next}, objects}` envelope of messages and sharing. */
export function metaPage<T>(ctx: Ctx, all: T[], limit: number, skip: number): { meta: Record<string, unknown>; objects: T[] } {
  const link = (s: number) => {
    const q = new URLSearchParams(ctx.query);
    q.set("skip", String(s));
    q.set("limit", String(limit));
    return `${ctx.path}?${q.toString()}`;
  };
  return {
    meta: {
      total: all.length,
      limit,
      skip,
      previous: skip > 0 ? link(Math.max(0, skip - limit)) : null,
      next: skip + limit < all.length ? link(skip + limit) : null,
    },
    objects: all.slice(skip, skip + limit),
  };
}

/** A product the AppID is associated with (or any, for the super AppID); 9002 otherwise. */
export function productForApp(c: AppCtx, productKey: unknown): ProductState {
  if (typeof productKey !== "string" || productKey === "") throw new AppError(9002, "product_key is required");
  const p = c.state.tenant.productByKey(productKey);
  if (!p || !c.app.products.includes(p.index)) throw new AppError(9002, "product_key unknown or not associated with this AppID");
  return p;
}

/** did → device index, only within the AppID's products: 9014 otherwise. */
export function deviceForApp(c: AppCtx, did: unknown): number {
  if (typeof did !== "string" || did === "") throw new AppError(9014, "did is required");
  const t = c.state.tenant;
  const i = t.deviceByDid(did);
  if (i < 0 || !c.app.products.includes(t.productOf[i])) throw new AppError(9014);
  return i;
}

/** A device the user is bound to: 9014 unknown, 9017 not bound. */
export function boundDevice(c: AppCtx, user: UserRec, did: unknown): number {
  const i = deviceForApp(c, did);
  if (c.store.role(i, user.u) === null) throw new AppError(9017);
  return i;
}

export function passcode(c: { state: EmulatorState }, i: number): string {
  let s = "";
  for (let k = 0; k < 10; k++) s += String.fromCharCode(65 + (hash4(c.state.tenant.salt, i, 0x9c, k) % 26));
  return s;
}

const WIFI_SOFT = ["04020034", "04020036", "04030012"];

/** The device object of bind_mac / bindings / devices/{did} (the Open API reference's examples). */
export function deviceJson(
  c: { state: EmulatorState; store: AppStore },
  i: number,
  u: number,
  extra: { protoVer?: boolean } = {},
): Record<string, unknown> {
  const t = c.state.tenant;
  const p = t.products[t.productOf[i]];
  const meta = c.store.meta(i, u);
  const out: Record<string, unknown> = {
    product_key: p.def.key,
    did: t.did(i),
    mac: t.mac(i),
    is_online: Boolean(t.flags[i] & FLAG_ONLINE),
    passcode: passcode(c, i),
    host: "m2m.gizwits.com",
    port: 1883,
    port_s: 8883,
    ws_port: 8080,
    wss_port: 8880,
    remark: meta?.remark ?? "",
    is_disabled: Boolean(t.flags[i] & FLAG_DISABLED),
    type: "normal",
    dev_alias: meta?.dev_alias ?? "",
    dev_label: meta?.dev_label ?? [],
    role: c.store.role(i, u),
  };
  if (extra.protoVer) {
    out.proto_ver = "04";
    out.wifi_soft_version = WIFI_SOFT[hash4(t.salt, i, 0xe2) % WIFI_SOFT.length];
    out.is_sandbox = false;
  }
  return out;
}

/** "2017-09-11T11:41:23Z" — the UTC form the Open API prints for created_at/updated_at. */
export function isoZ(sec: number): string {
  return new Date(Math.floor(sec) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Masks the middle of a user name / email local part ("G****s") and a phone ("188****8888"). */
export function mask(v: string | null): string | null {
  if (v === null) return null;
  const at = v.indexOf("@");
  if (at > 0) return `${mask(v.slice(0, at))}${v.slice(at)}`;
  if (/^\+?\d{11,}$/.test(v)) return `${v.slice(0, v.length - 8)}****${v.slice(v.length - 4)}`;
  if (v.length <= 2) return `${v[0]}****`;
  return `${v[0]}****${v[v.length - 1]}`;
}

/** A plausible device IP for dev2app log entries (stable per device). */
export function deviceIp(c: { state: EmulatorState }, i: number): string {
  const s = c.state.tenant.salt;
  return `10.${100 + (hash4(s, i, 0x1a) % 100)}.${hash4(s, i, 0x1b) % 256}.${1 + Math.floor(unit4(s, i, 0x1c) * 254)}`;
}
