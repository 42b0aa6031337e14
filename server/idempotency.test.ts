import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useThrowawayDatabase } from "@/server/db/testing";

// bcrypt and PGlite share two cores with parallel test files: allow for a slow machine.
vi.setConfig({ testTimeout: 60_000 });

useThrowawayDatabase();

const { closeDb, db } = await import("@/server/db");
const { idempotencyKeyOf, payloadHash, withIdempotency } = await import("./idempotency");
const { AppError } = await import("./errors");

// Opening a fresh PGlite takes seconds on a busy machine: do it under the hook timeout, not a test's.
beforeAll(() => db());
afterAll(() => closeDb());

let n = 0;
const newKey = () => `key-${Date.now()}-${++n}`;

describe("withIdempotency()", () => {
  it("runs fn every time when there is no key", async () => {
    const fn = vi.fn(async () => ({ n: 1 }));
    await withIdempotency("u1", null, {}, fn);
    await withIdempotency("u1", undefined, {}, fn);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it("answers a replay from the stored result without calling fn again", async () => {
    const key = newKey();
    const fn = vi.fn(async () => ({ sent: true, at: new Date(0) }));
    const first = await withIdempotency("u1", key, { did: "d1", attrs: { a: 1, b: 2 } }, fn);
    // same payload with keys in another order
    const second = await withIdempotency("u1", key, { attrs: { b: 2, a: 1 }, did: "d1" }, fn);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
    expect(first).toEqual({ sent: true, at: "1970-01-01T00:00:00.000Z" });
  });

  it("refuses the same key with a different payload (409)", async () => {
    const key = newKey();
    await withIdempotency("u1", key, { v: 1 }, async () => 1);
    const fn = vi.fn(async () => 2);
    await expect(withIdempotency("u1", key, { v: 2 }, fn)).rejects.toMatchObject({ code: "CONFLICT", status: 409 });
    expect(fn).not.toHaveBeenCalled();
  });

  it("lets only one of two simultaneous requests with one key run", async () => {
    const key = newKey();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const fn = vi.fn(async () => {
      started();
      await gate;
      return "done";
    });
    const a = withIdempotency("u1", key, { x: 1 }, fn);
    // a has claimed the key once its fn runs; only then does b arrive.
    await running;
    const b = withIdempotency("u1", key, { x: 1 }, fn);
    await expect(b).rejects.toMatchObject({ status: 409 });
    release();
    await expect(a).resolves.toBe("done");
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("keeps keys per user", async () => {
    const key = newKey();
    const fn = vi.fn(async () => "r");
    await withIdempotency("u1", key, {}, fn);
    await withIdempotency("u2", key, {}, fn);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it("frees the key after a failure that proves nothing was sent, so a retry runs", async () => {
    const key = newKey();
    const refused = new AppError("QUOTA_EXHAUSTED", { en: "quota", "zh-CN": "配额" }, { retryAfter: 10 });
    const fn = vi.fn<() => Promise<string>>().mockRejectedValueOnce(refused).mockResolvedValueOnce("sent");
    await expect(withIdempotency("u1", key, { c: 1 }, fn)).rejects.toBe(refused);
    await expect(withIdempotency("u1", key, { c: 1 }, fn)).resolves.toBe("sent");
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it("stores an unknown-outcome failure, so a retry with the key never sends twice", async () => {
    const key = newKey();
    const timeout = new AppError("UPSTREAM_UNAVAILABLE", { en: "Result unknown", "zh-CN": "结果未知" }, { status: 504 });
    const fn = vi.fn<() => Promise<string>>().mockRejectedValue(timeout);
    await expect(withIdempotency("u1", key, { c: 2 }, fn)).rejects.toBe(timeout);
    const replay = withIdempotency("u1", key, { c: 2 }, fn);
    await expect(replay).rejects.toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
      status: 504,
      text: { en: "Result unknown", "zh-CN": "结果未知" },
    });
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe("idempotencyKeyOf()", () => {
  const req = (key?: string) =>
    new NextRequest("http://x/api/y", { method: "POST", headers: key === undefined ? {} : { "Idempotency-Key": key } });
  it("reads a valid key, treats a missing one as none, rejects junk with 400", () => {
    expect(idempotencyKeyOf(req("0b6f3c1e-5a2d-4c1b-9d7e-1f2a3b4c5d6e"))).toBe("0b6f3c1e-5a2d-4c1b-9d7e-1f2a3b4c5d6e");
    expect(idempotencyKeyOf(req())).toBeNull();
    expect(() => idempotencyKeyOf(req("short"))).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => idempotencyKeyOf(req("has space in it!"))).toThrow(expect.objectContaining({ status: 400 }));
  });
  it("hashes payloads independently of key order but not of values", () => {
    expect(payloadHash({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(payloadHash({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(payloadHash({ a: 1 })).not.toBe(payloadHash({ a: 2 }));
    expect(payloadHash([1, 2])).not.toBe(payloadHash([2, 1]));
  });
});
