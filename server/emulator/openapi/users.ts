/**
 * 用户管理 (Open API reference): create (anonymous phone_id, username, phone + SMS code, email, third-party
 * authData), login, get/update the user, app token, reset password, SMS codes and image codes.
 * Codes are never sent anywhere: they are readable on GET /__emulator/openapi/codes.
 */
import { createHash, randomInt } from "node:crypto";
import { z } from "zod";
import { ok } from "../http";
import { profile } from "../routes/users";
import { body, header, parse, qstr, requireAppOrUserToken, requireUser, type AppCtx, type AppHandler } from "./context";
import { AppError } from "./errors";
import { hashPassword, type AppStore, type UserRec } from "./store";

export type Add = (method: string, path: string, h: AppHandler) => void;

const CODE_TTL = 24 * 3600;
const SRCS = ["qq", "sina", "baidu", "wechat", "twitter", "facebook", "google", "amazon"];

/** ≥ 8 characters from at least three of: upper case, lower case, digits, symbols (the reference's password rule). */
export function strongPassword(p: string): boolean {
  if (p.length < 8) return false;
  const kinds = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(p)).length;
  return kinds >= 3;
}

function checkPassword(p: unknown): string {
  if (typeof p !== "string" || p === "") throw new AppError(9015, "password is required");
  if (!strongPassword(p)) throw new AppError(9015, "password must have 8+ characters mixing at least 3 of upper, lower, digit, symbol");
  return p;
}

const opt = z.string().min(1).optional();
const createSchema = z.object({
  phone_id: opt,
  username: opt,
  password: z.string().optional(),
  email: z.string().email().optional(),
  phone: z
    .string()
    .regex(/^\+?\d{5,20}$/)
    .optional(),
  code: z.union([z.string(), z.number()]).optional(),
  lang: z.string().optional(),
  src: z.string().optional(),
  uid: z.string().optional(),
  token: z.string().optional(),
  authData: z.object({ src: z.string(), uid: z.string(), token: z.string() }).optional(),
});

export function sessionOf(c: AppCtx, rec: UserRec): { token: string; uid: string; expire_at: number } {
  return c.store.issueToken(rec, c.state.config.tokenTtlSeconds, c.now);
}

function setPassword(rec: UserRec, password: string): void {
  rec.passwordHash = hashPassword(rec.uid, password);
}

export function passwordMatches(rec: UserRec, password: string): boolean {
  return rec.passwordHash !== null && rec.passwordHash === hashPassword(rec.uid, password);
}

function taken(store: AppStore, appid: string, kind: "username" | "phone" | "email", v: string, self?: UserRec): void {
  const other = store.findUser(appid, kind, v);
  if (other && other !== self) throw new AppError(kind === "username" ? 9019 : kind === "phone" ? 9018 : 9022);
}

/** Third-party profile of a tenant user that never touched the Open API (read-only view). */
export function userView(c: AppCtx, u: number): { uid: string; username: string | null; phone: string | null; email: string | null } {
  const rec = c.store.users.get(u);
  if (rec) return rec;
  return profile(c.state.tenant, u);
}

function userBody(rec: UserRec): Record<string, unknown> {
  return {
    username: rec.username,
    uid: rec.uid,
    phone: rec.phone,
    birthday: rec.birthday,
    address: rec.address,
    lang: rec.lang,
    remark: rec.remark,
    name: rec.name,
    is_anonymous: rec.username === null && rec.phone === null && rec.email === null && rec.authSrc === null,
    gender: rec.gender,
    email: rec.email,
  };
}

/** "2017-01-01T08:32:56.996638" (UTC, no zone suffix, microseconds) as PUT /app/users prints it. */
function updatedAt(now: number): string {
  const iso = new Date(Math.floor(now * 1000)).toISOString();
  return `${iso.slice(0, 19)}.${String(Math.floor((now * 1e6) % 1e6)).padStart(6, "0")}`;
}

function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

function sendSms(c: AppCtx, phone: string, purpose: string): void {
  c.store.putCode("sms", phone, { code: newCode(), appid: c.app.appid, createdAt: c.now, expireAt: c.now + CODE_TTL, purpose });
}

const profileFields = z.object({
  name: z.string().nullable().optional(),
  gender: z.enum(["M", "F", "N"]).optional(),
  birthday: z
    .string()
    .regex(/^(\d{4}-)?\d{2}-\d{2}$/)
    .optional(),
  address: z.string().nullable().optional(),
  lang: z.string().optional(),
  remark: z.string().nullable().optional(),
  // The doc's tables spell it "remar"; its examples "remark": both are accepted.
  remar: z.string().nullable().optional(),
});

const updateSchema = profileFields.extend({
  username: opt,
  password: z.string().optional(),
  phone: z
    .string()
    .regex(/^\+?\d{5,20}$/)
    .optional(),
  code: z.union([z.string(), z.number()]).optional(),
  old_pwd: z.string().optional(),
  new_pwd: z.string().optional(),
  email: z.string().email().optional(),
});

export function registerUsers(add: Add): void {
  add("POST", "/app/users", (c) => {
    const b = parse(createSchema, body(c));
    const { store, app } = c;
    const auth =
      b.authData ??
      (b.src !== undefined || b.uid !== undefined || b.token !== undefined ? { src: b.src, uid: b.uid, token: b.token } : undefined);
    const lang = b.lang ?? null;
    if (b.phone_id !== undefined && b.username === undefined && b.email === undefined && b.phone === undefined) {
      // Anonymous: the same phone_id logs the same user in again (the doc's "anonymous login").
      const known = store.findUser(app.appid, "phoneId", b.phone_id);
      if (known) return ok(sessionOf(c, known));
      const rec = store.createUser(app, { phoneId: b.phone_id, lang }, c.now);
      return ok(sessionOf(c, rec), 201);
    }
    if (auth) {
      if (!auth.src || !SRCS.includes(auth.src) || !auth.uid || !auth.token)
        throw new AppError(9015, `third-party sign-up needs src (${SRCS.join("/")}), uid and token`);
      const known = store.findUser(app.appid, "auth", `${auth.src}:${auth.uid}`);
      if (known) return ok(sessionOf(c, known));
      const rec = store.createUser(app, { authSrc: { src: auth.src, uid: auth.uid }, lang }, c.now);
      return ok(sessionOf(c, rec), 201);
    }
    if (b.username !== undefined) {
      const password = checkPassword(b.password);
      taken(store, app.appid, "username", b.username);
      const rec = store.createUser(app, { username: b.username, lang }, c.now);
      setPassword(rec, password);
      return ok(sessionOf(c, rec), 201);
    }
    if (b.phone !== undefined) {
      const password = checkPassword(b.password);
      taken(store, app.appid, "phone", b.phone);
      store.consumeSms(app.appid, b.phone, b.code, c.now);
      const rec = store.createUser(app, { phone: b.phone, lang }, c.now);
      setPassword(rec, password);
      return ok(sessionOf(c, rec), 201);
    }
    if (b.email !== undefined) {
      const password = checkPassword(b.password);
      taken(store, app.appid, "email", b.email);
      const rec = store.createUser(app, { email: b.email, lang }, c.now);
      setPassword(rec, password);
      return ok(sessionOf(c, rec), 201);
    }
    throw new AppError(9015, "send phone_id, username+password, phone+password+code, email+password or src+uid+token");
  });

  add("POST", "/app/login", (c) => {
    const b = parse(z.object({ username: z.string().min(1), password: z.string().min(1), lang: z.string().optional() }), body(c));
    const rec = c.store.findLogin(c.app.appid, b.username);
    if (!rec || !passwordMatches(rec, b.password)) throw new AppError(9020);
    return ok(sessionOf(c, rec));
  });

  add("GET", "/app/users", (c) => ok(userBody(requireUser(c))));

  add("PUT", "/app/users", (c) => {
    const rec = requireUser(c);
    const b = parse(updateSchema, body(c));
    const { store, app } = c;
    const anonymous = rec.username === null && rec.phone === null && rec.email === null;
    const changes: Partial<UserRec> = {};
    if (b.old_pwd !== undefined || b.new_pwd !== undefined) {
      if (!b.old_pwd || !b.new_pwd) throw new AppError(9015, "old_pwd and new_pwd go together");
      if (!passwordMatches(rec, b.old_pwd)) throw new AppError(9020);
      setPassword(rec, checkPassword(b.new_pwd));
    }
    if (b.username !== undefined) {
      if (!anonymous && rec.username !== null) throw new AppError(9015, "only an anonymous user can take a username");
      taken(store, app.appid, "username", b.username, rec);
      const password = checkPassword(b.password);
      changes.username = b.username;
      setPassword(rec, password);
    }
    if (b.phone !== undefined) {
      taken(store, app.appid, "phone", b.phone, rec);
      store.consumeSms(app.appid, b.phone, b.code, c.now);
      changes.phone = b.phone;
      if (anonymous) setPassword(rec, checkPassword(b.password));
    }
    if (b.email !== undefined) {
      taken(store, app.appid, "email", b.email, rec);
      changes.email = b.email;
      if (anonymous && b.username === undefined) setPassword(rec, checkPassword(b.password));
    }
    if (b.name !== undefined) changes.name = b.name;
    if (b.gender !== undefined) changes.gender = b.gender;
    if (b.birthday !== undefined) changes.birthday = b.birthday;
    if (b.address !== undefined) changes.address = b.address;
    if (b.lang !== undefined) changes.lang = b.lang;
    if (b.remark !== undefined || b.remar !== undefined) changes.remark = b.remark ?? b.remar ?? null;
    if (Object.keys(changes).length === 0 && b.old_pwd === undefined) throw new AppError(9015, "nothing to update");
    store.unindex(rec);
    Object.assign(rec, changes, { updatedAt: Math.floor(c.now) });
    store.index(rec);
    store.syncProfile(rec);
    return ok({ updatedAt: updatedAt(c.now) });
  });

  add("POST", "/app/request_token", (c) => {
    const auth = header(c, "X-Gizwits-Application-Auth");
    const expected = createHash("md5")
      .update(c.app.appid + c.app.secret)
      .digest("hex");
    if (!auth || auth.toLowerCase() !== expected) throw new AppError(9038);
    return ok(c.store.issueAppToken(c.app.appid, c.state.config.tokenTtlSeconds, c.now));
  });

  add("POST", "/app/reset_password", (c) => {
    const b = parse(
      z.object({
        email: z.string().optional(),
        phone: z.string().optional(),
        new_pwd: z.string().optional(),
        code: z.union([z.string(), z.number()]).optional(),
      }),
      body(c),
    );
    const { store, app } = c;
    if (b.email !== undefined) {
      const rec = store.findUser(app.appid, "email", b.email);
      if (!rec) throw new AppError(9005);
      // The real service mails a reset link; the emulator keeps its code readable on /__emulator.
      store.putCode("email", b.email, {
        code: newCode(),
        appid: app.appid,
        createdAt: c.now,
        expireAt: c.now + CODE_TTL,
        purpose: "reset_password",
      });
      return ok({});
    }
    if (b.phone !== undefined) {
      const rec = store.findUser(app.appid, "phone", b.phone);
      if (!rec) throw new AppError(9005);
      const password = checkPassword(b.new_pwd);
      store.consumeSms(app.appid, b.phone, b.code, c.now);
      setPassword(rec, password);
      rec.updatedAt = Math.floor(c.now);
      return ok({});
    }
    throw new AppError(9015, "send email, or phone + new_pwd + code");
  });

  add("POST", "/app/sms_code", (c) => {
    requireAppOrUserToken(c);
    const b = parse(z.object({ phone: z.string().regex(/^\+?\d{5,20}$/), code: z.union([z.string(), z.number()]).optional() }), body(c));
    if (b.code === undefined) {
      sendSms(c, b.phone, "sms_code");
      return ok({});
    }
    c.store.consumeSms(c.app.appid, b.phone, b.code, c.now);
    return ok({});
  });

  // 获取图片验证码 (GET) — and, with phone + sms_code, the doc's "校验短信验证码" which it also files under GET.
  const verifySms = (c: AppCtx) => {
    requireAppOrUserToken(c);
    const raw = c.rawBody.trim() === "" ? {} : body(c);
    const b = parse(z.object({ phone: z.string().min(1), sms_code: z.union([z.string(), z.number()]) }), {
      phone: qstr(c, "phone"),
      sms_code: qstr(c, "sms_code"),
      ...raw,
    });
    c.store.consumeSms(c.app.appid, b.phone, b.sms_code, c.now);
    return ok({});
  };
  add("GET", "/app/verify/codes", (c) => {
    if (qstr(c, "sms_code") !== undefined || c.rawBody.includes("sms_code")) return verifySms(c);
    requireAppOrUserToken(c);
    const id = createHash("sha1").update(`${c.app.appid}:${c.now}:${newCode()}`).digest("hex");
    c.store.putCode("captcha", id, {
      code: newCode().slice(0, 4),
      appid: c.app.appid,
      createdAt: c.now,
      expireAt: c.now + 600,
      purpose: "captcha",
    });
    return ok({ captcha_url: `http://api.gizwits.com/captcha/image/${id}/`, captcha_id: id });
  });
  add("PUT", "/app/verify/codes", verifySms);

  add("POST", "/app/verify/codes", (c) => {
    requireAppOrUserToken(c);
    const b = parse(
      z.object({
        captcha_id: z.string().min(1),
        captcha_code: z.union([z.string(), z.number()]),
        phone: z.string().regex(/^\+?\d{5,20}$/),
      }),
      body(c),
    );
    const cap = c.store.captchas.get(b.captcha_id);
    if (!cap || cap.appid !== c.app.appid || cap.code.toLowerCase() !== String(b.captcha_code).toLowerCase()) throw new AppError(9010);
    if (cap.expireAt < c.now) throw new AppError(9009);
    c.store.captchas.delete(b.captcha_id);
    sendSms(c, b.phone, "verify_codes");
    return ok({});
  });
}
