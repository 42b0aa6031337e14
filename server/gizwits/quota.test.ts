import { describe, expect, it } from "vitest";
import { MemoryQuotaGate, PROBE_BACKOFF_SEC } from "./quota";

const T0 = 1_800_000_000_000;

describe("quota gate after a 5013 that contradicts the upstream's figures", () => {
  it("is open until a refusal, then holds calls for the first back-off step", async () => {
    const g = new MemoryQuotaGate();
    expect(await g.admit(T0, 15_000)).toEqual({ ok: true, probe: false });
    const until = await g.refused(T0, T0 + 3_600_000);
    expect(until).toBe(T0 + PROBE_BACKOFF_SEC[0] * 1000);
    expect(g.heldUntil(T0)).toBe(until);
    expect(await g.admit(T0 + 1000, 15_000)).toEqual({ ok: false, retryAtMs: until });
  });

  it("lets exactly one probe through once the hold has passed, and reopens when it is answered", async () => {
    const g = new MemoryQuotaGate();
    const until = await g.refused(T0, T0 + 3_600_000);
    expect(await g.admit(until, 15_000)).toEqual({ ok: true, probe: true });
    expect(await g.admit(until + 10, 15_000)).toMatchObject({ ok: false });
    await g.answered();
    expect(g.heldUntil(until + 20)).toBe(0);
    expect(await g.admit(until + 20, 15_000)).toEqual({ ok: true, probe: false });
  });

  it("grows the hold while probes are refused, capped by the window's end", async () => {
    const g = new MemoryQuotaGate();
    let now = T0;
    const holds: number[] = [];
    for (let i = 0; i < 5; i++) {
      const until = await g.refused(now, T0 + 3_600_000);
      holds.push((until - now) / 1000);
      now = until;
      expect(await g.admit(now, 15_000)).toEqual({ ok: true, probe: true });
    }
    expect(holds).toEqual([5, 15, 30, 60, 60]);
    // Never beyond the upstream's reset.
    expect(await g.refused(now, now + 2_000)).toBe(now + 2_000);
  });

  it("does not lengthen the hold for calls that were already in flight when the first refusal came", async () => {
    const g = new MemoryQuotaGate();
    const until = await g.refused(T0, T0 + 3_600_000);
    expect(await g.refused(T0 + 100, T0 + 3_600_000)).toBe(until);
    expect(await g.refused(T0 + 200, T0 + 3_600_000)).toBe(until);
    expect(await g.admit(until, 15_000)).toEqual({ ok: true, probe: true });
  });

  it("hands the probe to the next call when it got no answer, or when it timed out", async () => {
    const g = new MemoryQuotaGate();
    const until = await g.refused(T0, T0 + 3_600_000);
    expect(await g.admit(until, 15_000)).toMatchObject({ ok: true, probe: true });
    await g.unanswered();
    expect(await g.admit(until + 1, 15_000)).toMatchObject({ ok: true, probe: true });
    // A probe that never reports back (crashed request) does not block for ever.
    expect(await g.admit(until + 2, 15_000)).toMatchObject({ ok: false });
    expect(await g.admit(until + 1 + 15_000, 15_000)).toMatchObject({ ok: true, probe: true });
  });

  it("keeps the newest figures the upstream sent", async () => {
    const g = new MemoryQuotaGate();
    await g.recordSighting({ limit: 3600, remaining: 100, resetAt: 2, at: T0 + 10 });
    await g.recordSighting({ limit: 3600, remaining: 200, resetAt: 2, at: T0 });
    expect(g.sighting()).toMatchObject({ remaining: 100, at: T0 + 10 });
  });
});
