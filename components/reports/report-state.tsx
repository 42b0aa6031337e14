"use client";

import { ApiError } from "@/lib/api-client";
import { useT } from "../i18n";
import { EmptyState } from "../ui/empty-state";
import { ErrorState } from "../ui/lazy-error-state";

export type ReportUnavailable = "notGenerated" | "notAvailable" | "notEnabled";

/**
 * Three refusals are states of the report, not failures: a batch report not computed yet (5014),
 * an endpoint the Gizwits environment lacks (our 404 without an upstream code), and one Gizwits
 * has not enabled for the enterprise (5024 "api deny", 5018 "operation not allowed").
 */
export function reportUnavailable(error: unknown): ReportUnavailable | null {
  if (!(error instanceof ApiError)) return null;
  if (error.upstreamCode === 5014) return "notGenerated";
  if (error.upstreamCode === 5024 || error.upstreamCode === 5018) return "notEnabled";
  if (error.code === "NOT_FOUND" && error.upstreamCode === undefined && error.status === 404) return "notAvailable";
  return null;
}

/** A report's failed read: its unavailable state when it is one, else the usual error with Retry. */
export function ReportError({ error, onRetry, compact }: { error: unknown; onRetry?: () => void; compact?: boolean }) {
  const t = useT("reports");
  const state = reportUnavailable(error);
  if (state === null) return <ErrorState error={error} onRetry={onRetry} compact={compact} />;
  return (
    <div data-report-state={state}>
      <EmptyState compact={compact} title={t(state)} description={t(`${state}Text`)} />
    </div>
  );
}
