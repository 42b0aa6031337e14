import { describe, expect, it } from "vitest";
import { failedMacs, runAssignment, type RunProgress } from "./assign-runner";

const macs = Array.from({ length: 2500 }, (_, i) => i.toString(16).padStart(12, "0"));

describe("runAssignment", () => {
  it("sends ≤1000 per request in order and reports progress after each", async () => {
    const sizes: number[] = [];
    const progress: RunProgress[] = [];
    const out = await runAssignment(
      macs,
      async (part) => {
        sizes.push(part.length);
        return { success: part, failed: [] };
      },
      (p) => progress.push(p),
    );
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(progress.map((p) => p.done)).toEqual([1000, 2000, 2500]);
    expect(out.every((o) => o.ok)).toBe(true);
    expect(out.map((o) => o.mac)).toEqual(macs);
  });

  it("keeps the other requests' results when one fails as a whole, and never retries it", async () => {
    let calls = 0;
    const out = await runAssignment(macs, async (part) => {
      calls += 1;
      if (calls === 2) throw new Error("quota exhausted");
      return { success: part.slice(1), failed: [{ mac: part[0]!, reason: "unknownOrInOtherGroup" }] };
    });
    expect(calls).toBe(3);
    const failed = failedMacs(out);
    expect(failed).toHaveLength(1000 + 2);
    expect(out[1000]).toEqual({ mac: macs[1000], ok: false, reason: "request", message: "quota exhausted" });
    expect(out[0]).toEqual({ mac: macs[0], ok: false, reason: "unknownOrInOtherGroup" });
    expect(out[2001]).toEqual({ mac: macs[2001], ok: true });
  });
});
