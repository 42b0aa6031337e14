import "server-only";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import { redis, rkey } from "./redis";

export interface ThrottleLimiters {
  failures: RateLimiterAbstract;
  waits: RateLimiterAbstract;
  known: RateLimiterAbstract;
}

/**
 * The sign-in throttle's counters shared by every instance (REDIS_URL): rate-limiter-flexible's
 * RateLimiterRedis over the console's ioredis connection, each with a RateLimiterMemory
 * "insurance" limiter that takes over while Redis is unreachable (then each instance counts on
 * its own until Redis is back). Null without REDIS_URL: the throttle keeps its memory limiters.
 */
export function sharedThrottleLimiters(windows: { failureWindowSec: number; knownClientSec: number }): ThrottleLimiters | null {
  const client = redis();
  if (!client) return null;
  const limiter = (name: string, points: number, duration: number) =>
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: rkey(name),
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
    });
  return {
    failures: limiter("signin-fail", 1_000_000, windows.failureWindowSec),
    waits: limiter("signin-wait", 1, 1),
    known: limiter("signin-known", 1_000_000, windows.knownClientSec),
  };
}
