import { describe, expect, it } from "vitest";
import { toErrorResponse } from "@/server/errors";
import { isTransient, quotaExhausted, unavailable, UPSTREAM_ERRORS, upstreamError } from "./errors";

// The error table of the Enterprise API reference (错误信息表): code → the HTTP status Gizwits
// documents for it.
const DOC_TABLE: [number, number][] = [
  [5001, 400],
  [5002, 400],
  [5003, 404],
  [5004, 400],
  [5005, 400],
  [5006, 400],
  [5007, 404],
  [5008, 400],
  [5009, 400],
  [5010, 400],
  [5011, 400],
  [5012, 400],
  [5013, 403],
  [5014, 400],
  [5015, 404],
  [5016, 404],
  [5017, 404],
  [5018, 403],
  [5019, 404],
  [5020, 400],
  [5021, 400],
  [5022, 404],
  [5023, 403],
  [5024, 403],
  [5025, 404],
  [5201, 403],
  [5202, 404],
  [5203, 400],
  [5204, 400],
  [5205, 400],
  [5206, 404],
  [5207, 400],
  [5208, 400],
  [5301, 404],
  [5302, 403],
  [5303, 400],
  [5304, 400],
  [5305, 400],
  [5401, 400],
  [5402, 404],
  [5403, 400],
  [5404, 403],
  [5405, 404],
  [5406, 500],
  [5407, 500],
  [5408, 400],
  [5409, 500],
  [5501, 404],
  [5502, 400],
  [5503, 403],
  [5601, 500],
  [5701, 403],
  [5702, 403],
  [5703, 400],
  [5801, 400],
  [5901, 400],
];

async function body(res: Response) {
  return (await res.json()) as { error: { code: string; message: string; upstreamCode?: number } };
}

describe("upstream error taxonomy", () => {
  it("covers every code of the documented table with its documented upstream status", () => {
    expect(Object.keys(UPSTREAM_ERRORS).map(Number).sort()).toEqual(DOC_TABLE.map(([c]) => c).sort());
    for (const [code, status] of DOC_TABLE) expect(UPSTREAM_ERRORS[code]?.upstreamStatus, `code ${code}`).toBe(status);
  });

  it("gives every code a distinct bilingual message and a 4xx/5xx console status", () => {
    for (const [code, s] of Object.entries(UPSTREAM_ERRORS)) {
      expect(s.text.en.length, code).toBeGreaterThan(10);
      expect(s.text["zh-CN"], code).toMatch(/[\u4e00-\u9fff]/);
      expect(s.status >= 400 && s.status < 600, code).toBe(true);
    }
    const messages = Object.values(UPSTREAM_ERRORS).map((s) => s.text.en);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it("answers in the caller's language with the upstream code and the mapped status", async () => {
    const zh = toErrorResponse(upstreamError(5305, 400), "zh-CN");
    expect(zh.status).toBe(409);
    const b = await body(zh);
    expect(b.error).toMatchObject({ code: "CONFLICT", upstreamCode: 5305 });
    expect(b.error.message).toContain("设备离线");
    const en = await body(toErrorResponse(upstreamError(5305, 400), "en"));
    expect(en.error.message).toMatch(/offline/);
  });

  it("turns configuration problems into 502 for an administrator, not a client error", () => {
    for (const code of [5003, 5004, 5005, 5007, 5012, 5024]) {
      expect(upstreamError(code, 400).status, String(code)).toBe(502);
      expect(upstreamError(code, 400).text.en).toMatch(/administrator/);
    }
  });

  it("maps the quota code to 429 with Retry-After", () => {
    const res = toErrorResponse(quotaExhausted(42.2), "en");
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("43");
    expect(upstreamError(5013, 403).status).toBe(429);
  });

  it("still explains unknown codes and bare HTTP failures", () => {
    const e = upstreamError(5999, 400);
    expect(e.status).toBe(502);
    expect(e.upstreamCode).toBe(5999);
    expect(e.text.en).toContain("5999");
    expect(upstreamError(null, 503).code).toBe("UPSTREAM_UNAVAILABLE");
  });

  it("says a write's result is unknown when Gizwits does not answer", () => {
    const e = unavailable({ write: true, timeout: true });
    expect(e.status).toBe(504);
    expect(e.text.en).toMatch(/result is unknown/);
    expect(e.text["zh-CN"]).toMatch(/结果未知/);
  });

  it("treats only plausibly passing failures as transient", () => {
    expect(isTransient(5409, 500)).toBe(true);
    expect(isTransient(5601, 500)).toBe(true);
    expect(isTransient(5406, 500)).toBe(false);
    expect(isTransient(5301, 404)).toBe(false);
    expect(isTransient(null, 502)).toBe(true);
    expect(isTransient(null, 404)).toBe(false);
  });
});
