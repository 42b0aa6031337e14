import { beforeEach, describe, expect, it } from "vitest";
import type { AggBucket } from "@/lib/agg";
import { AppError } from "@/server/errors";
import { serverText } from "@/server/text";
import { aggAcrossSpan, resetAggSpans } from "./agg-span";

const DAY = 24 * 3600 * 1000;
// 2026-03-01T00:00 Asia/Shanghai
const START = Date.UTC(2026, 1, 28, 16);
const tz = "Asia/Shanghai";

/** An upstream that refuses spans longer than `maxDays` with 5002 and answers one DAYS bucket per day otherwise. */
function upstream(maxDays: number) {
  const asked: [number, number][] = [];
  const fetchPart = async (s: number, e: number): Promise<AggBucket[]> => {
    asked.push([s, e]);
    if (e - s > maxDays * DAY)
      throw new AppError("VALIDATION", serverText("invalidInput", { issues: "span" }), { status: 400, upstreamCode: 5002 });
    const out: AggBucket[] = [];
    for (let t = s; t < e; t += DAY) {
      const d = new Date(t + 8 * 3600 * 1000);
      out.push({
        datetime: `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, "0")}${String(d.getUTCDate()).padStart(2, "0")}`,
        attrs: { v: t / DAY },
      });
    }
    return out;
  };
  return { asked, fetchPart };
}

beforeEach(() => resetAggSpans());

describe("aggAcrossSpan", () => {
  it("asks the whole range once when the upstream takes it", async () => {
    const u = upstream(31);
    const b = await aggAcrossSpan(
      "pk",
      { startMs: START, endMs: START + 30 * DAY, unit: "DAYS", aggregator: "avg", timeZone: tz },
      u.fetchPart,
    );
    expect(b).toHaveLength(30);
    expect(u.asked).toHaveLength(1);
  });

  it("halves the span on a 5002 until the upstream takes it, with every day once, and remembers it", async () => {
    const u = upstream(7);
    const q = { startMs: START, endMs: START + 30 * DAY, unit: "DAYS" as const, aggregator: "avg" as const, timeZone: tz };
    const b = await aggAcrossSpan("pk", q, u.fetchPart);
    expect(b.map((x) => x.datetime)).toEqual([...new Set(b.map((x) => x.datetime))]);
    expect(b).toHaveLength(30);
    const refused = u.asked.filter(([s, e]) => e - s > 7 * DAY).length;
    expect(refused).toBeGreaterThan(0);
    // Next time the remembered span is used at once: no refusal.
    u.asked.length = 0;
    await aggAcrossSpan("pk", q, u.fetchPart);
    expect(u.asked.every(([s, e]) => e - s <= 7 * DAY)).toBe(true);
  });

  it("passes on other errors, and a refusal of a single day", async () => {
    const other = new AppError("UPSTREAM", serverText("upstreamRefused", { tag: "error 5405" }), { status: 502, upstreamCode: 5405 });
    await expect(
      aggAcrossSpan("pk", { startMs: START, endMs: START + 10 * DAY, unit: "DAYS", aggregator: "sum", timeZone: tz }, async () => {
        throw other;
      }),
    ).rejects.toBe(other);
    const u = upstream(0);
    await expect(
      aggAcrossSpan("pk2", { startMs: START, endMs: START + 4 * DAY, unit: "DAYS", aggregator: "sum", timeZone: tz }, u.fetchPart),
    ).rejects.toBeInstanceOf(AppError);
  });
});
