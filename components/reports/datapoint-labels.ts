"use client";

import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Locale } from "@/lib/i18n/core";
import { datapointsOptions } from "@/lib/queries/device-detail";

/**
 * Display names of the product's datapoints for the per-datapoint counters of fault/alert events.
 * Gizwits names them in the product's own language; identifiers stay the fallback.
 */
export function useProductDatapoints(productKey: string, locale: Locale): Record<string, string> {
  const q = useQuery(datapointsOptions(productKey));
  return useMemo(() => {
    const out: Record<string, string> = {};
    // Display names are often Chinese only; English readers get the identifier, which is English.
    for (const dp of q.data?.datapoints ?? []) out[dp.name] = locale === "en" && /[^ -~]/.test(dp.display_name) ? dp.name : dp.display_name;
    return out;
  }, [q.data, locale]);
}

export function datapointLabel(labels: Readonly<Record<string, string>>, name: string): string {
  return labels[name] ?? name;
}
