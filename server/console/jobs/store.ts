import "server-only";
import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Locale, LocalizedText } from "@/lib/i18n/core";
import { controlBodySchema, type ControlBodyInput } from "@/lib/control";
import {
  JOB_DEVICE_STATES,
  jobPathSchema,
  jobStateSchema,
  jobTargetSchema,
  targetInputOf,
  type JobBatch,
  type JobCounts,
  type JobDetail,
  type JobDevice,
  type JobDeviceState,
  type JobListQuery,
  type JobPage,
  type JobPath,
  type JobState,
  type JobSummary,
  type JobTarget,
  type JobDevicePage,
} from "@/lib/schemas/jobs";
import type { SessionUser } from "@/server/auth/session";
import { db, jobBatches, jobDevices, jobs } from "@/server/db";
import { errors } from "@/server/errors";
import { controlCommandSchema, type ControlCommand } from "@/server/gizwits/control";
import { serverText } from "@/server/text";
import { planBatches } from "./plan";
import type { TargetDevice } from "./targets";

/** A device row's state in the database: the DTO states plus `sending` (claimed, command on its way). */
export type StoredDeviceState = JobDeviceState | "sending";

export type JobRow = typeof jobs.$inferSelect;

const localizedSchema = z.object({ en: z.string(), "zh-CN": z.string() });

/** Texts (errors, job messages) are stored in both languages and shown in the reader's. */
export function storeText(t: LocalizedText): string {
  return JSON.stringify({ en: t.en, "zh-CN": t["zh-CN"] });
}
export function readText(s: string | null, locale: Locale): string | null {
  if (s === null) return null;
  try {
    const t = localizedSchema.parse(JSON.parse(s));
    return t[locale];
  } catch {
    return s;
  }
}

export const jobNotFound = (id: string) => errors.notFound(serverText("jobNotFound", { id }));

export interface NewJob {
  id: string;
  productKey: string;
  user: SessionUser;
  path: JobPath;
  target: JobTarget;
  command: ControlBodyInput;
  sendCommand: ControlCommand;
  batchSize: number;
  failureThresholdPercent: number;
  canaryPercent: number;
  retryOf: string | null;
  devices: readonly TargetDevice[];
}

const CHUNK = 500;

/**
 * Writes a job with one row per device: offline and disabled devices are skipped at once, the
 * others are pending and planned into batches (canary first). A job with nothing to send is
 * complete from the start.
 */
export async function insertJob(j: NewJob): Promise<void> {
  const d = await db();
  const toSend = j.devices.filter((x) => x.online && !x.disabled);
  const sizes = planBatches(toSend.length, j.canaryPercent, j.batchSize);
  const batchOf: number[] = [];
  sizes.forEach((size, b) => {
    for (let k = 0; k < size; k++) batchOf.push(b);
  });
  const now = new Date();
  const sendIndex = new Map(toSend.map((x, i) => [x.did, i]));
  const rows = j.devices.map((x, seq) => {
    const i = sendIndex.get(x.did);
    const state: StoredDeviceState = x.disabled ? "skipped_disabled" : !x.online ? "skipped_offline" : "pending";
    return { jobId: j.id, did: x.did, mac: x.mac, seq, state, batch: i === undefined ? null : batchOf[i]! };
  });
  await d.transaction(async (tx) => {
    await tx.insert(jobs).values({
      id: j.id,
      productKey: j.productKey,
      createdById: j.user.id,
      createdByName: j.user.name || j.user.username,
      createdAt: now,
      startedAt: now,
      finishedAt: toSend.length === 0 ? now : null,
      state: toSend.length === 0 ? "completed" : "running",
      path: j.path,
      // The input form: the stored target is parsed again whenever the job is read.
      target: targetInputOf(j.target),
      command: j.command,
      sendCommand: j.sendCommand,
      batchSize: j.batchSize,
      failureThresholdPercent: j.failureThresholdPercent,
      canaryPercent: j.canaryPercent,
      batchesTotal: sizes.length,
      retryOf: j.retryOf,
    });
    for (let k = 0; k < rows.length; k += CHUNK) await tx.insert(jobDevices).values(rows.slice(k, k + CHUNK));
    if (sizes.length > 0) await tx.insert(jobBatches).values(sizes.map((size, number) => ({ jobId: j.id, number, size })));
  });
}

export async function jobRow(id: string): Promise<JobRow | null> {
  const d = await db();
  const [row] = await d.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return row ?? null;
}

export function jobState(row: Pick<JobRow, "state">): JobState {
  return jobStateSchema.catch("interrupted").parse(row.state);
}

/** Devices per DTO state (a `sending` device shows as sent). */
async function countsOf(ids: readonly string[]): Promise<Map<string, JobCounts>> {
  const out = new Map<string, JobCounts>();
  if (ids.length === 0) return out;
  const d = await db();
  const rows = await d
    .select({ jobId: jobDevices.jobId, state: jobDevices.state, n: count() })
    .from(jobDevices)
    .where(inArray(jobDevices.jobId, [...ids]))
    .groupBy(jobDevices.jobId, jobDevices.state);
  for (const id of ids) out.set(id, Object.fromEntries(JOB_DEVICE_STATES.map((s) => [s, 0])) as JobCounts);
  for (const r of rows) {
    const c = out.get(r.jobId)!;
    const s = (r.state === "sending" ? "sent" : r.state) as JobDeviceState;
    if (s in c) c[s] += r.n;
  }
  return out;
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

function summaryOf(row: JobRow, counts: JobCounts, batchesDone: number, locale: Locale): JobSummary {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    id: row.id,
    productKey: row.productKey,
    createdBy: { id: row.createdById, name: row.createdByName },
    createdAt: row.createdAt.getTime(),
    startedAt: ms(row.startedAt),
    finishedAt: ms(row.finishedAt),
    state: jobState(row),
    path: jobPathSchema.catch("enterprise").parse(row.path),
    target: jobTargetSchema.parse(row.target),
    command: controlBodySchema.parse(row.command),
    batchSize: row.batchSize,
    failureThresholdPercent: row.failureThresholdPercent,
    canaryPercent: row.canaryPercent,
    total,
    counts,
    batchesTotal: row.batchesTotal,
    batchesDone,
    retryOf: row.retryOf,
    message: readText(row.message, locale),
  };
}

async function batchesDone(ids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (ids.length === 0) return out;
  const d = await db();
  const rows = await d
    .select({ jobId: jobBatches.jobId, finishedAt: jobBatches.finishedAt })
    .from(jobBatches)
    .where(inArray(jobBatches.jobId, [...ids]));
  for (const r of rows) if (r.finishedAt) out.set(r.jobId, (out.get(r.jobId) ?? 0) + 1);
  return out;
}

export async function jobDetail(id: string, locale: Locale): Promise<JobDetail> {
  const row = await jobRow(id);
  if (!row) throw jobNotFound(id);
  const d = await db();
  const [counts, done, batches] = await Promise.all([
    countsOf([id]),
    batchesDone([id]),
    d.select().from(jobBatches).where(eq(jobBatches.jobId, id)).orderBy(asc(jobBatches.number)),
  ]);
  const list: JobBatch[] = batches.map((b) => ({
    number: b.number,
    canary: b.number === 0,
    size: b.size,
    startedAt: ms(b.startedAt),
    finishedAt: ms(b.finishedAt),
    durationMs: b.startedAt && b.finishedAt ? Math.max(0, b.finishedAt.getTime() - b.startedAt.getTime()) : null,
  }));
  return { ...summaryOf(row, counts.get(id)!, done.get(id) ?? 0, locale), batches: list };
}

export async function listJobs(q: JobListQuery, locale: Locale): Promise<JobPage> {
  const d = await db();
  const conds: SQL[] = [];
  if (q.state) conds.push(eq(jobs.state, q.state));
  if (q.created_by) conds.push(eq(jobs.createdById, q.created_by));
  if (q.product) conds.push(eq(jobs.productKey, q.product));
  const where = conds.length ? and(...conds) : undefined;
  const [rows, totals] = await Promise.all([
    d
      .select()
      .from(jobs)
      .where(where)
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(q.page_size)
      .offset((q.page - 1) * q.page_size),
    d.select({ n: count() }).from(jobs).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const [counts, done] = await Promise.all([countsOf(ids), batchesDone(ids)]);
  return {
    items: rows.map((r) => summaryOf(r, counts.get(r.id)!, done.get(r.id) ?? 0, locale)),
    total: totals[0]?.n ?? 0,
    page: q.page,
    pageSize: q.page_size,
  };
}

type DeviceRow = typeof jobDevices.$inferSelect;

function deviceOf(r: DeviceRow, locale: Locale): JobDevice {
  return {
    did: r.did,
    mac: r.mac,
    state: (r.state === "sending" ? "sent" : r.state) as JobDeviceState,
    error: readText(r.error, locale),
    batch: r.batch,
    sentAt: ms(r.sentAt),
    confirmedAt: ms(r.confirmedAt),
  };
}

function deviceStateFilter(state: JobDeviceState | undefined): SQL | undefined {
  if (!state) return undefined;
  return state === "sent" ? inArray(jobDevices.state, ["sent", "sending"]) : eq(jobDevices.state, state);
}

export async function listJobDevices(
  id: string,
  q: { state?: JobDeviceState; page: number; page_size: number },
  locale: Locale,
): Promise<JobDevicePage> {
  if (!(await jobRow(id))) throw jobNotFound(id);
  const d = await db();
  const where = and(eq(jobDevices.jobId, id), deviceStateFilter(q.state));
  const [rows, totals] = await Promise.all([
    d
      .select()
      .from(jobDevices)
      .where(where)
      .orderBy(asc(jobDevices.seq))
      .limit(q.page_size)
      .offset((q.page - 1) * q.page_size),
    d.select({ n: count() }).from(jobDevices).where(where),
  ]);
  return { items: rows.map((r) => deviceOf(r, locale)), total: totals[0]?.n ?? 0, page: q.page, pageSize: q.page_size };
}

/** Every device of a job in order, read in batches (the CSV export). */
export async function* iterateJobDevices(id: string, state: JobDeviceState | undefined, locale: Locale): AsyncGenerator<JobDevice> {
  const d = await db();
  for (let offset = 0; ; offset += CHUNK) {
    const rows = await d
      .select()
      .from(jobDevices)
      .where(and(eq(jobDevices.jobId, id), deviceStateFilter(state)))
      .orderBy(asc(jobDevices.seq))
      .limit(CHUNK)
      .offset(offset);
    for (const r of rows) yield deviceOf(r, locale);
    if (rows.length < CHUNK) return;
  }
}

/** The dids of a job's failed devices (retry). */
export async function failedDevices(id: string): Promise<{ did: string; mac: string }[]> {
  const d = await db();
  return d
    .select({ did: jobDevices.did, mac: jobDevices.mac })
    .from(jobDevices)
    .where(and(eq(jobDevices.jobId, id), eq(jobDevices.state, "failed")))
    .orderBy(asc(jobDevices.seq));
}

/**
 * Moves a job from one of `from` to `to` (atomic; false when it was in another state). Final
 * states stamp `finished_at` and drop the lease.
 */
export async function transition(id: string, from: readonly JobState[], to: JobState, message?: LocalizedText): Promise<boolean> {
  const d = await db();
  const final = to === "cancelled" || to === "completed" || to === "stopped_threshold" || to === "interrupted";
  const rows = await d
    .update(jobs)
    .set({
      state: to,
      updatedAt: new Date(),
      ...(message ? { message: storeText(message) } : {}),
      ...(final ? { finishedAt: new Date(), leaseOwner: null, leaseUntil: null } : {}),
    })
    .where(and(eq(jobs.id, id), inArray(jobs.state, [...from])))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export function parseSendCommand(row: JobRow): ControlCommand {
  return controlCommandSchema.parse(row.sendCommand);
}
