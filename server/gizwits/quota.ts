import "server-only";
import type { Quota } from "@/lib/schemas/api";
import { env } from "@/server/env";
import { backgroundQuotaReserved, quotaExhausted } from "./errors";
import type { Priority } from "./limiter";
import { gizwitsStore, type QuotaObservation } from "./store";

/**
 * The quota governor. Gizwits allows ~3600 calls per hour per enterprise and answers 403/5013
 * for the rest of the hour once they are spent, so the console keeps its own count: every call
 * takes one unit before it is sent (so calls in flight are counted), every answer's
 * X-RateLimit-* corrects the count, and a call that would overspend is refused locally.
 * Background work stops while only the interactive reserve is left.
 */

const nowSec = () => Math.floor(Date.now() / 1000);

export function quotaStatus(): Quota {
  const e = env();
  const q = gizwitsStore(e.GIZWITS_QUOTA_PER_HOUR).quotaSnapshot(nowSec());
  return { limit: q.limit, remaining: q.remaining, resetAt: q.resetAt, reserved: e.GIZWITS_INTERACTIVE_RESERVE, known: q.known };
}

/** Takes one call from the budget or throws QUOTA_EXHAUSTED (429 with Retry-After). */
export async function takeQuota(priority: Priority): Promise<void> {
  const e = env();
  const floor = priority === "background" ? e.GIZWITS_INTERACTIVE_RESERVE : 0;
  const now = nowSec();
  const r = await gizwitsStore(e.GIZWITS_QUOTA_PER_HOUR).takeQuota(floor, now);
  if (!r.ok) {
    const retryAfter = r.resetAt - now;
    throw priority === "background" && floor > 0 && quotaStatus().remaining > 0
      ? backgroundQuotaReserved(retryAfter)
      : quotaExhausted(retryAfter);
  }
}

export async function returnQuota(): Promise<void> {
  await gizwitsStore(env().GIZWITS_QUOTA_PER_HOUR).returnQuota();
}

/** Reads X-RateLimit-Limit/Remaining/Reset; null when any is missing or not a number. */
export function parseRateLimit(headers: Headers): QuotaObservation | null {
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
  return { limit, remaining, resetAt };
}

export async function observeQuota(headers: Headers, othersInFlight: number): Promise<void> {
  const obs = parseRateLimit(headers);
  if (obs) await gizwitsStore(env().GIZWITS_QUOTA_PER_HOUR).observeQuota(obs, othersInFlight, nowSec());
}

/** The upstream answered 5013: nothing is left until the window resets. Returns seconds to wait. */
export async function markQuotaExhausted(headers: Headers): Promise<number> {
  const now = nowSec();
  const obs = parseRateLimit(headers);
  const store = gizwitsStore(env().GIZWITS_QUOTA_PER_HOUR);
  const resetAt = obs && obs.resetAt > now ? obs.resetAt : Math.max(store.quotaSnapshot(now).resetAt, now + 60);
  await store.exhaustQuota(resetAt);
  return resetAt - now;
}
