import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { upstreamError } from "@/server/gizwits/errors";
import { reportCall } from "./reports";

const fail = (e: unknown) => () => Promise.reject(e);

describe("reportCall", () => {
  it("turns an endpoint the environment lacks (plain HTTP 404) into 'not available here'", async () => {
    const err = await reportCall(fail(upstreamError(null, 404))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("NOT_FOUND");
    expect((err as AppError).status).toBe(404);
    expect((err as AppError).upstreamCode).toBeUndefined();
    expect((err as AppError).text["zh-CN"]).toContain("不提供");
  });

  it("passes every other refusal through unchanged", async () => {
    for (const e of [upstreamError(5014, 400), upstreamError(5024, 403), upstreamError(null, 400), upstreamError(null, 503)]) {
      await expect(reportCall(fail(e))).rejects.toBe(e);
    }
    await expect(reportCall(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
