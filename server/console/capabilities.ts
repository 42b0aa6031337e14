import "server-only";
import { eq, sql } from "drizzle-orm";
import { capabilities, db } from "@/server/db";
import { processSingleton } from "@/server/process-singleton";

/*
 * What the upstream allows, learned rather than assumed (issue 12). One record per (scope, key):
 * scope is a product key or "tenant". A record is learned from configuration ("config"), from a
 * refusal or an answer met in normal use ("learned"), or from a deliberate probe ("probe"). It is
 * kept in the database with the time it was learned and cached in process. A record older than a
 * day is stale: the console may try the thing again (at most daily) and record what it meets.
 */

export type CapabilitySource = "config" | "learned" | "probe";
export const CAPABILITY_SOURCES: readonly CapabilitySource[] = ["config", "learned", "probe"];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

export interface CapabilityRecord {
  scope: string;
  key: string;
  value: JsonValue;
  source: CapabilitySource;
  learnedAt: Date;
}

/** The scope of tenant-wide records (e.g. which variant of a doc-ambiguous path answers). */
export const TENANT_SCOPE = "tenant";

/** Per-product capability keys (boolean values). Tenant-level keys are free-form (e.g. "path.summary"). */
export const PRODUCT_CAPABILITIES = {
  /** GET …/devices/{did}/data (device status/history). */
  historyData: "history.data",
  /** GET …/devices/{did}/cmd (communication log). */
  historyCmd: "history.cmd",
  /** GET …/devices/{did}/online (online/offline timeline). */
  historyOnline: "history.online",
  /** agg_data (aggregated reports). */
  aggData: "agg_data",
  /** Remote control (…/devices/{did}/control). */
  control: "control",
  /** An Open API AppID is associated (GIZWITS_OPENAPI_APPS). */
  openapiAppid: "openapi.appid",
} as const;
export type ProductCapabilityKey = (typeof PRODUCT_CAPABILITIES)[keyof typeof PRODUCT_CAPABILITIES];

/** A record is probed again after this long. */
export const REPROBE_AFTER_MS = 24 * 60 * 60 * 1000;

/** True when the record is older than a day (or missing): the console may try again. */
export function isStale(record: Pick<CapabilityRecord, "learnedAt"> | undefined, now: number = Date.now()): boolean {
  if (!record) return true;
  return now - record.learnedAt.getTime() > REPROBE_AFTER_MS;
}

interface CacheState {
  records: Map<string, CapabilityRecord>;
  loaded: Promise<void> | null;
}
const cache = processSingleton<CacheState>("__consoleCapabilities", () => ({ records: new Map(), loaded: null }));

const cacheKey = (scope: string, key: string) => `${scope}\u0000${key}`;

const asSource = (s: string): CapabilitySource =>
  CAPABILITY_SOURCES.includes(s as CapabilitySource) ? (s as CapabilitySource) : "learned";

function load(): Promise<void> {
  const state = cache.get();
  if (!state.loaded) {
    state.loaded = (async () => {
      const rows = await (await db()).select().from(capabilities);
      for (const r of rows) {
        const rec: CapabilityRecord = {
          scope: r.scope,
          key: r.key,
          value: r.value as JsonValue,
          source: asSource(r.source),
          learnedAt: r.learnedAt,
        };
        // A record written in this process since loading wins over the row read.
        if (!state.records.has(cacheKey(rec.scope, rec.key))) state.records.set(cacheKey(rec.scope, rec.key), rec);
      }
    })().catch((err: unknown) => {
      state.loaded = null;
      throw err;
    });
  }
  return state.loaded;
}

/** The record for (scope, key), or undefined when nothing has been learned. */
export async function getCapability(scope: string, key: string): Promise<CapabilityRecord | undefined> {
  await load();
  return cache.get().records.get(cacheKey(scope, key));
}

/** Stores what was learned (replacing an earlier record) and returns it. */
export async function recordCapability(scope: string, key: string, value: JsonValue, source: CapabilitySource): Promise<CapabilityRecord> {
  await load();
  const rec: CapabilityRecord = { scope, key, value, source, learnedAt: new Date() };
  await (await db())
    .insert(capabilities)
    .values(rec)
    .onConflictDoUpdate({
      target: [capabilities.scope, capabilities.key],
      set: { value: sql`excluded.value`, source: sql`excluded.source`, learnedAt: sql`excluded.learned_at` },
    });
  cache.get().records.set(cacheKey(scope, key), rec);
  return rec;
}

/** Every record, by scope then key. */
export async function listCapabilities(): Promise<CapabilityRecord[]> {
  await load();
  return [...cache.get().records.values()].sort((a, b) => a.scope.localeCompare(b.scope) || a.key.localeCompare(b.key));
}

/**
 * A boolean capability as the console should act on it: `false` only while a fresh record says
 * so (a stale refusal is tried again), otherwise `true` (unknown counts as allowed: the call
 * itself is the probe).
 */
export async function capabilityAllowed(scope: string, key: string, now: number = Date.now()): Promise<boolean> {
  const rec = await getCapability(scope, key);
  if (rec?.value !== false) return true;
  return isStale(rec, now);
}

/**
 * Forgets what was learned for a scope (a product key or "tenant"), so the next use asks the
 * upstream again — for when Gizwits has just enabled something. Returns how many were forgotten.
 */
export async function forgetCapabilities(scope: string): Promise<number> {
  await load();
  const removed = await (await db()).delete(capabilities).where(eq(capabilities.scope, scope)).returning({ key: capabilities.key });
  const records = cache.get().records;
  for (const k of [...records.keys()]) if (k.startsWith(`${scope}\u0000`)) records.delete(k);
  return removed.length;
}

/** Tests only: forgets the in-process cache (the database keeps the records). */
export function resetCapabilityCache(): void {
  cache.reset();
}
