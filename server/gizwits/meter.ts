import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { processSingleton } from "@/server/process-singleton";

/**
 * Per-request accounting of upstream use, read by the route wrapper to set X-Upstream-Calls and
 * X-Console-Stale. Calls are counted where they are made, so a read served from cache or joined
 * to another request's in-flight call counts 0 for this request.
 */
export interface UpstreamMeter {
  calls: number;
  /** Unix ms of the oldest stale value served in this request, or null if all data was fresh. */
  staleSince: number | null;
  /** Shared state (Redis) was unreachable: answered from this process's memory alone. */
  degraded?: boolean;
}

// One per process: every route bundle must see the same storage the client writes to.
const storage = processSingleton("__gizwitsMeterStorage", () => new AsyncLocalStorage<UpstreamMeter>()).get();

export async function withUpstreamMeter<T>(
  fn: () => Promise<T> | T,
): Promise<{ result: T; calls: number; staleSince: number | null; degraded: boolean }> {
  const meter: UpstreamMeter = { calls: 0, staleSince: null };
  const result = await storage.run(meter, fn);
  return { result, calls: meter.calls, staleSince: meter.staleSince, degraded: meter.degraded === true };
}

export function currentMeter(): UpstreamMeter | undefined {
  return storage.getStore();
}

export function countUpstreamCall(): void {
  const m = storage.getStore();
  if (m) m.calls += 1;
}

export function markStale(fetchedAt: number): void {
  const m = storage.getStore();
  if (m) m.staleSince = m.staleSince === null ? fetchedAt : Math.min(m.staleSince, fetchedAt);
}

/** Shared state was unavailable for part of this request (X-Console-Degraded). */
export function markDegraded(): void {
  const m = storage.getStore();
  if (m) m.degraded = true;
}
