import "server-only";
import { z } from "zod";
import { env } from "@/server/env";
import { processSingleton } from "@/server/process-singleton";
import { isTransient, quotaExhausted, QUOTA_CODE, unavailable, unexpectedResponse, unknownProduct, upstreamError } from "./errors";
import { sendUpstream, TransportError } from "./http";
import type { Priority } from "./limiter";
import { markQuotaExhausted } from "./quota";
import { backoff, MAX_READ_RETRIES } from "./retry";
import { gizwitsStore } from "./store";
import { tokenResponseSchema } from "./products.schema";

/**
 * Per-product access tokens. A token lives 7 days; it is reused until shortly before it expires,
 * and concurrent callers that find none share a single token request.
 */

/** Renew this long before expire_at, or at half the remaining life for short-lived tokens. */
export const TOKEN_RENEW_MARGIN_MS = 10 * 60 * 1000;

const inflightTokens = processSingleton("__gizwitsTokenInflight", () => new Map<string, Promise<string>>());
const inflight = (): Map<string, Promise<string>> => inflightTokens.get();
export function resetTokenState(): void {
  inflightTokens.reset();
}

export function productSecret(productKey: string): string {
  const p = env().GIZWITS_PRODUCTS.find((x) => x.productKey === productKey);
  if (!p) throw unknownProduct(productKey);
  return p.productSecret;
}

/**
 * Longest one instance may hold the right to load something for every instance (a token, a cached
 * read): every attempt timing out plus the backoffs between them. Waiters give up after it.
 */
export function exclusiveHoldMs(): number {
  return env().GIZWITS_TIMEOUT_MS * (MAX_READ_RETRIES + 1) + 5000;
}

/** When to stop using a token that expires at `expireAtSec`, seen at `nowMs`. */
export function usableUntil(expireAtSec: number, nowMs: number): number {
  const expiresMs = expireAtSec * 1000;
  const margin = Math.min(TOKEN_RENEW_MARGIN_MS, Math.max(0, (expiresMs - nowMs) / 2));
  return expiresMs - margin;
}

export async function getToken(productKey: string, priority: Priority): Promise<string> {
  const secret = productSecret(productKey);
  const store = gizwitsStore(env().GIZWITS_QUOTA_PER_HOUR);
  const cached = await store.getToken(productKey);
  if (cached && cached.usableUntil > Date.now()) return cached.token;
  const map = inflight();
  let p = map.get(productKey);
  if (!p) {
    // With several instances (REDIS_URL) only one of them asks Gizwits; the others wait for the
    // token it stores. In one process this is just requestToken().
    p = store.exclusive(`token:${productKey}`, {
      holdMs: exclusiveHoldMs(),
      ready: async () => {
        const t = await store.getToken(productKey);
        return t && t.usableUntil > Date.now() ? t.token : undefined;
      },
      load: () => requestToken(productKey, secret, priority),
    });
    map.set(productKey, p);
    const clear = () => {
      if (map.get(productKey) === p) map.delete(productKey);
    };
    p.then(clear, clear);
  }
  return p;
}

/** Forgets `token` after the upstream rejected it (5009/5011); a newer token is kept. */
export async function dropToken(productKey: string, token: string): Promise<void> {
  await gizwitsStore(env().GIZWITS_QUOTA_PER_HOUR).dropToken(productKey, token);
}

async function requestToken(productKey: string, productSecretValue: string, priority: Priority): Promise<string> {
  const e = env();
  // Asking for a token changes nothing at Gizwits, so it is retried like a read.
  for (let attempt = 0; ; attempt++) {
    let ans: Awaited<ReturnType<typeof sendUpstream>>;
    try {
      ans = await sendUpstream({
        method: "POST",
        path: `/v1/products/${encodeURIComponent(productKey)}/access_token`,
        query: [],
        headers: {},
        body: {
          enterprise_id: e.GIZWITS_ENTERPRISE_ID,
          enterprise_secret: e.GIZWITS_ENTERPRISE_SECRET,
          product_secret: productSecretValue,
        },
        priority,
      });
    } catch (err) {
      if (err instanceof TransportError) {
        if (attempt < MAX_READ_RETRIES) {
          await backoff(attempt);
          continue;
        }
        throw unavailable({ timeout: err.timeout });
      }
      throw err;
    }
    if (ans.errorCode === QUOTA_CODE || ans.status === 429) throw quotaExhausted(await markQuotaExhausted(ans.headers));
    if (ans.malformed && !ans.isError) throw unexpectedResponse();
    if (ans.isError) {
      if (isTransient(ans.errorCode, ans.status) && attempt < MAX_READ_RETRIES) {
        await backoff(attempt);
        continue;
      }
      throw upstreamError(ans.errorCode, ans.status);
    }
    const parsed = tokenResponseSchema.safeParse(ans.body);
    if (!parsed.success) {
      console.warn(
        `[gizwits] token answer for ${productKey} has an unexpected shape: ${z.prettifyError(parsed.error).replace(/\s+/g, " ").slice(0, 300)}`,
      );
      throw unexpectedResponse();
    }
    const now = Date.now();
    await gizwitsStore(e.GIZWITS_QUOTA_PER_HOUR).setToken(productKey, {
      token: parsed.data.token,
      usableUntil: usableUntil(parsed.data.expireAt, now),
    });
    return parsed.data.token;
  }
}
