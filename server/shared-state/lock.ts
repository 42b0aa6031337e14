import "server-only";
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { DELETE_IF_EQUAL, runScript } from "./redis";

/**
 * A lease in Redis: SET key token NX PX (only one holder; it expires by itself if the holder
 * dies) and a compare-and-delete Lua script to release it (only the holder's token is removed).
 * That is the single-instance lock Redis documents; no hand-written protocol.
 */
export async function tryLock(client: Redis, key: string, ttlMs: number): Promise<string | null> {
  const token = randomBytes(16).toString("hex");
  const ok = await client.set(key, token, "PX", Math.max(1, Math.round(ttlMs)), "NX");
  return ok === "OK" ? token : null;
}

export async function unlock(client: Redis, key: string, token: string): Promise<void> {
  await runScript(client, DELETE_IF_EQUAL, [key], [token]);
}

/** A Redis command failed (connection down, timeout): not an error of the work itself. */
export class SharedStateError extends Error {
  constructor(cause: unknown) {
    super("shared state unavailable", { cause });
    this.name = "SharedStateError";
  }
}

async function shared<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw new SharedStateError(err);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SingleFlightOptions<T> {
  /** The lease; held while `load` runs. */
  lockKey: string;
  /** Longest `load` may take; the lease expires after it if the holder died. */
  holdMs: number;
  /** What another instance's `load` leaves behind (e.g. the cache entry); undefined = not yet. */
  ready: () => Promise<T | undefined>;
  /** The work done once across instances. */
  load: () => Promise<T>;
}

/**
 * Runs `load` on one instance at a time: the instance holding the lease loads, the others poll
 * `ready` until the holder's result appears. If the holder finishes without leaving a result
 * (its load failed, or a write invalidated it), a waiter takes the lease and loads itself; after
 * `holdMs` of waiting it loads without the lease. Throws SharedStateError when Redis fails before
 * `load` started (the caller then loads locally); errors of `load` itself pass through unchanged.
 */
export async function singleFlight<T>(client: Redis, opts: SingleFlightOptions<T>): Promise<T> {
  const deadline = Date.now() + opts.holdMs;
  for (;;) {
    const token = await shared(() => tryLock(client, opts.lockKey, opts.holdMs));
    if (token) {
      try {
        // Another instance may have finished between our miss and taking the lease.
        const done = await opts.ready().catch(() => undefined);
        if (done !== undefined) return done;
        return await opts.load();
      } finally {
        await unlock(client, opts.lockKey, token).catch(() => undefined);
      }
    }
    let delay = 10;
    for (;;) {
      if (Date.now() >= deadline) return opts.load();
      await sleep(delay);
      delay = Math.min(delay * 1.5, 100);
      const value = await shared(opts.ready);
      if (value !== undefined) return value;
      if (!(await shared(() => client.exists(opts.lockKey)))) break;
    }
  }
}
