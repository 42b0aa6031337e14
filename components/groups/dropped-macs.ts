"use client";

import { normalizeMac } from "@/lib/mac";
import { readDeviceFilter } from "@/lib/plain/devices";
import { searchMacs } from "@/lib/queries/groups";
import type { DeviceFilter } from "@/lib/schemas/devices";

// Drops are read by hand (no zod in the browser): the dragged rows' MACs, or the dragged search.
const MAX_DROPPED_MACS = 100_000;
function filterPayload(value: unknown): { productKey: string; filter: DeviceFilter } | null {
  if (typeof value !== "object" || value === null) return null;
  const { productKey, filter, total } = value as Record<string, unknown>;
  if (typeof productKey !== "string" || typeof total !== "number") return null;
  const f = readDeviceFilter(filter);
  return f ? { productKey, filter: f } : null;
}

/** What a drop carried, read from its DataTransfer during the drop event (it is empty afterwards). */
export interface DropData {
  /** The FILTER_MIME item: a dragged search. */
  filter: string;
  /** The MACS_MIME item: dragged rows. */
  macs: string;
}

/** The MACs a drop carries: the dragged rows, or every result of the dragged search. */
export async function droppedMacs(productKey: string, data: DropData): Promise<string[]> {
  const filterRaw = data.filter;
  if (filterRaw) {
    const f = filterPayload(JSON.parse(filterRaw));
    if (f && f.productKey === productKey) return (await searchMacs(productKey, f.filter)).macs;
  }
  const raw = data.macs;
  if (!raw) return [];
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed) || parsed.length > MAX_DROPPED_MACS || !parsed.every((m): m is string => typeof m === "string")) return [];
  return [...new Set(parsed.map((m) => normalizeMac(m)).filter((m): m is string => m !== null))];
}
