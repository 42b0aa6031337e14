import "server-only";
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { processSingleton } from "@/server/process-singleton";
import { sharedThrottleLimiters } from "@/server/shared-state/throttle";

/**
 * Slows password guessing without letting anyone lock an account out. Failures are counted per
 * client address and per username; after a few free ones each further failure makes that key
 * wait twice as long (1 s, 2 s, 4 s, … up to 15 minutes) before the next attempt is even checked.
 * A client that has signed in to an account successfully before is not slowed by the username's
 * failures (those come from elsewhere), only by its own; and its own typos do not slow the
 * username for everyone else. A success clears both counters; an admin can clear a username.
 *
 * Counting uses rate-limiter-flexible behind `SignInThrottleStore`: memory per process by
 * default; a shared backend (RateLimiterRedis with a memory insurance limiter) plugs in through
 * `setSignInThrottleStore` without changing the policy below.
 */

export const FREE_FAILURES = { username: 5, client: 10 } as const;
export const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60 * 1000;
/** Failures are forgotten this long after the first one of a run. */
const FAILURE_WINDOW_SEC = 60 * 60;
/**
 * A client stays "known" for an account this long after its last successful sign-in. The memory
 * store expires keys with setTimeout, whose delay must fit in 32 bits (24.8 days): 30 days
 * overflowed to 1 ms and forgot every known client at once.
 */
export const KNOWN_CLIENT_SEC = 21 * 24 * 60 * 60;

export interface ThrottleState {
  failures: number;
  /** Unix ms before which no attempt is checked; 0 when free. */
  waitUntil: number;
}

export interface SignInThrottleStore {
  state(key: string, nowMs: number): Promise<ThrottleState>;
  /** Counts one failure and makes the key wait `delayMs(failures)`. */
  fail(key: string, nowMs: number, delayMs: (failures: number) => number): Promise<ThrottleState>;
  clear(key: string): Promise<void>;
  isKnown(key: string): Promise<boolean>;
  remember(key: string): Promise<void>;
}

/** The store over rate-limiter-flexible limiters; pass Redis-backed ones for a shared store. */
export class RateLimiterThrottleStore implements SignInThrottleStore {
  constructor(
    private readonly limiters: { failures: RateLimiterAbstract; waits: RateLimiterAbstract; known: RateLimiterAbstract } = {
      failures: new RateLimiterMemory({ keyPrefix: "signin-fail", points: 1_000_000, duration: FAILURE_WINDOW_SEC }),
      waits: new RateLimiterMemory({ keyPrefix: "signin-wait", points: 1, duration: 1 }),
      known: new RateLimiterMemory({ keyPrefix: "signin-known", points: 1_000_000, duration: KNOWN_CLIENT_SEC }),
    },
  ) {}

  async state(key: string, nowMs: number): Promise<ThrottleState> {
    const [f, w] = await Promise.all([this.limiters.failures.get(key), this.limiters.waits.get(key)]);
    const blocked = w !== null && w.consumedPoints > 1 && w.msBeforeNext > 0;
    return { failures: f?.consumedPoints ?? 0, waitUntil: blocked ? nowMs + w.msBeforeNext : 0 };
  }
  async fail(key: string, nowMs: number, delayMs: (failures: number) => number): Promise<ThrottleState> {
    const f = await this.limiters.failures.penalty(key, 1);
    const ms = delayMs(f.consumedPoints);
    if (ms > 0) await this.limiters.waits.block(key, ms / 1000);
    return { failures: f.consumedPoints, waitUntil: ms > 0 ? nowMs + ms : 0 };
  }
  async clear(key: string): Promise<void> {
    await Promise.all([this.limiters.failures.delete(key), this.limiters.waits.delete(key)]);
  }
  async isKnown(key: string): Promise<boolean> {
    return (await this.limiters.known.get(key)) !== null;
  }
  async remember(key: string): Promise<void> {
    await this.limiters.known.set(key, 1, KNOWN_CLIENT_SEC);
  }
}

// With REDIS_URL the counters are shared by every console instance (server/shared-state/throttle.ts).
const throttleStore = processSingleton<SignInThrottleStore>(
  "__consoleSignInThrottle",
  () =>
    new RateLimiterThrottleStore(
      sharedThrottleLimiters({ failureWindowSec: FAILURE_WINDOW_SEC, knownClientSec: KNOWN_CLIENT_SEC }) ?? undefined,
    ),
);
const store = (): SignInThrottleStore => throttleStore.get();
export function setSignInThrottleStore(s: SignInThrottleStore): void {
  throttleStore.set(s);
}
/** Tests only. */
export function resetSignInThrottle(): void {
  throttleStore.reset();
}

/** 0 for the free failures, then 1 s doubling per failure, capped. */
export function delayAfter(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(30, failures - free - 1));
}

const userKey = (username: string) => `u:${username}`;
const clientKey = (client: string) => `c:${client}`;
const knownKey = (username: string, client: string) => `${username}\n${client}`;

/**
 * Unix ms until which an attempt for `username` from `client` is refused without checking the
 * password; 0 when it may be checked now.
 */
export async function signInWaitUntil(username: string, client: string, now = Date.now()): Promise<number> {
  const s = store();
  const [c, u, known] = await Promise.all([
    s.state(clientKey(client), now),
    s.state(userKey(username), now),
    s.isKnown(knownKey(username, client)),
  ]);
  const until = Math.max(c.waitUntil, known ? 0 : u.waitUntil);
  return until > now ? until : 0;
}

export async function recordSignIn(username: string, client: string, ok: boolean, now = Date.now()): Promise<void> {
  const s = store();
  if (ok) {
    await Promise.all([s.clear(userKey(username)), s.clear(clientKey(client)), s.remember(knownKey(username, client))]);
    return;
  }
  const known = await s.isKnown(knownKey(username, client));
  await Promise.all([
    s.fail(clientKey(client), now, (n) => delayAfter(n, FREE_FAILURES.client)),
    // The owner's own typos (from a client that signed in before) do not slow the account elsewhere.
    known ? null : s.fail(userKey(username), now, (n) => delayAfter(n, FREE_FAILURES.username)),
  ]);
}

/** The username's own counter, for the accounts page. */
export async function signInThrottleOf(username: string, now = Date.now()): Promise<ThrottleState> {
  return store().state(userKey(username), now);
}

/** An admin clears the username's failures and wait. */
export async function clearSignInThrottle(username: string): Promise<void> {
  await store().clear(userKey(username));
}
