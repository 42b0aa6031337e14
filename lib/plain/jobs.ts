// Plain TypeScript, no zod: the job constants and helpers the Jobs pages need in the browser.
// The contract (schemas, routes) is lib/schemas/jobs.ts, which builds its schemas on these and
// re-exports them.
import type { JobSummary } from "../schemas/jobs";

export const JOB_STATES = [
  "draft",
  "running",
  "paused",
  "cancelling",
  "cancelled",
  "stopped_threshold",
  "completed",
  "interrupted",
] as const;
type JobState = (typeof JOB_STATES)[number];

/** States in which a job no longer changes. */
export const FINAL_JOB_STATES: readonly JobState[] = ["cancelled", "stopped_threshold", "completed", "interrupted"];

export function isFinalJobState(s: JobState): boolean {
  return FINAL_JOB_STATES.includes(s);
}

export const JOB_DEVICE_STATES = [
  "pending",
  "sent",
  "confirmed",
  "not_confirmed",
  "failed",
  "skipped_offline",
  "skipped_disabled",
] as const;

/** Most devices a job may target. */
export const MAX_JOB_DEVICES = 20_000;

export const JOB_DEFAULTS = { batchSize: 50, failureThresholdPercent: 10, canaryPercent: 1 } as const;

/** Progress of a job in [0, 1]: devices no longer pending over all devices. */
export function jobProgress(j: Pick<JobSummary, "total" | "counts">): number {
  if (j.total === 0) return 1;
  return (j.total - j.counts.pending) / j.total;
}
