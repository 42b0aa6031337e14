import "server-only";
import type { Quota } from "@/lib/schemas/api";
import { env } from "@/server/env";
import { processSingleton } from "@/server/process-singleton";
import { sharedQuotaGate } from "@/server/shared-state/quota-gate";
import { backgroundQuotaReserved, quotaExhausted } from "./errors";
import type { Priority } from "./limiter";
import type { UpstreamHeaders } from "./http";
import { gizwitsStore, type QuotaObservation } from "./store";

/**
 * The quota governor. Gizwits allows ~3600 calls per hour per enterprise and answers 403/5013
 * once they are spent, so the console keeps its own count: every call takes one unit before it
 * is sent (so calls in flight are counted), every answer's X-RateLimit-* corrects the count, and
 * a call that would overspend is refused locally. Background work stops while only the
 * interactive reserve is left.
 *
 * The upstream's own figures win. A 5013 whose X-RateLimit-Remaining says nothing is left
 * closes the budget until X-RateLimit-Reset. A 5013 that contradicts the figures (calls are
 * said to remain, or nothing is known) holds calls back for a short, growing back-off and then
 * lets exactly one call through as a probe: its answer either reopens the budget or extends the
 * hold. A lone refusal therefore costs under a minute, not the rest of the hour.
 */

const nowSec = () => Math.floor(Date.now() / 1000);

/** Hold after the 1st, 2nd, … contradicted 5013 in a row (seconds); the last value repeats. */
export const PROBE_BACKOFF_SEC = [5, 15, 30, 60] as const;

/** Figures as the upstream sent them, and when (unix ms). */
export interface QuotaSighting extends QuotaObservation {
  at: number;
}

export type GateAdmission = { ok: true; probe: boolean } | { ok: false; retryAtMs: number };

/**
 * What the governor keeps beside the budget (store.ts): the upstream's last figures and the hold
 * after a contradicted 5013. Small and async so a shared backend can implement it; the memory
 * version below serves one process.
 */
export interface QuotaGateStore {
  /** Last X-RateLimit-* figures seen; synchronous for GET /api/quota. */
  sighting(): QuotaSighting | null;
  /** Unix ms until which calls are held back, or 0 when open. Synchronous for GET /api/quota. */
  heldUntil(nowMs: number): number;
  recordSighting(s: QuotaSighting): Promise<void>;
  /** Lets a call through unless calls are held; once a hold has passed, one call at a time (the probe). */
  admit(nowMs: number, probeTimeoutMs: number): Promise<GateAdmission>;
  /** A 5013 that contradicts the figures: holds calls for the next back-off step. Returns the hold's end (unix ms). */
  refused(nowMs: number, maxHoldUntilMs: number): Promise<number>;
  /** An answer that was not a 5013: calls flow again. */
  answered(): Promise<void>;
  /** A call got no answer at all (network, timeout): if it was the probe, the next call probes. */
  unanswered(): Promise<void>;
}

export class MemoryQuotaGate implements QuotaGateStore {
  private seen: QuotaSighting | null = null;
  private holdUntil = 0;
  private strikes = 0;
  /** Unix ms when the current probe was let through; 0 when no probe is out. */
  private probeSince = 0;

  sighting() {
    return this.seen;
  }
  heldUntil(nowMs: number) {
    return this.strikes > 0 ? Math.max(this.holdUntil, nowMs) : 0;
  }
  async recordSighting(s: QuotaSighting) {
    if (!this.seen || s.at >= this.seen.at) this.seen = s;
  }
  async admit(nowMs: number, probeTimeoutMs: number): Promise<GateAdmission> {
    if (this.strikes === 0) return { ok: true, probe: false };
    if (nowMs < this.holdUntil) return { ok: false, retryAtMs: this.holdUntil };
    if (this.probeSince > 0 && nowMs - this.probeSince < probeTimeoutMs) return { ok: false, retryAtMs: this.probeSince + probeTimeoutMs };
    this.probeSince = nowMs;
    return { ok: true, probe: true };
  }
  async refused(nowMs: number, maxHoldUntilMs: number) {
    // Calls that were already in flight when the first refusal came back do not lengthen the hold.
    if (this.strikes === 0 || nowMs >= this.holdUntil) {
      const step = PROBE_BACKOFF_SEC[Math.min(this.strikes, PROBE_BACKOFF_SEC.length - 1)]!;
      this.strikes += 1;
      this.holdUntil = Math.max(nowMs + 1000, Math.min(nowMs + step * 1000, maxHoldUntilMs));
    }
    this.probeSince = 0;
    return this.holdUntil;
  }
  async answered() {
    this.strikes = 0;
    this.holdUntil = 0;
    this.probeSince = 0;
  }
  async unanswered() {
    this.probeSince = 0;
  }
}

// With REDIS_URL the gate is shared by every console instance (server/shared-state/quota-gate.ts).
const gate = processSingleton<QuotaGateStore>(
  "__gizwitsQuotaGate",
  () => sharedQuotaGate(new MemoryQuotaGate(), PROBE_BACKOFF_SEC) ?? new MemoryQuotaGate(),
);

export function quotaGate(): QuotaGateStore {
  return gate.get();
}
/** Swaps the backend (e.g. a shared store in a multi-instance deployment). */
export function setQuotaGate(g: QuotaGateStore): void {
  gate.set(g);
}
export function resetQuotaGate(): void {
  gate.reset();
}

export function quotaStatus(): Quota {
  const e = env();
  const nowMs = Date.now();
  const now = Math.floor(nowMs / 1000);
  const q = gizwitsStore(e.GIZWITS_QUOTA_PER_HOUR).quotaSnapshot(now);
  const gate = quotaGate();
  const seen = gate.sighting();
  const held = gate.heldUntil(nowMs);
  return {
    limit: q.limit,
    remaining: q.remaining,
    resetAt: q.resetAt,
    reserved: e.GIZWITS_INTERACTIVE_RESERVE,
    known: q.known,
    // Figures of a window that has ended say nothing about this one.
    upstream: seen && seen.resetAt > now ? { limit: seen.limit, remaining: seen.remaining, resetAt: seen.resetAt, seenAt: seen.at } : null,
    heldUntil: held > 0 ? held : null,
  };
}

/** Takes one call from the budget or throws QUOTA_EXHAUSTED (429 with Retry-After). */
export async function takeQuota(priority: Priority): Promise<void> {
  const e = env();
  const nowMs = Date.now();
  const now = Math.floor(nowMs / 1000);
  const admission = await quotaGate().admit(nowMs, e.GIZWITS_TIMEOUT_MS + 5_000);
  if (!admission.ok) throw quotaExhausted((admission.retryAtMs - nowMs) / 1000);
  const floor = priority === "background" ? e.GIZWITS_INTERACTIVE_RESERVE : 0;
  const r = await gizwitsStore(e.GIZWITS_QUOTA_PER_HOUR).takeQuota(floor, now);
  if (!r.ok) {
    // The probe did not go out after all: let the next call be the probe.
    if (admission.probe) await quotaGate().unanswered();
    const retryAfter = r.resetAt - now;
    throw priority === "background" && floor > 0 && quotaStatus().remaining > 0
      ? backgroundQuotaReserved(retryAfter)
      : quotaExhausted(retryAfter);
  }
}

export async function returnQuota(): Promise<void> {
  await gizwitsStore(env().GIZWITS_QUOTA_PER_HOUR).returnQuota();
  await quotaGate().unanswered();
}

/** Reads X-RateLimit-Limit/Remaining/Reset; null when any is missing or not a number. */
export function parseRateLimit(headers: UpstreamHeaders): QuotaObservation | null {
  const num = (name: string) => {
    const v = headers.get(name);
    if (v === null || v.trim() === "") return null;
    const n = Number(v);
    return Number.isFinite(n) ? Math.floor(n) : null;
  };
  const limit = num("X-RateLimit-Limit");
  const remaining = num("X-RateLimit-Remaining");
  let resetAt = num("X-RateLimit-Reset");
  if (limit === null || remaining === null || resetAt === null) return null;
  // The doc's example is a unix timestamp; tolerate a delta in seconds and a timestamp in ms.
  if (resetAt > 1e12) resetAt = Math.floor(resetAt / 1000);
  else if (resetAt < 1e9) resetAt = nowSec() + resetAt;
  return { limit, remaining: Math.max(0, remaining), resetAt };
}

/**
 * Every answer of a metered call, 5013s included: records the upstream's figures and corrects
 * the count. `refused` marks a 5013 (or 429); the caller still calls markQuotaExhausted for it.
 */
export async function observeQuota(headers: UpstreamHeaders, othersInFlight: number, opts: { refused?: boolean } = {}): Promise<void> {
  const obs = parseRateLimit(headers);
  if (obs) {
    await quotaGate().recordSighting({ ...obs, at: Date.now() });
    // A refusal's figures go through markQuotaExhausted, which decides whether to believe them.
    if (!opts.refused) await gizwitsStore(env().GIZWITS_QUOTA_PER_HOUR).observeQuota(obs, othersInFlight, nowSec());
  }
  if (!opts.refused) await quotaGate().answered();
}

/** A metered call got no answer (network failure, timeout). */
export async function quotaCallUnanswered(): Promise<void> {
  await quotaGate().unanswered();
}

/**
 * The upstream answered 5013. If its own figures say nothing is left, the budget is closed
 * until their reset. Otherwise the refusal contradicts what the upstream (or the console's
 * count) says, and calls are held for a short back-off before one probe. Returns seconds to wait.
 */
export async function markQuotaExhausted(headers: UpstreamHeaders): Promise<number> {
  const nowMs = Date.now();
  const now = Math.floor(nowMs / 1000);
  const obs = parseRateLimit(headers);
  const store = gizwitsStore(env().GIZWITS_QUOTA_PER_HOUR);
  const local = store.quotaSnapshot(now);
  const spent = obs ? obs.remaining <= 0 && obs.resetAt > now : local.known && local.remaining <= 0;
  if (spent) {
    const resetAt = obs ? obs.resetAt : Math.max(local.resetAt, now + 60);
    await store.exhaustQuota(resetAt);
    return resetAt - now;
  }
  const windowEnd = (obs && obs.resetAt > now ? obs.resetAt : local.resetAt) * 1000;
  const until = await quotaGate().refused(nowMs, Math.max(windowEnd, nowMs + 1000));
  return (until - nowMs) / 1000;
}
