/**
 * Contract tests, 用户管理 / 消息中心 / 系统信息 and the wire: AppID header, user tokens with
 * expire_at, registration in every documented way, login, get/update, app token, SMS and image
 * codes (read from /__emulator/openapi/codes), password reset, messages, /status and /errors,
 * and the /__emulator fault switches applied to /app.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectKeys } from "../testkit";
import { expectAppError, startAppKit, type AppKit } from "./apptest";

let kit: AppKit;
beforeAll(async () => {
  kit = await startAppKit();
});
afterAll(async () => {
  await kit.emu.close();
});

type Json = Record<string, unknown>;
const json = async <T = Json>(r: Response | Promise<Response>) => (await (await r).json()) as T;

async function appToken(appid = kit.appid(0)): Promise<string> {
  const secret = kit.meta.apps.find((a) => a.appid === appid)?.app_secret ?? "";
  const auth = createHash("md5")
    .update(appid + secret)
    .digest("hex");
  const res = await kit.call("/app/request_token", { method: "POST", appid, headers: { "X-Gizwits-Application-Auth": auth } });
  expect(res.status).toBe(200);
  const body = await json<{ token: string; expire_at: number }>(res);
  expectKeys(body, ["token", "expire_at"]);
  return body.token;
}

async function smsCode(phone: string): Promise<string> {
  const codes = await json<{ sms: { phone: string; code: string }[] }>(fetch(`${kit.url}/__emulator/openapi/codes`));
  const c = codes.sms.find((x) => x.phone === phone);
  if (!c) throw new Error(`no code for ${phone}`);
  return c.code;
}

describe("wire", () => {
  it("9003 without or with an unknown X-Gizwits-Application-Id, on every path", async () => {
    await expectAppError(kit.call("/app/users", { method: "POST", appid: null, body: { phone_id: "x" } }), 9003, 400);
    await expectAppError(kit.call("/app/devdata/abc/latest", { appid: "0".repeat(32) }), 9003, 400);
    await expectAppError(kit.call("/status", { appid: null }), 9003, 400);
  });
  it("9004 without or with an unknown user token, 9006 once expired; header names are case-insensitive", async () => {
    await expectAppError(kit.call("/app/users"), 9004, 400);
    await expectAppError(kit.call("/app/users", { token: "f".repeat(32) }), 9004, 400);
    const s = await kit.register();
    const lower = await fetch(`${kit.url}/app/users`, {
      headers: { "x-gizwits-application-id": kit.appid(0), "x-gizwits-user-token": s.token },
    });
    expect(lower.status).toBe(200);
    const upper = await fetch(`${kit.url}/app/users`, {
      headers: { "X-GIZWITS-APPLICATION-ID": kit.appid(0), "X-Gizwits-User-Token": s.token },
    });
    expect(upper.status).toBe(200);
    // A token is bound to its AppID.
    await expectAppError(kit.call("/app/users", { token: s.token, appid: kit.appid(1) }), 9004, 400);
    expect((await kit.control("/tokens/expire", {})).status).toBe(200);
    await expectAppError(kit.call("/app/users", { token: s.token }), 9006, 400);
  });
  it("unknown /app paths answer 404, wrong methods 405, a malformed %-escape 9015 (never a 500)", async () => {
    expect((await kit.call("/app/nothing-here")).status).toBe(404);
    expect((await kit.call("/app/login")).status).toBe(405);
    await expectAppError(kit.call("/app/devdata/%E0%A4%A/latest"), 9015, 400);
  });
  it("faults from /__emulator/config apply to /app: errorCode (9xxx or 9008), faultPath, latency, quota → 9041", async () => {
    try {
      await kit.control("/config", { errorRate: 1, errorCode: 9041, faultPath: "/status" });
      await expectAppError(kit.call("/status"), 9041, 429);
      expect((await kit.call("/errors")).status).toBe(200);
      await kit.control("/config", { errorCode: 5409 });
      await expectAppError(kit.call("/status"), 9008, 500);
      await kit.control("/config", { errorRate: 0, latencyMs: 300 });
      const t0 = Date.now();
      expect((await kit.call("/status")).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
      await kit.control("/config", { latencyMs: 0, faultPath: "", quota: 0 });
      await expectAppError(kit.call("/status", { appid: kit.appid(2) }), 9041, 429);
    } finally {
      await kit.control("/config", { errorRate: 0, errorCode: 5409, faultPath: "", latencyMs: 0, quota: 3600 });
    }
  });
  it("hang: the call is never answered", async () => {
    try {
      await kit.control("/config", { hang: true, faultPath: "/status" });
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), 400);
      await expect(
        fetch(`${kit.url}/status`, { headers: { "X-Gizwits-Application-Id": kit.appid(0) }, signal: ac.signal }),
      ).rejects.toThrow();
      clearTimeout(timer);
    } finally {
      await kit.control("/config", { hang: false, faultPath: "" });
    }
  });
});

describe("users", () => {
  it("registers by username/password (201 {token, uid, expire_at}, 7-day tokens), logs in by username, gets the user", async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await kit.call("/app/users", { method: "POST", body: { username: "zhang_san", password: "Zhang-san-1" } });
    expect(res.status).toBe(201);
    const s = await json<{ token: string; uid: string; expire_at: number }>(res);
    expectKeys(s, ["token", "uid", "expire_at"]);
    expect(s.expire_at - before).toBeGreaterThanOrEqual(7 * 86400 - 2);
    const login = await json<Json>(kit.call("/app/login", { method: "POST", body: { username: "zhang_san", password: "Zhang-san-1" } }));
    expect(login.uid).toBe(s.uid);
    expect(login.token).not.toBe(s.token);
    // Old and new tokens both work.
    for (const token of [s.token, login.token as string]) expect((await kit.call("/app/users", { token })).status).toBe(200);
    const me = await json<Json>(kit.call("/app/users", { token: s.token }));
    expectKeys(me, ["username", "uid", "phone", "birthday", "address", "lang", "remark", "name", "is_anonymous", "gender", "email"]);
    expect(me).toMatchObject({ username: "zhang_san", uid: s.uid, is_anonymous: false });
  });
  it("9019 username taken, 9015 weak password or no sign-up method, 9020 bad password / unknown user", async () => {
    await kit.call("/app/users", { method: "POST", body: { username: "taken_one", password: "Taken-one-1" } });
    await expectAppError(kit.call("/app/users", { method: "POST", body: { username: "taken_one", password: "Taken-one-2" } }), 9019, 400);
    await expectAppError(kit.call("/app/users", { method: "POST", body: { username: "weak_one", password: "password" } }), 9015, 400);
    await expectAppError(kit.call("/app/users", { method: "POST", body: { lang: "en" } }), 9015, 400);
    await expectAppError(kit.call("/app/users", { method: "POST", body: "{not json" }), 9015, 400);
    await expectAppError(kit.call("/app/login", { method: "POST", body: { username: "taken_one", password: "Wrong-pass-1" } }), 9020, 400);
    await expectAppError(
      kit.call("/app/login", { method: "POST", body: { username: "nobody_here", password: "Wrong-pass-1" } }),
      9020,
      400,
    );
  });
  it("anonymous phone_id: the same phone_id logs the same user in again; then converts to a username user", async () => {
    const a = await kit.call("/app/users", { method: "POST", body: { phone_id: "imei-42" } });
    expect(a.status).toBe(201);
    const first = await json<{ token: string; uid: string }>(a);
    const again = await kit.call("/app/users", { method: "POST", body: { phone_id: "imei-42" } });
    expect(again.status).toBe(200);
    expect((await json<{ uid: string }>(again)).uid).toBe(first.uid);
    expect(await json(kit.call("/app/users", { token: first.token }))).toMatchObject({ is_anonymous: true, username: null });
    const put = await kit.call("/app/users", {
      method: "PUT",
      token: first.token,
      body: { username: "was_anon", password: "Was-anon-1", name: "匿名", gender: "F" },
    });
    expect(put.status).toBe(200);
    const { updatedAt } = await json<{ updatedAt: string }>(put);
    expect(updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(await json(kit.call("/app/users", { token: first.token }))).toMatchObject({
      is_anonymous: false,
      username: "was_anon",
      name: "匿名",
      gender: "F",
    });
    expect((await kit.call("/app/login", { method: "POST", body: { username: "was_anon", password: "Was-anon-1" } })).status).toBe(200);
  });
  it("third-party sign-up (src/uid/token or authData) logs the same user in again; 9015 for an unknown src", async () => {
    const first = await kit.call("/app/users", { method: "POST", body: { src: "wechat", uid: "o-123", token: "t" } });
    expect(first.status).toBe(201);
    const again = await kit.call("/app/users", { method: "POST", body: { authData: { src: "wechat", uid: "o-123", token: "t2" } } });
    expect(again.status).toBe(200);
    await expectAppError(kit.call("/app/users", { method: "POST", body: { src: "myspace", uid: "1", token: "t" } }), 9015, 400);
  });
  it("email sign-up; 9022 email taken; login by email", async () => {
    expect((await kit.call("/app/users", { method: "POST", body: { email: "li@example.com", password: "Li-pass-123" } })).status).toBe(201);
    await expectAppError(kit.call("/app/users", { method: "POST", body: { email: "li@example.com", password: "Li-pass-123" } }), 9022, 400);
    expect((await kit.call("/app/login", { method: "POST", body: { username: "li@example.com", password: "Li-pass-123" } })).status).toBe(
      200,
    );
  });
  it("phone sign-up with an SMS code (app token → sms_code → code on /__emulator), 9010 wrong code, 9018 phone taken, login by phone", async () => {
    const tok = await appToken();
    await expectAppError(kit.call("/app/sms_code", { method: "POST", body: { phone: "13912345678" } }), 9004, 400);
    expect((await kit.call("/app/sms_code", { method: "POST", token: tok, body: { phone: "13912345678" } })).status).toBe(200);
    await expectAppError(
      kit.call("/app/users", { method: "POST", body: { phone: "13912345678", password: "Phone-pass-1", code: "000000x" } }),
      9010,
      400,
    );
    const code = await smsCode("13912345678");
    const res = await kit.call("/app/users", { method: "POST", body: { phone: "13912345678", password: "Phone-pass-1", code } });
    expect(res.status).toBe(201);
    // Codes are single-use.
    await expectAppError(
      kit.call("/app/users", { method: "POST", body: { phone: "13912345679", password: "Phone-pass-1", code } }),
      9010,
      400,
    );
    await kit.call("/app/sms_code", { method: "POST", token: tok, body: { phone: "13912345678" } });
    const code2 = await smsCode("13912345678");
    await expectAppError(
      kit.call("/app/users", { method: "POST", body: { phone: "13912345678", password: "Phone-pass-1", code: code2 } }),
      9018,
      400,
    );
    expect((await kit.call("/app/login", { method: "POST", body: { username: "13912345678", password: "Phone-pass-1" } })).status).toBe(
      200,
    );
  });
  it("request_token: 9038 for a wrong X-Gizwits-Application-Auth", async () => {
    await expectAppError(
      kit.call("/app/request_token", { method: "POST", headers: { "X-Gizwits-Application-Auth": "0".repeat(32) } }),
      9038,
      400,
    );
    await appToken(kit.appid(1));
  });
  it("sms_code verification (phone + code), image codes (captcha → verify → SMS), verify/codes for SMS (PUT and GET)", async () => {
    const tok = await appToken();
    await kit.call("/app/sms_code", { method: "POST", token: tok, body: { phone: "13700000001" } });
    await expectAppError(kit.call("/app/sms_code", { method: "POST", token: tok, body: { phone: "13700000001", code: "bad" } }), 9010, 400);
    expect(
      (await kit.call("/app/sms_code", { method: "POST", token: tok, body: { phone: "13700000001", code: await smsCode("13700000001") } }))
        .status,
    ).toBe(200);

    const cap = await json<{ captcha_url: string; captcha_id: string }>(kit.call("/app/verify/codes", { token: tok }));
    expectKeys(cap, ["captcha_url", "captcha_id"]);
    const codes = await json<{ captcha: { captcha_id: string; code: string }[] }>(fetch(`${kit.url}/__emulator/openapi/codes`));
    const captcha = codes.captcha.find((x) => x.captcha_id === cap.captcha_id)?.code ?? "";
    await expectAppError(
      kit.call("/app/verify/codes", {
        method: "POST",
        token: tok,
        body: { captcha_id: cap.captcha_id, captcha_code: "zzzz", phone: "13700000002" },
      }),
      9010,
      400,
    );
    expect(
      (
        await kit.call("/app/verify/codes", {
          method: "POST",
          token: tok,
          body: { captcha_id: cap.captcha_id, captcha_code: captcha, phone: "13700000002" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await kit.call("/app/verify/codes", {
          method: "PUT",
          token: tok,
          body: { phone: "13700000002", sms_code: await smsCode("13700000002") },
        })
      ).status,
    ).toBe(200);
    await kit.call("/app/sms_code", { method: "POST", token: tok, body: { phone: "13700000003" } });
    const q = new URLSearchParams({ phone: "13700000003", sms_code: await smsCode("13700000003") });
    expect((await kit.call(`/app/verify/codes?${q}`, { token: tok })).status).toBe(200);
  });
  it("reset_password by phone + code, and by email (a code appears on /__emulator); 9005 unknown user", async () => {
    const tok = await appToken();
    await kit.call("/app/sms_code", { method: "POST", token: tok, body: { phone: "13600000001" } });
    await kit.call("/app/users", {
      method: "POST",
      body: { phone: "13600000001", password: "Old-pass-123", code: await smsCode("13600000001") },
    });
    await kit.call("/app/sms_code", { method: "POST", token: tok, body: { phone: "13600000001" } });
    const r = await kit.call("/app/reset_password", {
      method: "POST",
      body: { phone: "13600000001", new_pwd: "New-pass-123", code: await smsCode("13600000001") },
    });
    expect(r.status).toBe(200);
    await expectAppError(
      kit.call("/app/login", { method: "POST", body: { username: "13600000001", password: "Old-pass-123" } }),
      9020,
      400,
    );
    expect((await kit.call("/app/login", { method: "POST", body: { username: "13600000001", password: "New-pass-123" } })).status).toBe(
      200,
    );
    await kit.call("/app/users", { method: "POST", body: { email: "reset@example.com", password: "Reset-me-123" } });
    expect((await kit.call("/app/reset_password", { method: "POST", body: { email: "reset@example.com" } })).status).toBe(200);
    const codes = await json<{ email: { email: string }[] }>(fetch(`${kit.url}/__emulator/openapi/codes`));
    expect(codes.email.map((e) => e.email)).toContain("reset@example.com");
    await expectAppError(kit.call("/app/reset_password", { method: "POST", body: { email: "ghost@example.com" } }), 9005, 400);
  });
  it("PUT /app/users: change password (9020 wrong old_pwd), profile fields, 9015 when nothing to change", async () => {
    const s = await kit.register();
    await expectAppError(
      kit.call("/app/users", { method: "PUT", token: s.token, body: { old_pwd: "Wrong-pass-1", new_pwd: "Next-pass-1" } }),
      9020,
      400,
    );
    expect(
      (await kit.call("/app/users", { method: "PUT", token: s.token, body: { old_pwd: "Secret-pass-1", new_pwd: "Next-pass-1" } })).status,
    ).toBe(200);
    expect((await kit.call("/app/login", { method: "POST", body: { username: s.username, password: "Next-pass-1" } })).status).toBe(200);
    await kit.call("/app/users", { method: "PUT", token: s.token, body: { address: "guangzhou", birthday: "2017-01-01", remark: "vip" } });
    expect(await json(kit.call("/app/users", { token: s.token }))).toMatchObject({
      address: "guangzhou",
      birthday: "2017-01-01",
      remark: "vip",
    });
    await expectAppError(kit.call("/app/users", { method: "PUT", token: s.token, body: {} }), 9015, 400);
  });
  it("a user created by POST /app/users is found by the Enterprise /v1/users/search (with its app)", async () => {
    const s = await kit.register(kit.appid(1), "meter_owner_x");
    const { enterprise_id, enterprise_secret } = kit.tenant;
    const q = new URLSearchParams({ product_key: kit.tenant.products[1].product_key, appid: kit.appid(1), username: "meter_owner_x" });
    const res = await fetch(`${kit.url}/v1/users/search?${q}`, {
      headers: { "X-Gizwits-Enterprise-ID": enterprise_id, "X-Gizwits-Enterprise-Secret": enterprise_secret },
    });
    const body = await json<{ meta: { total: number }; objects: Json[] }>(res);
    expect(body.meta.total).toBe(1);
    expect(body.objects[0]).toMatchObject({ uid: s.uid, username: "meter_owner_x", is_anonymous: false });
  });
});

describe("messages", () => {
  it("demo users have sharing messages; paging meta; PUT marks read / deletes; 9085 unknown, 9101 someone else's", async () => {
    const alice = kit.meta.demo_users.find((u) => u.username === "demo_alice" && u.appid === kit.appid(0));
    const bob = kit.meta.demo_users.find((u) => u.username === "demo_bob" && u.appid === kit.appid(0));
    if (!alice || !bob) throw new Error("demo users missing");
    const login = async (username: string) =>
      (await json<{ token: string }>(kit.call("/app/login", { method: "POST", body: { username, password: kit.meta.demo_password } })))
        .token;
    const a = await login("demo_alice");
    const b = await login("demo_bob");
    const page = await json<{ meta: Json; objects: Json[] }>(kit.call("/app/messages?type=1&limit=1&skip=0", { token: a }));
    expectKeys(page.meta, ["total", "limit", "skip", "previous", "next"]);
    expect(page.meta).toMatchObject({ limit: 1, skip: 0, previous: null });
    expect(page.objects).toHaveLength(1);
    expectKeys(page.objects[0], ["status", "created_at", "updated_at", "content", "type", "id"]);
    const id = page.objects[0].id as string;
    expect((await kit.call(`/app/messages/${id}?status=1`, { method: "PUT", token: a })).status).toBe(200);
    expect((await json<{ objects: Json[] }>(kit.call("/app/messages?type=1", { token: a }))).objects.find((m) => m.id === id)?.status).toBe(
      1,
    );
    await expectAppError(kit.call(`/app/messages/${id}?status=2`, { method: "PUT", token: b }), 9101, 403);
    expect((await kit.call(`/app/messages/${id}?status=2`, { method: "PUT", token: a })).status).toBe(200);
    expect(
      (await json<{ objects: Json[] }>(kit.call("/app/messages?type=1", { token: a }))).objects.find((m) => m.id === id),
    ).toBeUndefined();
    await expectAppError(kit.call("/app/messages/000000000000000000000000?status=1", { method: "PUT", token: a }), 9085, 404);
    await expectAppError(kit.call(`/app/messages/${id}?status=7`, { method: "PUT", token: a }), 9015, 400);
  });
});

describe("system", () => {
  it("GET /status → {status: {version}}, GET /errors lists every documented code with status and message", async () => {
    const st = await json<{ status: { version: string } }>(kit.call("/status"));
    expect(st.status.version).toMatch(/^\d+\.\d+\.\d+$/);
    const errs = await json<{ status: number; error_message: string; error_code: number }[]>(kit.call("/errors"));
    expectKeys(errs[0], ["status", "error_message", "error_code"]);
    const codes = errs.map((e) => e.error_code);
    for (const c of [9001, 9003, 9004, 9006, 9014, 9015, 9017, 9020, 9030, 9041, 9043, 9044, 9077, 9080, 9101, 9220, 9221, 9999])
      expect(codes).toContain(c);
    expect(errs.find((e) => e.error_code === 9044)?.error_message).toBe("X-Gizwits-Signature invalid!");
  });
});
