import "server-only";
import type { z } from "zod";

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

/**
 * How long each kind of upstream read stays fresh. Every read costs one call of a budget shared
 * by all operators, so anything that cannot change (closed history windows, closed report
 * periods) is kept long and anything live is kept just long enough to absorb a burst of
 * identical page loads.
 */
export const TTL = {
  /** /datapoint: product definition, changes only when the product is re-published. */
  datapoint: 1 * HOUR,
  /**
   * Open API /app/devdata/{did}/latest (the Status tab): live values, so only a few seconds —
   * enough that a device page's polling and several operators viewing the same device cost one
   * call, short enough to still read as live. A control invalidates it and the control read-back
   * (`fresh`) never reads it.
   */
  deviceLatest: 5 * SEC,
  /** /devices?mac= and /device_detail: online state matters to operators. */
  deviceDetail: 30 * SEC,
  /** /devices/search: lists shown while operators filter and page. */
  deviceSearch: 15 * SEC,
  /** online/cmd/data and agg_data windows that end before now − HISTORY_SETTLE_MS: immutable. */
  historyClosed: 30 * MIN,
  /** …windows still open: new records keep arriving. */
  historyOpen: 15 * SEC,
  /** Report periods that are over (yesterday and earlier; T+1 batch reports). */
  reportClosed: 6 * HOUR,
  /** Report periods that include today, and the daily overview. */
  reportCurrent: 5 * MIN,
  /** Real-time reports: /devices/locations and /devices/report/rt. */
  reportRealtime: 1 * MIN,
  /** /device_groups tree and a group's MACs. */
  groups: 30 * SEC,
  /** Registered and bound user searches. */
  users: 30 * SEC,
} as const;

/** History records may land a little late; a window counts as closed this long after its end. */
export const HISTORY_SETTLE_MS = 5 * MIN;

/**
 * Stale entries are kept this long past their TTL so that, when the quota is spent or Gizwits is
 * down, a labelled stale answer can be served instead of an error. Quota windows are one hour.
 */
export const STALE_KEEP_MS = 2 * HOUR;

export type QueryValue = string | number | boolean | null | undefined;

/** Query values as Gizwits expects them: booleans as 1/0, empty values dropped, keys sorted. */
export function normalizeQuery(query: Record<string, QueryValue> | undefined): [string, string][] {
  if (!query) return [];
  return Object.entries(query)
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== null && e[1] !== "")
    .map(([k, v]): [string, string] => [k, typeof v === "boolean" ? (v ? "1" : "0") : String(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function cacheKey(productKey: string | undefined, method: string, path: string, query: [string, string][]): string {
  return `${productKey ?? "-"} ${method} ${path}?${new URLSearchParams(query).toString()}`;
}

/** Invalidation tags; reads carry them, writes name the ones they change. */
export const tags = {
  product: (pk: string) => `product:${pk}`,
  devices: (pk: string) => `devices:${pk}`,
  device: (pk: string, did: string) => `device:${pk}:${did}`,
  deviceMac: (pk: string, mac: string) => `device-mac:${pk}:${mac.toLowerCase()}`,
  groups: (pk: string) => `groups:${pk}`,
  group: (pk: string, gid: string) => `group:${pk}:${gid}`,
  bindings: (pk: string) => `bindings:${pk}`,
  users: (pk: string) => `users:${pk}`,
  reports: (pk: string) => `reports:${pk}`,
};

/**
 * The parsed (schema-validated) value of a cache entry, memoized per entry object and schema: a
 * hit of the in-memory store returns the same entry object every time, so its answer is parsed
 * once instead of on every hit (a Redis hit is a new object each time and is parsed each time).
 * Callers share the memoized value, so it is deep-frozen: a caller that changed it would change
 * every later answer, and in strict mode (all modules) such a write throws instead.
 */
const parsedEntries = new WeakMap<object, Map<z.ZodType, unknown>>();

export function parsedEntry<T>(entry: { readonly value: unknown }, schema: z.ZodType<T>, parse: (value: unknown) => T): T {
  let bySchema = parsedEntries.get(entry);
  if (bySchema?.has(schema)) return bySchema.get(schema) as T;
  const value = deepFreeze(parse(entry.value));
  if (!bySchema) parsedEntries.set(entry, (bySchema = new Map()));
  bySchema.set(schema, value);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}
