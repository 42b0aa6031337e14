import "server-only";
import { Redis } from "ioredis";
import { env } from "@/server/env";
import { processSingleton } from "@/server/process-singleton";

/**
 * The one Redis connection of this process (ioredis), or null without REDIS_URL.
 *
 * Commands never wait for a connection: with `enableOfflineQueue: false` a command issued while
 * Redis is unreachable fails at once, so callers fall back to process memory (reads) or refuse
 * (writes that need the shared idempotency record) instead of hanging. ioredis keeps reconnecting
 * in the background (`retryStrategy` never gives up), so when Redis is back the instance rejoins
 * without a restart.
 */

/** Lua scripts registered with ioredis' defineCommand (sent once, then run by SHA). */
export interface ScriptDefinition {
  name: string;
  keys: number;
  lua: string;
}

interface RedisState {
  client: Redis;
  lastErrorLogAt: number;
}

/** null when REDIS_URL is not set. */
const redisState = processSingleton<RedisState | null>("__consoleRedis", () => {
  const url = env().REDIS_URL;
  return url ? create(url) : null;
});

/** Every Redis call gives up after this long; the caller then falls back or refuses. */
export const REDIS_COMMAND_TIMEOUT_MS = 1500;

function create(url: string): RedisState {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    // Keep trying for ever, at most every 2 s: an instance rejoins as soon as Redis is back.
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
    // Never print the URL (it may hold a password).
    connectionName: "gizwits-console",
  });
  const state: RedisState = { client, lastErrorLogAt: 0 };
  client.on("error", (err: unknown) => {
    // One line per 30 s while Redis is down; never the URL or the password.
    const now = Date.now();
    if (now - state.lastErrorLogAt < 30_000) return;
    state.lastErrorLogAt = now;
    const code = err && typeof err === "object" && "code" in err ? String(err.code) : err instanceof Error ? err.name : "error";
    console.warn(`[shared-state] Redis unavailable (${code}); serving from process memory until it is back`);
  });
  client.on("ready", () => {
    if (state.lastErrorLogAt !== 0) console.warn("[shared-state] Redis is back; shared state resumed");
    state.lastErrorLogAt = 0;
  });
  return state;
}

/** The shared Redis client, or null when REDIS_URL is not set. */
export function redis(): Redis | null {
  return redisState.get()?.client ?? null;
}

/** True when REDIS_URL is set (the console is one of several instances). */
export function sharedStateConfigured(): boolean {
  return !!env().REDIS_URL;
}

/** True when the connection is up and commands can be sent. */
export function redisReady(): boolean {
  const c = redis();
  return c !== null && c.status === "ready";
}

/** The key with the deployment's prefix (REDIS_KEY_PREFIX). */
export function rkey(...parts: string[]): string {
  return env().REDIS_KEY_PREFIX + parts.join(":");
}

type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;
const defined = new WeakMap<Redis, Set<string>>();

/** Runs a Lua script through ioredis (EVALSHA, falling back to EVAL the first time). */
export function runScript(client: Redis, def: ScriptDefinition, keys: string[], args: (string | number)[]): Promise<unknown> {
  let names = defined.get(client);
  if (!names) defined.set(client, (names = new Set()));
  if (!names.has(def.name)) {
    client.defineCommand(def.name, { numberOfKeys: def.keys, lua: def.lua });
    names.add(def.name);
  }
  const fn = (client as unknown as Record<string, unknown>)[def.name];
  if (typeof fn !== "function") throw new Error(`Redis script ${def.name} is not defined`);
  return (fn as ScriptFn).apply(client, [...keys, ...args]);
}

/** Closes the connection (tests, shutdown); the next redis() opens a new one. */
export async function closeRedis(): Promise<void> {
  const s = redisState.peek();
  redisState.reset();
  if (!s) return;
  try {
    await s.client.quit();
  } catch {
    s.client.disconnect();
  }
}

/** Compare-and-delete: removes `key` only while it still holds `value` (a lock token, a token). */
export const DELETE_IF_EQUAL: ScriptDefinition = {
  name: "gecDeleteIfEqual",
  keys: 1,
  lua: `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`,
};
