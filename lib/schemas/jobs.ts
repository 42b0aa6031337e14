import { z } from "zod";
import { JOB_DEFAULTS, JOB_DEVICE_STATES, JOB_STATES, MAX_JOB_DEVICES } from "../plain/jobs";
import { controlBodySchema } from "../control";
import { filterEntries } from "../plain/devices";
import { deviceFilterSchema } from "./devices";
import { didSchema, gidSchema, macSchema, productKeySchema } from "./ids";
import { pageFields, pagingQuery } from "./paging";

/**
 * Jobs (issue 13): one command sent to many devices in batches after a canary, with a result per
 * device. Shared by the route handlers (app/api/jobs/**) and the browser. Times are unix ms.
 *
 * Routes (permission: reads "read", writes "control" — ops and admin):
 *   POST /api/jobs/preview                 body JobCreateInput (no Idempotency-Key) → JobPreview; no writes, no commands
 *   POST /api/jobs                         body JobCreateInput, header Idempotency-Key required → JobDetail (201 semantics,
 *                                          answered 200); the same key again answers the same job
 *   GET  /api/jobs?state=&created_by=&product=&page=&page_size=   → JobPage
 *   GET  /api/jobs/[id]                    → JobDetail (summary + batches)
 *   GET  /api/jobs/[id]/devices?state=&page=&page_size=           → JobDevicePage
 *   GET  /api/jobs/[id]/devices/export     → text/csv (every device of the job; state filter allowed)
 *   POST /api/jobs/[id]/pause              → JobDetail   (running → paused; takes effect between devices)
 *   POST /api/jobs/[id]/resume             → JobDetail   (paused → running)
 *   POST /api/jobs/[id]/cancel             → JobDetail   (running/paused/draft → cancelling → cancelled)
 *   POST /api/jobs/[id]/retry-failed       header Idempotency-Key required → JobDetail of a NEW job linked by
 *                                          `retryOf`, over the failed devices of [id] only (never sent/confirmed ones)
 * Every write is audited; the job's device writes are audited once per device ("job.device.control").
 */

/** Job ids are UUIDs. */
export const jobIdSchema = z.string().trim().toLowerCase().uuid("job id: a UUID");

export { FINAL_JOB_STATES, JOB_DEFAULTS, JOB_DEVICE_STATES, JOB_STATES, MAX_JOB_DEVICES, jobProgress } from "../plain/jobs";
export const jobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof jobStateSchema>;
export const jobDeviceStateSchema = z.enum(JOB_DEVICE_STATES);
export type JobDeviceState = z.infer<typeof jobDeviceStateSchema>;

/** How devices were sent: one Open API group control per batch, or one Enterprise control per device. */
export const JOB_PATHS = ["openapi_group", "enterprise"] as const;
export const jobPathSchema = z.enum(JOB_PATHS);
export type JobPath = z.infer<typeof jobPathSchema>;

/** Targets, resolved into the job's device list when the job is created (a search's filters are frozen then). */
export const jobTargetSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("search"), filters: deviceFilterSchema }),
  z.strictObject({ kind: z.literal("group"), gid: gidSchema, includeSubgroups: z.boolean().default(false) }),
  z.strictObject({ kind: z.literal("dids"), dids: z.array(didSchema).min(1).max(MAX_JOB_DEVICES) }),
  z.strictObject({ kind: z.literal("macs"), macs: z.array(macSchema).min(1).max(MAX_JOB_DEVICES) }),
]);
export type JobTarget = z.output<typeof jobTargetSchema>;
export type JobTargetInput = z.input<typeof jobTargetSchema>;

/**
 * A parsed target back in the form jobTargetSchema reads (a search's flags as "1"/"0", as in a
 * URL), so a stored job's target parses again when it is read back.
 */
export function targetInputOf(t: JobTarget): JobTargetInput {
  return t.kind === "search" ? { kind: "search", filters: Object.fromEntries(filterEntries(t.filters)) } : t;
}

/** Body of POST /api/jobs and /api/jobs/preview. `command` is the device control route's body (lib/control.ts). */
export const jobCreateInputSchema = z.strictObject({
  productKey: productKeySchema,
  target: jobTargetSchema,
  command: controlBodySchema,
  batchSize: z.number().int().min(1).max(1000).default(JOB_DEFAULTS.batchSize),
  /** The job stops (stopped_threshold) after a batch when failed / sent attempts exceeds this percent. */
  failureThresholdPercent: z.number().min(0).max(100).default(JOB_DEFAULTS.failureThresholdPercent),
  /** Size of the first batch as a percent of the devices to send to; at least one device. */
  canaryPercent: z.number().min(0).max(100).default(JOB_DEFAULTS.canaryPercent),
});
export type JobCreateInput = z.output<typeof jobCreateInputSchema>;
export type JobCreateInputRaw = z.input<typeof jobCreateInputSchema>;

/** The canary batch's size for `n` devices to send to: `percent` of them, at least one (0 when n is 0). */
export function canarySize(n: number, percent: number): number {
  if (n <= 0) return 0;
  return Math.min(n, Math.max(1, Math.ceil((n * percent) / 100)));
}

/** Answer of POST /api/jobs/preview. */
export const jobPreviewSchema = z.object({
  productKey: z.string(),
  total: z.number().int().nonnegative(),
  online: z.number().int().nonnegative(),
  offline: z.number().int().nonnegative(),
  disabled: z.number().int().nonnegative(),
  /** Devices that will be sent the command (online and not disabled). */
  toSend: z.number().int().nonnegative(),
  /** MACs or dids of the input that the product does not know (not part of the job). */
  notFound: z.array(z.string()),
  /** Canary batch size, then the batch count including the canary. */
  canarySize: z.number().int().nonnegative(),
  batches: z.number().int().nonnegative(),
  /** Path the job would take now: Open API group control when an AppID is configured for the product. */
  path: jobPathSchema,
  /** Upstream calls each path spends (sending + read-back), so the operator can compare. */
  calls: z.object({
    /** Enterprise API: one control call per device plus one status read per sent device. */
    enterprise: z.number().int().nonnegative(),
    /** Open API: per batch, group membership + one group control, plus binds and status reads; null without an AppID. */
    openapi: z.number().int().nonnegative().nullable(),
  }),
  /** Enterprise quota calls the chosen path spends (what the quota governor counts). */
  enterpriseCalls: z.number().int().nonnegative(),
  /** Estimated run time (ms) at a pace that leaves the quota's interactive reserve untouched. */
  estimatedDurationMs: z.number().int().nonnegative(),
  /** Calls per second the job may spend without touching the interactive reserve. */
  pacePerSecond: z.number().nonnegative(),
});
export type JobPreview = z.output<typeof jobPreviewSchema>;

/** Devices per state; every state is present (0 when none). */
export const jobCountsSchema = z.object({
  pending: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  confirmed: z.number().int().nonnegative(),
  not_confirmed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped_offline: z.number().int().nonnegative(),
  skipped_disabled: z.number().int().nonnegative(),
}) satisfies z.ZodType<Record<JobDeviceState, number>>;
export type JobCounts = z.output<typeof jobCountsSchema>;

/** One row of the jobs list. */
export const jobSummarySchema = z.object({
  id: z.string(),
  productKey: z.string(),
  createdBy: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  state: jobStateSchema,
  path: jobPathSchema,
  target: jobTargetSchema,
  command: controlBodySchema,
  batchSize: z.number().int(),
  failureThresholdPercent: z.number(),
  canaryPercent: z.number(),
  /** Devices of the job (every row, skipped ones included). */
  total: z.number().int().nonnegative(),
  counts: jobCountsSchema,
  /** Batches planned (canary included) and finished so far. */
  batchesTotal: z.number().int().nonnegative(),
  batchesDone: z.number().int().nonnegative(),
  /** The job whose failed devices this one retries. */
  retryOf: z.string().nullable(),
  /** Why the job stopped, when it did not complete (threshold, interrupted), in the reader's language. */
  message: z.string().nullable(),
});
export type JobSummary = z.output<typeof jobSummarySchema>;

export const jobBatchSchema = z.object({
  number: z.number().int().nonnegative(),
  /** Batch 0 is the canary. */
  canary: z.boolean(),
  size: z.number().int().nonnegative(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
});
export type JobBatch = z.output<typeof jobBatchSchema>;

/** Answer of GET /api/jobs/[id] and of every write on a job. */
export const jobDetailSchema = jobSummarySchema.extend({ batches: z.array(jobBatchSchema) });
export type JobDetail = z.output<typeof jobDetailSchema>;

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Filters of GET /api/jobs (URL search params); `created_by` is an account id. */
export const jobListFilterSchema = z.object({
  state: z.preprocess(emptyToUndefined, jobStateSchema.optional()),
  created_by: z.preprocess(emptyToUndefined, z.string().trim().toLowerCase().uuid().optional()),
  product: z.preprocess(emptyToUndefined, productKeySchema.optional()),
});
export const jobListQuerySchema = jobListFilterSchema.extend(pagingQuery({ sizes: [20, 50, 100], fallback: 20 }).shape);
export type JobListQuery = z.output<typeof jobListQuerySchema>;

export const jobPageSchema = z.object({ items: z.array(jobSummarySchema), ...pageFields });
export type JobPage = z.output<typeof jobPageSchema>;

/** One device of a job. */
export const jobDeviceSchema = z.object({
  did: z.string(),
  mac: z.string(),
  state: jobDeviceStateSchema,
  /** Upstream or console error text (failed), or why a read-back did not confirm. */
  error: z.string().nullable(),
  /** Batch number (0 = canary); null for skipped devices and devices not yet planned. */
  batch: z.number().int().nonnegative().nullable(),
  sentAt: z.number().nullable(),
  confirmedAt: z.number().nullable(),
});
export type JobDevice = z.output<typeof jobDeviceSchema>;

export const jobDevicesQuerySchema = z
  .object({ state: z.preprocess(emptyToUndefined, jobDeviceStateSchema.optional()) })
  .extend(pagingQuery({ max: 500, fallback: 50 }).shape);
export type JobDevicesQuery = z.output<typeof jobDevicesQuerySchema>;

export const jobDevicePageSchema = z.object({ items: z.array(jobDeviceSchema), ...pageFields });
export type JobDevicePage = z.output<typeof jobDevicePageSchema>;
