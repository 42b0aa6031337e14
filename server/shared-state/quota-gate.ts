import "server-only";
import type { Redis } from "ioredis";
import { z } from "zod";
import { markDegraded } from "@/server/gizwits/meter";
import type { GateAdmission, QuotaGateStore, QuotaSighting } from "@/server/gizwits/quota";
import { redis, rkey, runScript, type ScriptDefinition } from "./redis";

/**
 * The quota governor's gate (issue 11's design, server/gizwits/quota.ts) shared by every instance
 * through Redis: the upstream's last X-RateLimit-* figures, and the hold + single probe after a
 * 5013 that contradicted them — so when one instance is refused, all of them hold back, and only
 * one probe goes out for the whole fleet. Same rules as MemoryQuotaGate, each step one Lua script.
 * While Redis is unreachable the instance's own MemoryQuotaGate decides (marked degraded).
 */

const KEEP_SEC = 2 * 3600;

/** KEYS[1] = sighting hash; ARGV: limit, remaining, resetAt, at → the sighting kept. */
const RECORD_SIGHTING: ScriptDefinition = {
  name: "gecGateSighting",
  keys: 1,
  lua: `
local cur = tonumber(redis.call("HGET", KEYS[1], "at"))
if not cur or tonumber(ARGV[4]) >= cur then
  redis.call("HSET", KEYS[1], "limit", ARGV[1], "remaining", ARGV[2], "resetAt", ARGV[3], "at", ARGV[4])
  redis.call("EXPIRE", KEYS[1], ${KEEP_SEC})
end
return redis.call("HMGET", KEYS[1], "limit", "remaining", "resetAt", "at")`,
};

const GATE_PRELUDE = `
local v = redis.call("HMGET", KEYS[1], "strikes", "holdUntil", "probeSince")
local strikes, holdUntil, probeSince = tonumber(v[1]) or 0, tonumber(v[2]) or 0, tonumber(v[3]) or 0
local function save()
  redis.call("HSET", KEYS[1], "strikes", strikes, "holdUntil", holdUntil, "probeSince", probeSince)
  redis.call("EXPIRE", KEYS[1], ${KEEP_SEC})
end
`;

/** ARGV: nowMs, probeTimeoutMs → {ok, probe, retryAtMs, strikes, holdUntil} */
const ADMIT: ScriptDefinition = {
  name: "gecGateAdmit",
  keys: 1,
  lua: `${GATE_PRELUDE}
local now, timeout = tonumber(ARGV[1]), tonumber(ARGV[2])
if strikes == 0 then return { 1, 0, 0, strikes, holdUntil } end
if now < holdUntil then return { 0, 0, holdUntil, strikes, holdUntil } end
if probeSince > 0 and now - probeSince < timeout then return { 0, 0, probeSince + timeout, strikes, holdUntil } end
probeSince = now
save()
return { 1, 1, 0, strikes, holdUntil }`,
};

/** ARGV: nowMs, maxHoldUntilMs, backoff steps (s)... → {holdUntil, strikes} */
const REFUSED: ScriptDefinition = {
  name: "gecGateRefused",
  keys: 1,
  lua: `${GATE_PRELUDE}
local now, maxHold = tonumber(ARGV[1]), tonumber(ARGV[2])
local steps = #ARGV - 2
if strikes == 0 or now >= holdUntil then
  local step = tonumber(ARGV[2 + math.min(strikes + 1, steps)])
  strikes = strikes + 1
  holdUntil = math.max(now + 1000, math.min(now + step * 1000, maxHold))
end
probeSince = 0
save()
return { holdUntil, strikes }`,
};

/** → {strikes, holdUntil} after the change */
const ANSWERED: ScriptDefinition = {
  name: "gecGateAnswered",
  keys: 1,
  lua: `${GATE_PRELUDE}
if strikes ~= 0 or probeSince ~= 0 then redis.call("DEL", KEYS[1]) end
return { 0, 0 }`,
};

const UNANSWERED: ScriptDefinition = {
  name: "gecGateUnanswered",
  keys: 1,
  lua: `${GATE_PRELUDE}
if probeSince ~= 0 then probeSince = 0 save() end
return { strikes, holdUntil }`,
};

const nums = z.array(z.coerce.number());
const sightingReply = z.array(z.string().nullable()).length(4);

export class RedisQuotaGate implements QuotaGateStore {
  private seen: QuotaSighting | null = null;
  private strikes = 0;
  private holdUntil = 0;
  private refreshedAt = 0;
  private refreshing = false;

  constructor(
    private readonly client: Redis,
    private readonly local: QuotaGateStore,
    private readonly backoffSec: readonly number[],
  ) {}

  private up(): boolean {
    return this.client.status === "ready";
  }
  private get gateKey() {
    return rkey("quota-gate");
  }
  private get sightingKey() {
    return rkey("quota-sighting");
  }

  private async shared<T>(op: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (this.up()) {
      try {
        return await op();
      } catch {
        // fall through to memory
      }
    }
    markDegraded();
    return fallback();
  }

  private adoptSighting(reply: unknown): void {
    const [limit, remaining, resetAt, at] = sightingReply.parse(reply);
    if (limit === null || remaining === null || resetAt === null || at === null) return;
    this.seen = { limit: Number(limit), remaining: Number(remaining), resetAt: Number(resetAt), at: Number(at) };
  }

  /** The synchronous views answer from the last state seen and refresh it in the background. */
  private refresh(): void {
    if (this.refreshing || !this.up() || Date.now() - this.refreshedAt < 1000) return;
    this.refreshing = true;
    Promise.all([
      this.client.hmget(this.sightingKey, "limit", "remaining", "resetAt", "at"),
      this.client.hmget(this.gateKey, "strikes", "holdUntil"),
    ])
      .then(([s, g]) => {
        this.adoptSighting(s);
        this.strikes = Number(g[0] ?? 0);
        this.holdUntil = Number(g[1] ?? 0);
        this.refreshedAt = Date.now();
      })
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = false;
      });
  }

  sighting(): QuotaSighting | null {
    if (!this.up()) return this.local.sighting();
    this.refresh();
    return this.seen;
  }

  heldUntil(nowMs: number): number {
    if (!this.up()) return this.local.heldUntil(nowMs);
    this.refresh();
    return this.strikes > 0 ? Math.max(this.holdUntil, nowMs) : 0;
  }

  async recordSighting(s: QuotaSighting): Promise<void> {
    await this.local.recordSighting(s);
    await this.shared(
      async () =>
        this.adoptSighting(await runScript(this.client, RECORD_SIGHTING, [this.sightingKey], [s.limit, s.remaining, s.resetAt, s.at])),
      async () => undefined,
    );
  }

  async admit(nowMs: number, probeTimeoutMs: number): Promise<GateAdmission> {
    return this.shared(
      async () => {
        const [ok, probe, retryAtMs, strikes, holdUntil] = nums.parse(
          await runScript(this.client, ADMIT, [this.gateKey], [nowMs, probeTimeoutMs]),
        );
        this.strikes = strikes!;
        this.holdUntil = holdUntil!;
        return ok === 1 ? { ok: true as const, probe: probe === 1 } : { ok: false as const, retryAtMs: retryAtMs! };
      },
      () => this.local.admit(nowMs, probeTimeoutMs),
    );
  }

  async refused(nowMs: number, maxHoldUntilMs: number): Promise<number> {
    const localHold = await this.local.refused(nowMs, maxHoldUntilMs);
    return this.shared(
      async () => {
        const [holdUntil, strikes] = nums.parse(
          await runScript(this.client, REFUSED, [this.gateKey], [nowMs, maxHoldUntilMs, ...this.backoffSec]),
        );
        this.holdUntil = holdUntil!;
        this.strikes = strikes!;
        return holdUntil!;
      },
      async () => localHold,
    );
  }

  async answered(): Promise<void> {
    await this.local.answered();
    await this.shared(
      async () => {
        await runScript(this.client, ANSWERED, [this.gateKey], []);
        this.strikes = 0;
        this.holdUntil = 0;
      },
      async () => undefined,
    );
  }

  async unanswered(): Promise<void> {
    await this.local.unanswered();
    await this.shared(
      async () => void (await runScript(this.client, UNANSWERED, [this.gateKey], [])),
      async () => undefined,
    );
  }
}

/** The shared gate with REDIS_URL (with `local` as the fallback), else null. */
export function sharedQuotaGate(local: QuotaGateStore, backoffSec: readonly number[]): QuotaGateStore | null {
  const client = redis();
  return client ? new RedisQuotaGate(client, local, backoffSec) : null;
}
