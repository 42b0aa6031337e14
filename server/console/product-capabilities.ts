import "server-only";
import type { ProductCapabilities } from "@/lib/schemas/capabilities";
import { env } from "@/server/env";
import { openApiAppidFor } from "@/server/openapi/service-user";
import { AppError } from "@/server/errors";
import { serverText } from "@/server/text";
import {
  type CapabilityRecord,
  capabilityAllowed,
  getCapability,
  isStale,
  listCapabilities,
  PRODUCT_CAPABILITIES,
  type ProductCapabilityKey,
  recordCapability,
} from "./capabilities";

/*
 * The per-product capabilities of issue 12, learned from what the upstream answers:
 * - a refusal code (5024 for the history logs and agg_data, 5404 for control) records `false`;
 * - an answer records `true` (written only when it changes or the record is a day old);
 * - the Open API AppID comes from configuration (GIZWITS_APPIDS).
 * A fresh `false` for a history log is not asked again for a day: the console answers the
 * explanation (NOT_ENABLED) instead of spending a call on a known refusal. A day later the next
 * read is the probe.
 */

export type HistoryLog = "data" | "cmd" | "online";
export const HISTORY_CAPABILITY: Record<HistoryLog, ProductCapabilityKey> = {
  data: PRODUCT_CAPABILITIES.historyData,
  cmd: PRODUCT_CAPABILITIES.historyCmd,
  online: PRODUCT_CAPABILITIES.historyOnline,
};

/** Upstream codes that mean "not enabled for this product" per capability. */
const REFUSALS: Partial<Record<ProductCapabilityKey, readonly number[]>> = {
  [PRODUCT_CAPABILITIES.historyData]: [5024],
  [PRODUCT_CAPABILITIES.historyCmd]: [5024],
  [PRODUCT_CAPABILITIES.historyOnline]: [5024],
  [PRODUCT_CAPABILITIES.aggData]: [5018, 5024],
  [PRODUCT_CAPABILITIES.control]: [5404],
};

const LOG_TEXT = { data: "historyLogData", cmd: "historyLogCmd", online: "historyLogOnline" } as const;

/** The plain explanation of a capability gap: what is missing and what to ask Gizwits for. */
export function notEnabled(pk: string, key: ProductCapabilityKey, upstreamCode?: number): AppError {
  const log = (Object.keys(HISTORY_CAPABILITY) as HistoryLog[]).find((l) => HISTORY_CAPABILITY[l] === key);
  const text = log
    ? (() => {
        const name = serverText(LOG_TEXT[log]);
        const en = serverText("notEnabledHistory", { pk, log: name.en });
        const zh = serverText("notEnabledHistory", { pk, log: name["zh-CN"] });
        return { en: en.en, "zh-CN": zh["zh-CN"] };
      })()
    : key === PRODUCT_CAPABILITIES.aggData
      ? serverText("notEnabledAgg", { pk })
      : serverText("notEnabledControl", { pk });
  return new AppError("NOT_ENABLED", text, { upstreamCode });
}

/** Records without letting a database hiccup turn a served read into an error. */
async function remember(pk: string, key: ProductCapabilityKey, value: boolean): Promise<void> {
  try {
    const rec = await getCapability(pk, key);
    if (rec?.value === value && rec.source === "learned" && !isStale(rec)) return;
    await recordCapability(pk, key, value, "learned");
  } catch {
    // The record is a cache of what the upstream says; the next call learns it again.
  }
}

/**
 * Runs an upstream call that needs `key`, learning from its answer. `gate`: refuse without
 * calling while a fresh record says the capability is off (history logs, agg_data). Control is
 * never gated (a write is the operator's explicit act, and Gizwits may have switched it on).
 */
export async function withCapability<T>(
  pk: string,
  key: ProductCapabilityKey,
  call: () => Promise<T>,
  opts: { gate?: boolean } = {},
): Promise<T> {
  if (opts.gate !== false && !(await capabilityAllowed(pk, key).catch(() => true))) throw notEnabled(pk, key);
  let out: T;
  try {
    out = await call();
  } catch (e) {
    if (e instanceof AppError && e.upstreamCode !== undefined && REFUSALS[key]?.includes(e.upstreamCode)) {
      await remember(pk, key, false);
      throw notEnabled(pk, key, e.upstreamCode);
    }
    throw e;
  }
  await remember(pk, key, true);
  return out;
}

/**
 * Learns from a call without changing its outcome: its answer records `true`, a refusal code
 * `false`, and the original result or error passes through (control, agg_data).
 */
export async function observeCapability<T>(pk: string, key: ProductCapabilityKey, call: () => Promise<T>): Promise<T> {
  try {
    const out = await call();
    await remember(pk, key, true);
    return out;
  } catch (e) {
    if (e instanceof AppError && e.upstreamCode !== undefined && REFUSALS[key]?.includes(e.upstreamCode)) await remember(pk, key, false);
    throw e;
  }
}

/** The AppID the Open API is used with for a product (openApiAppidFor), or null when none is configured. */
export function openApiAppidConfigured(pk: string): string | null {
  try {
    return openApiAppidFor(pk);
  } catch (e) {
    if (e instanceof AppError) return null;
    throw e;
  }
}

/** Records configuration-derived capabilities (the AppID) when they changed or are a day old. */
async function recordConfig(pk: string): Promise<void> {
  const value = openApiAppidConfigured(pk) !== null;
  const rec = await getCapability(pk, PRODUCT_CAPABILITIES.openapiAppid);
  if (rec?.value !== value || isStale(rec)) await recordCapability(pk, PRODUCT_CAPABILITIES.openapiAppid, value, "config");
}

const toDto = (r: CapabilityRecord | undefined) =>
  r ? { value: r.value, source: r.source, learnedAt: r.learnedAt.getTime(), stale: isStale(r) } : null;

/** Every configured product's capability record, plus tenant-wide records, for the settings page. */
export async function productCapabilities(): Promise<ProductCapabilities> {
  const products = env().GIZWITS_PRODUCTS.map((p) => p.productKey);
  for (const pk of products) await recordConfig(pk);
  const all = await listCapabilities();
  const keys = Object.values(PRODUCT_CAPABILITIES);
  return {
    products: products.map((pk) => ({
      productKey: pk,
      capabilities: keys.map((key) => ({ key, record: toDto(all.find((r) => r.scope === pk && r.key === key)) })),
    })),
    tenant: all.filter((r) => r.scope === "tenant").map((r) => ({ key: r.key, record: toDto(r) })),
  };
}
