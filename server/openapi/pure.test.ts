import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { AppError, isOpenApiTransient, OPENAPI_ERRORS, openApiError, toErrorResponse } from "@/server/errors";
import { didResultSchema } from "./bindings.schema";
import { appDeviceSchema, latestSchema } from "./devices.schema";
import { appGroupsSchema, groupControlSchema } from "./groups.schema";
import { scheduleInputSchema, schedulesSchema } from "./schedulers.schema";
import { generatePassword, serviceUsername } from "./service-user";
import { bindSignature } from "./signature";
import { sessionSchema } from "./users.schema";

describe("bind_mac signature", () => {
  it("is lower(md5(product_secret + timestamp)) with the timestamp in unix seconds", () => {
    const s = bindSignature("a3f1c2d4e5b60718293a4b5c6d7e8f90", 1_700_000_000_999);
    expect(s.timestamp).toBe("1700000000");
    expect(s.signature).toBe(createHash("md5").update("a3f1c2d4e5b60718293a4b5c6d7e8f901700000000").digest("hex"));
    expect(s.signature).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("service user identity", () => {
  it("derives a stable username per enterprise and AppID", () => {
    const a = serviceUsername("eid-1", "app-1");
    expect(a).toBe(serviceUsername("eid-1", "app-1"));
    expect(a).not.toBe(serviceUsername("eid-1", "app-2"));
    expect(a).not.toBe(serviceUsername("eid-2", "app-1"));
    expect(a).toMatch(/^gzconsole_[0-9a-f]{20}$/);
  });

  it("generates distinct passwords that satisfy the Open API's strength rule", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p.length).toBe(32);
      expect(/[A-Z]/.test(p) && /[a-z]/.test(p) && /\d/.test(p) && /[^A-Za-z\d]/.test(p)).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});

describe("9xxx error mapping", () => {
  it("maps every code of seed 004's table (and the /errors example's 9220/9221)", () => {
    const seed = [
      9001, 9002, 9003, 9004, 9005, 9006, 9007, 9008, 9009, 9010, 9011, 9012, 9013, 9014, 9015, 9016, 9017, 9018, 9019, 9020, 9021, 9022,
      9023, 9024, 9025, 9026, 9027, 9028, 9029, 9030, 9031, 9032, 9033, 9034, 9035, 9036, 9037, 9038, 9039, 9040, 9041, 9042, 9043, 9044,
      9045, 9046, 9077, 9080, 9081, 9082, 9083, 9084, 9085, 9087, 9088, 9089, 9090, 9092, 9093, 9094, 9095, 9096, 9098, 9099, 9100, 9101,
      9220, 9221, 9999,
    ];
    expect(Object.keys(OPENAPI_ERRORS).map(Number).sort()).toEqual(seed.sort());
    for (const code of seed) {
      const e = openApiError(code, 400);
      expect(e.upstreamCode).toBe(code);
      expect(e.text.en.length).toBeGreaterThan(5);
      expect(e.text["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("answers in the caller's language with the upstream code in the console's envelope", async () => {
    const res = toErrorResponse(openApiError(9042, 400), "zh-CN");
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "CONFLICT", message: "设备离线，指令未发送。", upstreamCode: 9042 } });
  });

  it("gives configuration problems 502, throttling 429 with Retry-After, and unknown codes a clear message", () => {
    expect(openApiError(9044, 400)).toMatchObject({ status: 502, code: "UPSTREAM" });
    expect(openApiError(9044, 400).text.en).toContain("administrator");
    const throttled = openApiError(9041, 429);
    expect(throttled).toMatchObject({ status: 429, code: "QUOTA_EXHAUSTED", retryAfter: 60 });
    expect(toErrorResponse(throttled, "en").headers.get("Retry-After")).toBe("60");
    const unknown = openApiError(9555, 400);
    expect(unknown).toBeInstanceOf(AppError);
    expect(unknown.text.en).toContain("error 9555");
    expect(openApiError(null, 503).code).toBe("UPSTREAM_UNAVAILABLE");
  });

  it("retries only server-side failures", () => {
    expect(isOpenApiTransient(9008, 500)).toBe(true);
    expect(isOpenApiTransient(9035, 500)).toBe(true);
    expect(isOpenApiTransient(9042, 400)).toBe(false);
    expect(isOpenApiTransient(9024, 500)).toBe(false);
    expect(isOpenApiTransient(null, 502)).toBe(true);
    expect(isOpenApiTransient(null, 404)).toBe(false);
  });
});

describe("answer schemas", () => {
  it("reads a session with expire_at (or expired_at, or ms)", () => {
    expect(sessionSchema.parse({ token: "t", uid: "u", expire_at: 1504772734 })).toEqual({ token: "t", uid: "u", expireAt: 1504772734 });
    expect(sessionSchema.parse({ token: "t", uid: "u", expired_at: "1504772734" }).expireAt).toBe(1504772734);
    expect(sessionSchema.parse({ token: "t", uid: "u", expire_at: 1504772734000 }).expireAt).toBe(1504772734);
    expect(sessionSchema.safeParse({ token: "t", uid: "u" }).success).toBe(false);
  });

  it("reads latest status from `attr` (singular), tolerating an empty answer", () => {
    const l = latestSchema.parse({ did: "d", updated_at: 1505809000, attr: { switch: 0, mode: "制冷" } });
    expect(l).toEqual({ did: "d", updatedAt: 1505809000, attrs: { switch: 0, mode: "制冷" } });
    expect(latestSchema.parse({ did: "d", updated_at: "2017-09-19T08:16:40Z" }).updatedAt).toBe(1505809000);
    expect(latestSchema.parse({ did: "d" })).toEqual({ did: "d", updatedAt: null, attrs: {} });
  });

  it("drops the device passcode and M2M endpoints", () => {
    const d = appDeviceSchema.parse({
      product_key: "pk",
      did: "d",
      mac: "m",
      is_online: 1,
      passcode: "SECRET",
      host: "m2m",
      port: 1883,
      role: "special",
    });
    expect(d).not.toHaveProperty("passcode");
    expect(JSON.stringify(d)).not.toContain("SECRET");
    expect(d).toMatchObject({ isOnline: true, isDisabled: false, role: "special", type: "normal" });
  });

  it("reads group lists, per-did results and group control results", () => {
    const groups = appGroupsSchema.parse([
      { id: "a", group_name: "g1", product_key: "pk", verbose_name: "AC", created_at: "2017-09-22T09:57:44Z" },
      { id: "b", group_name: "g2", product_key: "", verbose_name: "" },
    ]);
    expect(groups[1]).toMatchObject({ productKey: null, productName: null });
    expect(groups[0]!.createdAt).toBe(Date.parse("2017-09-22T09:57:44Z") / 1000);
    expect(
      didResultSchema.parse({
        failed: ["x"],
        detail: [{ did: "x", error_code: 9014, error_message: "device not found!", detail_msg: null }],
        success: ["y"],
      }),
    ).toEqual({
      success: ["y"],
      failed: ["x"],
      detail: [{ did: "x", errorCode: 9014, errorMessage: "device not found!" }],
    });
    expect(
      groupControlSchema.parse([
        { did: "a", result: true },
        { did: "b", result: 0 },
      ]),
    ).toEqual([
      { did: "a", result: true },
      { did: "b", result: false },
    ]);
  });

  it("reads schedules as the doc's bare array or a meta/objects page", () => {
    const item = {
      remark: "备注",
      repeat: "none",
      end_date: "2017-09-26",
      did: "d",
      created_at: "2017-09-26T06:36:47",
      enabled: true,
      days: [],
      product_key: "pk",
      id: "59c9",
      raw: "",
      attrs: { bool: true },
      time: "15:00",
      date: "2017-09-26",
      start_date: "2017-09-20",
    };
    const [s] = schedulesSchema.parse([item]);
    expect(s).toMatchObject({
      id: "59c9",
      raw: null,
      attrs: { bool: true },
      time: "15:00",
      date: "2017-09-26",
      repeat: "none",
      enabled: true,
    });
    // A created_at without a zone is UTC.
    expect(s!.createdAt).toBe(Date.parse("2017-09-26T06:36:47Z") / 1000);
    expect(schedulesSchema.parse({ meta: { total: 1 }, objects: [{ ...item, days: ["1", 15] }] })[0]!.days).toEqual([1, 15]);
  });
});

describe("schedule input", () => {
  it("builds the documented body: UTC time, weekday lists, days of the month", () => {
    expect(
      scheduleInputSchema.parse({ attrs: { switch: true }, time: "02:30", repeat: ["mon", "wed", "mon"], startDate: "2026-01-01" }),
    ).toMatchObject({
      repeat: "mon,wed",
      time: "02:30",
      start_date: "2026-01-01",
    });
    expect(scheduleInputSchema.parse({ raw: "616263", time: "23:59", repeat: "day", days: [1, 15] })).toMatchObject({
      days: [1, 15],
      raw: "616263",
    });
  });

  it("refuses a one-time schedule without a date, a monthly one without days, bad times and reversed ranges", () => {
    expect(scheduleInputSchema.safeParse({ attrs: { a: 1 }, time: "10:00", repeat: "none" }).success).toBe(false);
    expect(scheduleInputSchema.safeParse({ attrs: { a: 1 }, time: "10:00", repeat: "day" }).success).toBe(false);
    expect(scheduleInputSchema.safeParse({ attrs: { a: 1 }, time: "24:00", repeat: "mon" }).success).toBe(false);
    expect(
      scheduleInputSchema.safeParse({ attrs: { a: 1 }, time: "10:00", repeat: "mon", startDate: "2026-02-01", endDate: "2026-01-01" })
        .success,
    ).toBe(false);
    expect(scheduleInputSchema.safeParse({ attrs: { a: 1 }, time: "10:00", repeat: "funday" }).success).toBe(false);
  });
});

describe("GIZWITS_OPENAPI_BASE", () => {
  const base = {
    GIZWITS_API_BASE: "https://enterpriseapi.gizwits.com",
    GIZWITS_ENTERPRISE_ID: "e",
    GIZWITS_ENTERPRISE_SECRET: "s",
    GIZWITS_PRODUCTS: "pk:ps",
    NEXTAUTH_SECRET: "0123456789abcdef0123",
  };
  it("defaults to api.gizwits.com and takes regional hosts and loopback", () => {
    expect(parseEnv(base).GIZWITS_OPENAPI_BASE).toBe("https://api.gizwits.com");
    expect(parseEnv({ ...base, GIZWITS_OPENAPI_BASE: "https://euapi.gizwits.com" }).GIZWITS_OPENAPI_BASE).toBe("https://euapi.gizwits.com");
    expect(parseEnv({ ...base, GIZWITS_OPENAPI_BASE: "http://127.0.0.1:4010" }).GIZWITS_OPENAPI_BASE).toBe("http://127.0.0.1:4010");
  });
  it("refuses plain http to anything but loopback, naming the variable", () => {
    expect(() => parseEnv({ ...base, GIZWITS_OPENAPI_BASE: "http://usapi.gizwits.com" })).toThrow(/GIZWITS_OPENAPI_BASE: .*https/);
    expect(() => parseEnv({ ...base, GIZWITS_OPENAPI_BASE: "not a url" })).toThrow(/GIZWITS_OPENAPI_BASE/);
  });
});
