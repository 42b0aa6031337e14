import { describe, expect, it } from "vitest";
import * as contract from "../schemas/jobs";
import * as plain from "./jobs";

describe("lib/plain/jobs", () => {
  it("has the contract's states, limits and defaults", () => {
    expect(plain.JOB_STATES).toEqual(contract.JOB_STATES);
    expect(plain.JOB_DEVICE_STATES).toEqual(contract.JOB_DEVICE_STATES);
    expect([...plain.FINAL_JOB_STATES].sort()).toEqual([...contract.FINAL_JOB_STATES].sort());
    expect(plain.MAX_JOB_DEVICES).toBe(contract.MAX_JOB_DEVICES);
    expect(plain.JOB_DEFAULTS).toEqual(contract.JOB_DEFAULTS);
  });
  it("computes progress as the contract does", () => {
    const counts = { pending: 3, sent: 1, confirmed: 4, not_confirmed: 0, failed: 1, skipped_offline: 1, skipped_disabled: 0 };
    for (const j of [
      { total: 10, counts },
      { total: 0, counts: { ...counts, pending: 0 } },
    ]) {
      expect(plain.jobProgress(j)).toBe(contract.jobProgress(j));
    }
  });
});
