import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { guardListener, normalizeForwarded, refusal } from "./request-guard.mjs";

describe("request guard in front of Next", () => {
  it("answers TRACE and other methods outside the allow-list with 405", () => {
    expect(refusal("TRACE", "/api/quota")?.status).toBe(405);
    expect(refusal("CONNECT", "/")?.status).toBe(405);
    expect(refusal("PROPFIND", "/")?.status).toBe(405);
    for (const m of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get"]) expect(refusal(m, "/api/quota")).toBeNull();
  });

  it("answers paths with invalid UTF-8 or bad percent-encodings with 400, and lets the rest through", () => {
    expect(refusal("GET", "/api/products/a%FF/groups")?.status).toBe(400);
    expect(refusal("GET", "/api/products/%zz")?.status).toBe(400);
    expect(refusal("GET", "/api/products/%E0%A4%A/x")?.status).toBe(400);
    // A lone surrogate's CESU-8 bytes are not UTF-8 either.
    expect(refusal("GET", "/api/saved-views/%ED%A0%80")?.status).toBe(400);
    expect(refusal("GET", "/api/products/a%25zz/groups")).toBeNull();
    expect(refusal("GET", "/api/audit?q=%FF%zz")).toBeNull(); // query strings are parsed leniently by the routes
    expect(refusal("GET", "/devices/%E4%B8%AD")).toBeNull();
  });

  it("replies itself, in the caller's language, without calling Next", () => {
    let called = false;
    const listener = guardListener(() => {
      called = true;
    });
    const out: { status?: number; headers?: Record<string, string>; body?: string } = {};
    const res = {
      writeHead(status: number, headers: Record<string, string>) {
        out.status = status;
        out.headers = headers;
      },
      end(body?: string) {
        out.body = body;
      },
    } as unknown as ServerResponse;
    listener({ method: "TRACE", url: "/", headers: { "accept-language": "zh-CN" }, socket: {} } as unknown as IncomingMessage, res);
    expect(called).toBe(false);
    expect(out.status).toBe(405);
    expect(out.headers?.Allow).toContain("GET");
    expect(JSON.parse(out.body!).error.message).toMatch(/不支持/);
  });

  it("replaces forged forwarded headers with the socket's address unless a proxy is trusted", () => {
    const req = () =>
      ({
        headers: { "x-forwarded-for": "6.6.6.6", "x-forwarded-host": "evil.test", "x-forwarded-proto": "https" },
        socket: { remoteAddress: "10.1.2.3" },
      }) as unknown as IncomingMessage;
    const a = req();
    normalizeForwarded(a, 0);
    expect(a.headers).toEqual({ "x-forwarded-for": "10.1.2.3" });
    const b = req();
    normalizeForwarded(b, 1);
    expect(b.headers["x-forwarded-host"]).toBe("evil.test");
  });
});
