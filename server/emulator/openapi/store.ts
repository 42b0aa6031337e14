/**
 * App-side (Open API) state, kept sparsely next to the shared tenant: the tenant's typed arrays
 * hold devices, users and bindings for both APIs; this store holds only what the Open API adds —
 * AppIDs and their secrets, registered users' credentials and profiles, user tokens, SMS/email/
 * image codes, messages, per-binding alias/remark, sharing records, app groups, rules, scenes and
 * schedulers. Nothing here is allocated per device, so a million-device tenant costs nothing
 * extra until app users start doing things. Every collection is bounded.
 */
import { createHash, randomBytes } from "node:crypto";
import type { RawState } from "../products";
import type { DemoTenant, ProductState } from "../tenant";
import { AppError } from "./errors";

/** Products with device sharing switched on (owner/guest roles); the water meter has it off. */
export const SHARING_PRODUCTS = new Set(["6f2e214bf2d79649232431b94a25f46a", "9a3c5e7f1b2d4f6a8c0e2a4c6e8f0b1d"]);

/** A "super AppID" (the datapoint doc's exception): associated with every product of the tenant. */
export const SUPER_APPID = "5e1f0a9b8c7d4e3f2a1b0c9d8e7f6a5b";

export interface AppInfo {
  appid: string;
  /** X-Gizwits-Application-Auth = md5(appid + secret). */
  secret: string;
  /** Product indexes this AppID is associated with. */
  products: number[];
  /** Index of the app within its product (what the tenant's userApp column stores); -1 for the super AppID. */
  appIndex: number;
  superApp: boolean;
}

export interface UserRec {
  u: number;
  uid: string;
  appid: string;
  username: string | null;
  phone: string | null;
  email: string | null;
  passwordHash: string | null;
  phoneId: string | null;
  authSrc: { src: string; uid: string } | null;
  name: string | null;
  gender: string | null;
  birthday: string | null;
  address: string | null;
  lang: string | null;
  remark: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface UserToken {
  u: number;
  appid: string;
  expireAt: number;
}

export interface Code {
  code: string;
  appid: string;
  createdAt: number;
  expireAt: number;
  purpose: string;
}

export interface Message {
  id: string;
  createdAt: number;
  updatedAt: number;
  type: number;
  status: number;
  content: string;
}

export interface BindingMeta {
  dev_alias: string;
  remark: string;
  dev_label: string[];
  createdAt: number;
}

export interface Sharing {
  id: number;
  type: 0 | 1;
  device: number;
  owner: number;
  guest: number | null;
  status: 0 | 1 | 2 | 3;
  code: string | null;
  /** Minutes the guest may use the device after accepting (null: no limit). */
  duration: number | null;
  acceptedAt: number | null;
  userAlias: string | null;
  createdAt: number;
  updatedAt: number;
  expiredAt: number;
}

export interface AppGroup {
  id: string;
  owner: number;
  appid: string;
  productKey: string;
  name: string;
  devices: number[];
  createdAt: number;
  updatedAt: number;
}

export interface Rule {
  rule_id: number;
  owner: number;
  body: Record<string, unknown>;
}

export interface SceneTask {
  task_type: "delay" | "device" | "group";
  did: string;
  group_id: string;
  time: number;
  attrs: Record<string, unknown> | null;
  raw: string;
}

export interface Scene {
  id: string;
  owner: number;
  name: string;
  remark: string;
  tasks: SceneTask[];
  createdAt: number;
  updatedAt: number;
  /** 0 running, 1 done, 2 failed, 3 never run. */
  status: number;
}

export interface Schedule {
  id: string;
  /** "device" (/app/devices/{did}/scheduler) or "common" (/app/common_scheduler). */
  api: "device" | "common";
  owner: number;
  did: string;
  groupId: string;
  sceneId: string;
  productKey: string;
  raw: string;
  attrs: Record<string, unknown> | null;
  date: string;
  time: string;
  repeat: string;
  days: number[];
  startDate: string;
  endDate: string;
  enabled: boolean;
  remark: string;
  createdAt: number;
  /** Unix seconds of the last occurrence that ran (or was skipped because it predates creation). */
  lastRun: number;
  /** Results of the runs, newest last (bounded), for /__emulator/openapi/scheduler. */
  runs: { at: number; occurrence: number; results: { did: string; result: boolean; error: number | null }[] }[];
}

const MAX_TOKENS = 100_000;
const MAX_CODES = 10_000;
const MAX_MESSAGES_PER_USER = 500;
const MAX_RECORDS = 50_000;

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
export const hashPassword = (salt: string, password: string) => createHash("sha256").update(`${salt}\0${password}`).digest("hex");

function bounded<K, V>(m: Map<K, V>, max: number): void {
  while (m.size >= max) {
    const first = m.keys().next();
    if (first.done) return;
    m.delete(first.value);
  }
}

export class AppStore {
  readonly apps = new Map<string, AppInfo>();
  /** Users registered or edited through the Open API, by tenant user index. */
  readonly users = new Map<number, UserRec>();
  readonly byUsername = new Map<string, number>();
  readonly byPhone = new Map<string, number>();
  readonly byEmail = new Map<string, number>();
  readonly byPhoneId = new Map<string, number>();
  readonly byAuth = new Map<string, number>();
  readonly tokens = new Map<string, UserToken>();
  readonly appTokens = new Map<string, { appid: string; expireAt: number }>();
  /** SMS codes by phone, email codes by address, image codes by captcha_id. */
  readonly smsCodes = new Map<string, Code>();
  readonly emailCodes = new Map<string, Code>();
  readonly captchas = new Map<string, Code>();
  readonly messages = new Map<number, Message[]>();
  /** Per (device, user) alias/remark/labels: key `${device}:${user}`. */
  readonly bindingMeta = new Map<string, BindingMeta>();
  /** Devices of sharing products in "owner mode" (bound with set_owner=1, or shared). */
  readonly ownerMode = new Map<number, boolean>();
  readonly sharings = new Map<number, Sharing>();
  readonly groups = new Map<string, AppGroup>();
  readonly rules = new Map<number, Rule>();
  readonly scenes = new Map<string, Scene>();
  readonly schedules = new Map<string, Schedule>();
  /** Who sent each Open API control (key `${device}:${t}`), for raw_data's app2dev uid/appid/source. */
  readonly controlSources = new Map<string, { uid: string | null; appid: string | null; source: "client" | "d3" }>();
  /** Per-AppID hourly call counters (quota applies per AppID). */
  readonly quota = new Map<string, { hour: number; used: number }>();
  private seq = 0;
  private devCache: { version: number; map: Map<string, number[]> } = { version: -1, map: new Map() };
  private sharingSeq = 10_400;
  private ruleSeq = 8_800;

  constructor(readonly tenant: DemoTenant) {
    for (const p of tenant.products) {
      p.appids.forEach((appid, k) => {
        this.apps.set(appid, {
          appid,
          secret: md5(`gizwits-emulator-app-secret:${appid}`),
          products: [p.index],
          appIndex: k,
          superApp: false,
        });
      });
    }
    this.apps.set(SUPER_APPID, {
      appid: SUPER_APPID,
      secret: md5(`gizwits-emulator-app-secret:${SUPER_APPID}`),
      products: tenant.products.map((p) => p.index),
      appIndex: -1,
      superApp: true,
    });
  }

  /** 24-hex ids like the real service's Mongo ObjectIds, deterministic from the seed and creation order. */
  objectId(): string {
    this.seq++;
    return md5(`${this.tenant.seed}:${this.seq}`).slice(0, 16) + this.seq.toString(16).padStart(8, "0");
  }

  nextSharingId(): number {
    return ++this.sharingSeq;
  }

  nextRuleId(): number {
    return ++this.ruleSeq;
  }

  productsOf(app: AppInfo): ProductState[] {
    return app.products.map((k) => this.tenant.products[k]);
  }

  sharingEnabled(p: ProductState): boolean {
    return SHARING_PRODUCTS.has(p.def.key);
  }

  // --- users ---------------------------------------------------------------------------------

  /** Registers a user in the tenant (so the Enterprise API sees it) and records its credentials. */
  createUser(app: AppInfo, fields: Partial<UserRec>, now: number): UserRec {
    const product = app.superApp ? -1 : app.products[0];
    const u = this.tenant.addUser(product, app.appIndex, now);
    if (u < 0) throw new AppError(9008, "user capacity of the emulator reached");
    const rec: UserRec = {
      u,
      uid: this.tenant.uid(u),
      appid: app.appid,
      username: null,
      phone: null,
      email: null,
      passwordHash: null,
      phoneId: null,
      authSrc: null,
      name: null,
      gender: null,
      birthday: null,
      address: null,
      lang: null,
      remark: null,
      createdAt: Math.floor(now),
      updatedAt: Math.floor(now),
      ...fields,
    };
    this.users.set(u, rec);
    this.index(rec);
    this.syncProfile(rec);
    return rec;
  }

  private key(app: string, v: string): string {
    return `${app}|${v.toLowerCase()}`;
  }

  index(rec: UserRec): void {
    if (rec.username) this.byUsername.set(this.key(rec.appid, rec.username), rec.u);
    if (rec.phone) this.byPhone.set(this.key(rec.appid, rec.phone), rec.u);
    if (rec.email) this.byEmail.set(this.key(rec.appid, rec.email), rec.u);
    if (rec.phoneId) this.byPhoneId.set(this.key(rec.appid, rec.phoneId), rec.u);
    if (rec.authSrc) this.byAuth.set(this.key(rec.appid, `${rec.authSrc.src}:${rec.authSrc.uid}`), rec.u);
  }

  unindex(rec: UserRec): void {
    if (rec.username) this.byUsername.delete(this.key(rec.appid, rec.username));
    if (rec.phone) this.byPhone.delete(this.key(rec.appid, rec.phone));
    if (rec.email) this.byEmail.delete(this.key(rec.appid, rec.email));
  }

  /** Mirrors the profile into the tenant so /v1/users/search prints what the Open API stored. */
  syncProfile(rec: UserRec): void {
    this.tenant.userRecords.set(rec.u, {
      username: rec.username,
      phone: rec.phone,
      email: rec.email,
      is_anonymous: rec.username === null && rec.phone === null && rec.email === null && rec.authSrc === null,
      name: rec.name,
      gender: rec.gender,
      birthday: rec.birthday,
      address: rec.address,
      remark: rec.remark,
      updated_at: rec.updatedAt,
      auth_src: rec.authSrc ? [rec.authSrc] : null,
    });
  }

  findUser(appid: string, kind: "username" | "phone" | "email" | "phoneId" | "auth", value: string): UserRec | undefined {
    const m = { username: this.byUsername, phone: this.byPhone, email: this.byEmail, phoneId: this.byPhoneId, auth: this.byAuth }[kind];
    const u = m.get(this.key(appid, value));
    return u === undefined ? undefined : this.users.get(u);
  }

  /** username / email / phone, as POST /app/login accepts any of them. */
  findLogin(appid: string, login: string): UserRec | undefined {
    return this.findUser(appid, "username", login) ?? this.findUser(appid, "email", login) ?? this.findUser(appid, "phone", login);
  }

  issueToken(rec: UserRec, ttl: number, now: number): { token: string; uid: string; expire_at: number } {
    const token = randomBytes(16).toString("hex");
    const expireAt = Math.floor(now) + ttl;
    bounded(this.tokens, MAX_TOKENS);
    this.tokens.set(token, { u: rec.u, appid: rec.appid, expireAt });
    return { token, uid: rec.uid, expire_at: expireAt };
  }

  issueAppToken(appid: string, ttl: number, now: number): { token: string; expire_at: number } {
    const token = randomBytes(16).toString("hex");
    const expireAt = Math.floor(now) + ttl;
    bounded(this.appTokens, MAX_TOKENS);
    this.appTokens.set(token, { appid, expireAt });
    return { token, expire_at: expireAt };
  }

  expireTokens(now: number): number {
    for (const t of this.tokens.values()) t.expireAt = Math.min(t.expireAt, Math.floor(now) - 1);
    for (const t of this.appTokens.values()) t.expireAt = Math.min(t.expireAt, Math.floor(now) - 1);
    return this.tokens.size + this.appTokens.size;
  }

  putCode(kind: "sms" | "email" | "captcha", key: string, code: Code): void {
    const m = kind === "sms" ? this.smsCodes : kind === "email" ? this.emailCodes : this.captchas;
    m.delete(key);
    bounded(m, MAX_CODES);
    m.set(key, code);
  }

  /** Checks and consumes an SMS code (codes are single-use, 24 h): 9010 wrong, 9009 expired. */
  consumeSms(appid: string, phone: string, code: unknown, now: number): void {
    const c = this.smsCodes.get(phone);
    if (typeof code !== "string" && typeof code !== "number") throw new AppError(9010, "code is required");
    if (!c || c.appid !== appid || c.code !== String(code)) throw new AppError(9010);
    if (c.expireAt < now) throw new AppError(9009);
    this.smsCodes.delete(phone);
  }

  // --- messages ------------------------------------------------------------------------------

  notify(u: number, type: number, content: string, now: number): void {
    let list = this.messages.get(u);
    if (!list) {
      bounded(this.messages, MAX_RECORDS);
      this.messages.set(u, (list = []));
    }
    list.push({ id: this.objectId(), createdAt: Math.floor(now), updatedAt: Math.floor(now), type, status: 0, content });
    if (list.length > MAX_MESSAGES_PER_USER) list.shift();
  }

  // --- bindings ------------------------------------------------------------------------------

  meta(i: number, u: number): BindingMeta | undefined {
    return this.bindingMeta.get(`${i}:${u}`);
  }

  setMeta(i: number, u: number, patch: Partial<BindingMeta>, now: number): BindingMeta {
    const key = `${i}:${u}`;
    const prev = this.bindingMeta.get(key) ?? { dev_alias: "", remark: "", dev_label: [], createdAt: Math.floor(now) };
    const next = { ...prev, ...patch };
    if (!this.bindingMeta.has(key)) bounded(this.bindingMeta, MAX_RECORDS * 4);
    this.bindingMeta.set(key, next);
    return next;
  }

  isOwnerMode(i: number): boolean {
    const p = this.tenant.products[this.tenant.productOf[i]];
    if (!this.sharingEnabled(p)) return false;
    const o = this.ownerMode.get(i);
    // Demo devices of sharing products that already have guests came to them by sharing.
    return o ?? this.tenant.guests.has(i);
  }

  /** special/owner/guest/normal of a bound user, or null when not bound. */
  role(i: number, u: number): "special" | "owner" | "guest" | "normal" | null {
    const t = this.tenant;
    const ownerMode = this.isOwnerMode(i);
    if (t.owner[i] === u) return ownerMode ? "owner" : "special";
    if ((t.guests.get(i) ?? []).includes(u)) return ownerMode ? "guest" : "normal";
    return null;
  }

  /** Devices a user is bound to, in the products the app sees (owner first, then guest bindings). */
  devicesOf(u: number, products: ProductState[]): readonly number[] {
    const t = this.tenant;
    // A scan of the products' ranges (half a million devices at 1M), cached until any binding changes.
    if (this.devCache.version !== t.bindingVersion) this.devCache = { version: t.bindingVersion, map: new Map() };
    const key = `${u}|${products.map((p) => p.index).join(",")}`;
    const hit = this.devCache.map.get(key);
    if (hit) return hit;
    const out: number[] = [];
    for (const p of products) for (let i = p.start; i < p.end; i++) if (t.owner[i] === u) out.push(i);
    const keys = new Set(products.map((p) => p.index));
    for (const [i, gs] of t.guests) if (gs.includes(u) && keys.has(t.productOf[i])) out.push(i);
    out.sort((a, b) => a - b);
    if (this.devCache.map.size >= 1000) this.devCache.map.clear();
    this.devCache.map.set(key, out);
    return out;
  }

  addSharing(s: Sharing): void {
    bounded(this.sharings, MAX_RECORDS);
    this.sharings.set(s.id, s);
  }

  addGroup(g: AppGroup): void {
    bounded(this.groups, MAX_RECORDS);
    this.groups.set(g.id, g);
  }

  addRule(r: Rule): void {
    bounded(this.rules, MAX_RECORDS);
    this.rules.set(r.rule_id, r);
  }

  addScene(s: Scene): void {
    bounded(this.scenes, MAX_RECORDS);
    this.scenes.set(s.id, s);
  }

  addSchedule(s: Schedule): void {
    bounded(this.schedules, MAX_RECORDS);
    this.schedules.set(s.id, s);
  }

  noteSource(i: number, t: number, src: { uid: string | null; appid: string | null; source: "client" | "d3" }): void {
    bounded(this.controlSources, MAX_RECORDS * 4);
    this.controlSources.set(`${i}:${t}`, src);
  }

  takeQuota(appid: string, limit: number, now: number): boolean {
    const hour = Math.floor(now / 3600);
    let q = this.quota.get(appid);
    if (!q || q.hour !== hour) {
      q = { hour, used: 0 };
      this.quota.set(appid, q);
    }
    q.used++;
    return q.used <= limit;
  }
}

export type ControlValues = RawState;

const stores = new WeakMap<DemoTenant, AppStore>();

/** One store per tenant: /__emulator/reset builds a new tenant and so a fresh store. */
export function storeOf(t: DemoTenant, seed: (s: AppStore) => void): AppStore {
  let s = stores.get(t);
  if (!s) {
    s = new AppStore(t);
    stores.set(t, s);
    seed(s);
  }
  return s;
}
