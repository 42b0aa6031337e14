import "server-only";
import { canarySize, type JobPath } from "@/lib/schemas/jobs";

/**
 * The pure parts of a job: its batch plan, the failure threshold and the preview's cost and
 * duration estimate. Unit-tested in plan.test.ts.
 */

/** Batch sizes for `n` devices to send to: the canary (percent, at least one), then batches of `batchSize`. */
export function planBatches(n: number, canaryPercent: number, batchSize: number): number[] {
  if (n <= 0) return [];
  const canary = canarySize(n, canaryPercent);
  const sizes = [canary];
  for (let left = n - canary; left > 0; left -= batchSize) sizes.push(Math.min(batchSize, left));
  return sizes;
}

/** True when failed devices exceed `percent` of the devices a command was attempted on. */
export function thresholdExceeded(failed: number, attempted: number, percent: number): boolean {
  return attempted > 0 && (failed / attempted) * 100 > percent;
}

/** Upstream calls one step of a batch costs on the Open API path: members read, remove, add, control. */
export const GROUP_CALLS_PER_BATCH = 4;
/** A rough time per upstream call, for the estimate (the emulator answers in milliseconds, Gizwits in ~100-300 ms). */
export const ESTIMATE_CALL_MS = 200;

export interface CostInput {
  toSend: number;
  batches: number;
  /** Whether the command can be read back (attrs; raw commands cannot). */
  readBack: boolean;
  openApi: boolean;
}

/** Calls each path spends: Enterprise (control + read-back per device) and Open API (binds, batch calls, reads). */
export function pathCalls(c: CostInput): { enterprise: number; openapi: number | null } {
  const reads = c.readBack ? c.toSend : 0;
  return {
    enterprise: c.toSend + reads,
    // Binds at most once per device (already bound devices cost nothing), one group lookup.
    openapi: c.openApi ? 1 + c.toSend + c.batches * GROUP_CALLS_PER_BATCH + reads : null,
  };
}

export interface QuotaView {
  limit: number;
  remaining: number;
  /** Unix seconds when the hourly window resets. */
  resetAt: number;
  reserved: number;
}

/**
 * How long `enterpriseCalls` take when the job never dips into the interactive reserve: the
 * calls available above the reserve now go at call speed, the rest wait for the next hourly
 * windows, each of which offers `limit - reserved` calls.
 */
export function estimateDurationMs(
  path: JobPath,
  calls: { enterprise: number; openapi: number | null },
  q: QuotaView,
  nowMs: number,
): number {
  const enterpriseCalls = path === "enterprise" ? calls.enterprise : 0;
  const total = path === "enterprise" ? calls.enterprise : (calls.openapi ?? 0);
  const atSpeed = total * ESTIMATE_CALL_MS;
  const available = Math.max(0, q.remaining - q.reserved);
  if (enterpriseCalls <= available) return atSpeed;
  const perWindow = Math.max(1, q.limit - q.reserved);
  const windows = Math.ceil((enterpriseCalls - available) / perWindow);
  const untilReset = Math.max(0, q.resetAt * 1000 - nowMs);
  return Math.max(
    atSpeed,
    untilReset + (windows - 1) * 3_600_000 + ((enterpriseCalls - available) % perWindow || perWindow) * ESTIMATE_CALL_MS,
  );
}

/** Calls per second a job may spend over an hour without touching the reserve. */
export function pacePerSecond(q: QuotaView): number {
  return Math.max(0, q.limit - q.reserved) / 3600;
}
