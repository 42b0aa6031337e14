import "server-only";
import { mergeAggBuckets, splitAggRange, type AggAggregator, type AggBucket, type AggUnit } from "@/lib/agg";
import { AppError } from "@/server/errors";
import { processSingleton } from "@/server/process-singleton";

/*
 * agg_data's longest span is not documented (31 days is the emulator's guess, and the console's
 * own cap per request). An upstream that allows less answers 5002: the range is then asked in
 * parts of half the span (cut on bucket boundaries, so the parts' buckets sit side by side), down
 * to one day, and the span that worked is remembered per product for this process.
 */

const DAY_MS = 24 * 3600 * 1000;
const learned = processSingleton("__consoleAggSpanDays", () => new Map<string, number>());

/** "form invalid": what an upstream says about a span it does not take. */
const spanRefused = (e: unknown) => e instanceof AppError && e.upstreamCode === 5002;

export interface AggSpanQuery {
  startMs: number;
  endMs: number;
  unit: AggUnit;
  aggregator: AggAggregator;
  timeZone: string;
}

/** The buckets of [startMs, endMs), asked in as few parts as the upstream takes. */
export async function aggAcrossSpan(
  productKey: string,
  q: AggSpanQuery,
  fetchPart: (startMs: number, endMs: number) => Promise<AggBucket[]>,
): Promise<AggBucket[]> {
  const spanDays = (q.endMs - q.startMs) / DAY_MS;
  let maxDays = learned.get().get(productKey) ?? Number.POSITIVE_INFINITY;
  for (;;) {
    const tried = Math.min(maxDays, spanDays);
    const parts =
      maxDays >= spanDays ? [{ startMs: q.startMs, endMs: q.endMs }] : splitAggRange(q.startMs, q.endMs, q.unit, q.timeZone, maxDays);
    try {
      const answers: AggBucket[][] = [];
      for (const p of parts) answers.push(await fetchPart(p.startMs, p.endMs));
      return answers.length === 1 ? answers[0]! : mergeAggBuckets(answers, q.aggregator);
    } catch (e) {
      if (!spanRefused(e) || tried <= 1) throw e;
      maxDays = Math.max(1, Math.floor(tried / 2));
      learned.get().set(productKey, maxDays);
    }
  }
}

/** Tests: forget the spans learned. */
export function resetAggSpans(): void {
  learned.reset();
}
