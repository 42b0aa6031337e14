import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, min, or, sql } from "drizzle-orm";
import { isConfirmed } from "@/lib/control";
import type { LocalizedText } from "@/lib/i18n/core";
import type { Datapoint } from "@/lib/schemas/datapoints";
import { roleSchema } from "@/lib/roles";
import { audited } from "@/server/audit";
import type { SessionUser } from "@/server/auth/session";
import { accounts, db, jobBatches, jobDevices, jobs } from "@/server/db";
import { AppError } from "@/server/errors";
import { tags } from "@/server/gizwits/cache";
import { controlDevice, type ControlCommand } from "@/server/gizwits/control";
import { getProduct } from "@/server/gizwits/products";
import { quotaStatus } from "@/server/gizwits/quota";
import { addAppGroupDevices, controlAppGroup, listAppGroupDevices, removeAppGroupDevices } from "@/server/openapi/groups";
import { bindToServiceUser, serviceCaller } from "@/server/openapi/service-user";
import { processSingleton } from "@/server/process-singleton";
import { serverText } from "@/server/text";
import { readLiveStatus } from "../live-status";
import { openApiAppidConfigured } from "../product-capabilities";
import { jobAppGroup, serviceUserBoundDids } from "./app-group";
import { thresholdExceeded } from "./plan";
import { jobRow, jobState, parseSendCommand, storeText, transition, type JobRow, type StoredDeviceState } from "./store";

/**
 * The job runner: runs jobs in the server process, in the background, one batch after another.
 *
 * - One runner per job across processes: a job is run only under its lease (jobs.lease_owner,
 *   lease_until), renewed before every device; a lapsed lease can be taken over.
 * - Exactly once per device: a device is claimed (`pending` → `sending`, with the idempotency key
 *   job id + did) by an atomic conditional update, audited, then sent. A device found `sending`
 *   when a runner takes a job over was being sent when the previous runner stopped: it is never
 *   sent again, only read back (confirmed or not_confirmed).
 * - Sends are never retried. The Enterprise path keeps the quota's interactive reserve: before a
 *   metered call it waits while only the reserve is left.
 */

const ACTIVE_STATES = ["running", "cancelling"] as const;
const READ_CONCURRENCY = 4;

class Aborted extends Error {}

export interface RunnerOptions {
  /** How long a lease lasts without renewal (default 30 s). */
  leaseMs?: number;
  /** How often the runner looks for jobs whose lease lapsed (0: never; default 15 s). */
  sweepMs?: number;
  /**
   * How long after a batch is sent its devices are read back (default 1 s). A device reports its
   * new values a moment after it takes the command; a read at once finds the old ones and would
   * call a good send "not confirmed".
   */
  readBackSettleMs?: number;
}

interface JobContext {
  row: JobRow;
  user: SessionUser;
  command: ControlCommand;
  datapoints: Datapoint[];
  openApi: boolean;
  /** Dids bound to the service user (Open API path), read once per run. */
  bound: Set<string> | null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function errorText(err: unknown): LocalizedText {
  if (err instanceof AppError) return err.text;
  return serverText("internal");
}

export class JobRunner {
  readonly id = randomUUID();
  readonly leaseMs: number;
  private readonly readBackSettleMs: number;
  private readonly active = new Map<string, Promise<void>>();
  private aborted = false;
  private sweepTimer: ReturnType<typeof setInterval> | null = null;

  constructor(opts: RunnerOptions = {}) {
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.readBackSettleMs = opts.readBackSettleMs ?? 1_000;
    const sweepMs = opts.sweepMs ?? 15_000;
    if (sweepMs > 0) {
      this.sweepTimer = setInterval(() => void this.resumeAll().catch(() => {}), sweepMs);
      this.sweepTimer.unref?.();
    }
  }

  /** Stops at once, like a crashed process: nothing more is written or sent; leases lapse on their own. */
  abort(): void {
    this.aborted = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
  }

  /** Resolves when every job this runner is running has stopped (completed, paused, lost or aborted). */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active.values()]);
  }

  running(jobId: string): boolean {
    return this.active.has(jobId);
  }

  private guard(): void {
    if (this.aborted) throw new Aborted();
  }

  /** Starts running the job here if its lease can be taken; true when this runner runs it. */
  async kick(jobId: string): Promise<boolean> {
    if (this.aborted) return false;
    if (this.active.has(jobId)) return true;
    if (!(await this.acquire(jobId))) return false;
    if (this.active.has(jobId)) return true;
    const p = this.run(jobId)
      .catch(async (err: unknown) => {
        if (err instanceof Aborted) return;
        console.error(`[console] job ${jobId} stopped:`, err instanceof Error ? err.message : String(err));
        // It cannot go on here; sending devices stay as they are (never re-sent).
        await transition(
          jobId,
          ["running", "cancelling"],
          "interrupted",
          serverText("jobInterrupted", { reason: errorText(err).en }),
        ).catch(() => {});
      })
      .finally(() => this.active.delete(jobId));
    this.active.set(jobId, p);
    return true;
  }

  /** Takes over every active job whose lease is free or lapsed (start-up, and periodically). */
  async resumeAll(): Promise<string[]> {
    if (this.aborted) return [];
    const d = await db();
    const rows = await d
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(inArray(jobs.state, [...ACTIVE_STATES]), or(isNull(jobs.leaseOwner), lt(jobs.leaseUntil, new Date()))));
    const taken: string[] = [];
    for (const r of rows) if (await this.kick(r.id)) taken.push(r.id);
    return taken;
  }

  private async acquire(jobId: string): Promise<boolean> {
    const d = await db();
    const now = new Date();
    const rows = await d
      .update(jobs)
      .set({ leaseOwner: this.id, leaseUntil: new Date(now.getTime() + this.leaseMs) })
      .where(
        and(
          eq(jobs.id, jobId),
          inArray(jobs.state, [...ACTIVE_STATES]),
          or(isNull(jobs.leaseOwner), eq(jobs.leaseOwner, this.id), lt(jobs.leaseUntil, now)),
        ),
      )
      .returning({ id: jobs.id });
    return rows.length > 0;
  }

  /** Renews the lease; the job's state, or null when the lease was lost (another runner has the job). */
  private async renew(jobId: string): Promise<JobRow | null> {
    this.guard();
    const d = await db();
    const [row] = await d
      .update(jobs)
      .set({ leaseUntil: new Date(Date.now() + this.leaseMs) })
      .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, this.id)))
      .returning();
    return row ?? null;
  }

  private async release(jobId: string): Promise<void> {
    this.guard();
    const d = await db();
    await d
      .update(jobs)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, this.id)));
  }

  private async setDevice(
    jobId: string,
    did: string,
    from: readonly StoredDeviceState[],
    to: StoredDeviceState,
    extra: { error?: LocalizedText | null; sentAt?: Date; confirmedAt?: Date; idemKey?: string } = {},
  ): Promise<boolean> {
    this.guard();
    const d = await db();
    const rows = await d
      .update(jobDevices)
      .set({
        state: to,
        ...(extra.error !== undefined ? { error: extra.error === null ? null : storeText(extra.error) } : {}),
        ...(extra.sentAt ? { sentAt: extra.sentAt } : {}),
        ...(extra.confirmedAt ? { confirmedAt: extra.confirmedAt } : {}),
        ...(extra.idemKey ? { idemKey: extra.idemKey } : {}),
      })
      .where(and(eq(jobDevices.jobId, jobId), eq(jobDevices.did, did), inArray(jobDevices.state, [...from])))
      .returning({ did: jobDevices.did });
    return rows.length > 0;
  }

  private async context(row: JobRow): Promise<JobContext | LocalizedText> {
    const d = await db();
    const [acct] = await d
      .select()
      .from(accounts)
      .where(eq(accounts.id, row.createdById ?? ""))
      .limit(1);
    const user: SessionUser = acct
      ? { id: acct.id, username: acct.username, name: acct.name, role: roleSchema.catch("ops").parse(acct.role) }
      : { id: row.createdById ?? "", username: row.createdByName, name: row.createdByName, role: "ops" };
    let command: ControlCommand;
    try {
      command = parseSendCommand(row);
    } catch {
      return serverText("internal");
    }
    let datapoints: Datapoint[] = [];
    if ("attrs" in command) {
      try {
        datapoints = (await getProduct(row.productKey)).datapoints ?? [];
      } catch (err) {
        return errorText(err);
      }
    }
    const openApi = row.path === "openapi_group";
    if (openApi && !openApiAppidConfigured(row.productKey)) return serverText("openApiNoAppid", { pk: row.productKey });
    return { row, user, command, datapoints, openApi, bound: null };
  }

  private async run(jobId: string): Promise<void> {
    const first = await jobRow(jobId);
    if (!first) return;
    const ctx = await this.context(first);
    if (!("row" in ctx)) {
      this.guard();
      await transition(jobId, ["running", "paused", "cancelling"], "interrupted", serverText("jobInterrupted", { reason: ctx.en }));
      return;
    }
    await this.recover(ctx);
    for (;;) {
      const row = await this.renew(jobId);
      if (!row) return;
      const state = jobState(row);
      if (state === "cancelling") {
        this.guard();
        await transition(jobId, ["cancelling"], "cancelled");
        return;
      }
      if (state !== "running") {
        await this.release(jobId);
        return;
      }
      const batch = await this.nextBatch(jobId);
      if (batch === null) {
        // Devices sent before a stop may still wait for their read-back.
        await this.confirm(ctx, null);
        this.guard();
        await transition(jobId, ["running"], "completed");
        return;
      }
      await this.markBatch(jobId, batch, "start");
      const finished = ctx.openApi ? await this.groupBatch(ctx, batch) : await this.enterpriseBatch(ctx, batch);
      if (!finished) continue;
      await this.confirm(ctx, batch);
      await this.markBatch(jobId, batch, "finish");
      const c = await this.tally(jobId);
      if (thresholdExceeded(c.failed, c.attempted, ctx.row.failureThresholdPercent)) {
        this.guard();
        await transition(
          jobId,
          ["running", "paused"],
          "stopped_threshold",
          serverText("jobThresholdStopped", { failed: c.failed, attempted: c.attempted, threshold: ctx.row.failureThresholdPercent }),
        );
        return;
      }
    }
  }

  /** Devices a previous runner left `sending` were never confirmed sent: read back, never re-sent. */
  private async recover(ctx: JobContext): Promise<void> {
    const d = await db();
    const rows = await d
      .select({ did: jobDevices.did })
      .from(jobDevices)
      .where(and(eq(jobDevices.jobId, ctx.row.id), eq(jobDevices.state, "sending")));
    await this.eachLimited(rows, async ({ did }) => {
      const ok = "attrs" in ctx.command ? await this.readBack(ctx, did) : null;
      if (ok === true) await this.setDevice(ctx.row.id, did, ["sending"], "confirmed", { confirmedAt: new Date(), error: null });
      else await this.setDevice(ctx.row.id, did, ["sending"], "not_confirmed", { error: serverText("jobRestartUnknown") });
    });
  }

  private async nextBatch(jobId: string): Promise<number | null> {
    const d = await db();
    const [r] = await d
      .select({ b: min(jobDevices.batch) })
      .from(jobDevices)
      .where(and(eq(jobDevices.jobId, jobId), eq(jobDevices.state, "pending")));
    return r?.b ?? null;
  }

  private async markBatch(jobId: string, number: number, what: "start" | "finish"): Promise<void> {
    this.guard();
    const d = await db();
    const where = and(eq(jobBatches.jobId, jobId), eq(jobBatches.number, number));
    if (what === "start")
      await d
        .update(jobBatches)
        .set({ startedAt: new Date() })
        .where(and(where, isNull(jobBatches.startedAt)));
    else await d.update(jobBatches).set({ finishedAt: new Date() }).where(where);
  }

  private async tally(jobId: string): Promise<{ failed: number; attempted: number }> {
    const d = await db();
    const rows = await d.select({ state: jobDevices.state }).from(jobDevices).where(eq(jobDevices.jobId, jobId));
    let failed = 0;
    let attempted = 0;
    for (const r of rows) {
      if (r.state === "failed") failed++;
      if (["sending", "sent", "confirmed", "not_confirmed", "failed"].includes(r.state)) attempted++;
    }
    return { failed, attempted };
  }

  private async pendingOf(jobId: string, batch: number): Promise<{ did: string; mac: string }[]> {
    const d = await db();
    return d
      .select({ did: jobDevices.did, mac: jobDevices.mac })
      .from(jobDevices)
      .where(and(eq(jobDevices.jobId, jobId), eq(jobDevices.batch, batch), eq(jobDevices.state, "pending")))
      .orderBy(asc(jobDevices.seq));
  }

  /** Waits while a metered Enterprise call would dip into the interactive reserve; false when the job should stop. */
  private async quotaFor(jobId: string, calls: number): Promise<boolean> {
    for (;;) {
      const q = quotaStatus();
      if (!q.known || q.remaining - q.reserved >= calls) return true;
      const row = await this.renew(jobId);
      if (!row || jobState(row) !== "running") return false;
      await sleep(Math.min(5_000, Math.max(250, q.resetAt * 1000 - Date.now())));
    }
  }

  private entry(ctx: JobContext, did: string, batch: number | null, action = "job.device.control") {
    return {
      user: ctx.user,
      action,
      productKey: ctx.row.productKey,
      target: did,
      payload: { jobId: ctx.row.id, batch, command: ctx.command, idempotencyKey: `${ctx.row.id}:${did}`, path: ctx.row.path },
    };
  }

  /** Enterprise control, one call per device; pause and cancel take effect between devices. False when stopped mid-batch. */
  private async enterpriseBatch(ctx: JobContext, batch: number): Promise<boolean> {
    const jobId = ctx.row.id;
    for (const dev of await this.pendingOf(jobId, batch)) {
      const row = await this.renew(jobId);
      if (!row || jobState(row) !== "running") return false;
      if (!(await this.quotaFor(jobId, "attrs" in ctx.command ? 2 : 1))) return false;
      const claimed = await this.setDevice(jobId, dev.did, ["pending"], "sending", { idemKey: `${jobId}:${dev.did}`, sentAt: new Date() });
      if (!claimed) continue;
      let sent = false;
      try {
        await audited(this.entry(ctx, dev.did, batch), async () => {
          this.guard();
          sent = true;
          await controlDevice(ctx.row.productKey, dev.did, ctx.command);
        });
        await this.setDevice(jobId, dev.did, ["sending"], "sent", { error: null });
      } catch (err) {
        if (err instanceof Aborted) throw err;
        const reason = sent ? errorText(err) : serverText("jobAuditUnavailable");
        await this.setDevice(jobId, dev.did, ["sending"], "failed", { error: reason });
      }
    }
    return true;
  }

  /**
   * Open API path: one group control for the batch through the console's app group. Devices not
   * yet bound to the service user are bound first (bind_mac; a refusal fails that device). Each
   * device is claimed and audited before the one call, and its record completed with its own result.
   */
  private async groupBatch(ctx: JobContext, batch: number): Promise<boolean> {
    const jobId = ctx.row.id;
    const pk = ctx.row.productKey;
    const row = await this.renew(jobId);
    if (!row || jobState(row) !== "running") return false;
    const caller = serviceCaller(pk);
    let groupId: string;
    try {
      groupId = await jobAppGroup(pk);
      ctx.bound ??= await serviceUserBoundDids(pk);
    } catch (err) {
      // Nothing was sent: the batch's devices fail with the reason (the threshold decides what next).
      for (const dev of await this.pendingOf(jobId, batch))
        await this.setDevice(jobId, dev.did, ["pending"], "failed", { error: errorText(err) });
      return true;
    }
    const ready: string[] = [];
    for (const dev of await this.pendingOf(jobId, batch)) {
      if (ctx.bound.has(dev.did)) {
        ready.push(dev.did);
        continue;
      }
      const now = await this.renew(jobId);
      if (!now || jobState(now) !== "running") return false;
      try {
        await audited({ ...this.entry(ctx, dev.did, batch, "job.device.bind"), payload: { jobId, mac: dev.mac } }, async () => {
          this.guard();
          await bindToServiceUser(pk, dev.mac);
        });
        ctx.bound.add(dev.did);
        ready.push(dev.did);
      } catch (err) {
        if (err instanceof Aborted) throw err;
        await this.setDevice(jobId, dev.did, ["pending"], "failed", { error: errorText(err) });
      }
    }
    if (ready.length === 0) return true;

    this.guard();
    const d = await db();
    const claimedRows = await d
      .update(jobDevices)
      .set({ state: "sending", sentAt: new Date(), idemKey: sql`${jobId} || ':' || ${jobDevices.did}` })
      .where(and(eq(jobDevices.jobId, jobId), inArray(jobDevices.did, ready), eq(jobDevices.state, "pending")))
      .returning({ did: jobDevices.did });

    // One audit record per device before the one call; each is completed with that device's result.
    type Outcome = { ok: true } | { ok: false; err: AppError };
    const settle = new Map<string, (o: Outcome) => void>();
    const recordedAll: Promise<{ did: string; recorded: boolean }>[] = [];
    const done: Promise<unknown>[] = [];
    for (const { did } of claimedRows) {
      let recorded: (v: boolean) => void = () => {};
      const rec = new Promise<boolean>((r) => (recorded = r));
      const outcome = new Promise<Outcome>((r) => settle.set(did, r));
      done.push(
        audited(this.entry(ctx, did, batch), async () => {
          recorded(true);
          const o = await outcome;
          if (!o.ok) throw o.err;
        }).then(
          () => undefined,
          () => recorded(false),
        ),
      );
      recordedAll.push(rec.then((r) => ({ did, recorded: r })));
    }
    const recs = await Promise.all(recordedAll);
    const toSend = recs.filter((r) => r.recorded).map((r) => r.did);
    for (const r of recs)
      if (!r.recorded) await this.setDevice(jobId, r.did, ["sending"], "failed", { error: serverText("jobAuditUnavailable") });

    const results = new Map<string, Outcome>();
    if (toSend.length > 0) {
      try {
        this.guard();
        const members = await listAppGroupDevices(caller, groupId);
        const want = new Set(toSend);
        const extra = members.map((m) => m.did).filter((x) => !want.has(x));
        if (extra.length > 0) await removeAppGroupDevices(caller, groupId, extra);
        const have = new Set(members.map((m) => m.did));
        const add = toSend.filter((x) => !have.has(x));
        if (add.length > 0) {
          const added = await addAppGroupDevices(caller, groupId, add);
          for (const f of added.failed) {
            const why =
              added.detail.find((x) => x.did === f)?.errorMessage ?? String(added.detail.find((x) => x.did === f)?.errorCode ?? "");
            results.set(f, {
              ok: false,
              err: new AppError("UPSTREAM", serverText("jobDeviceNotInGroup", { reason: why }), { status: 502 }),
            });
          }
        }
        this.guard();
        if (results.size < toSend.length) {
          // The members' cached live status is stale once the command is sent (whatever its outcome).
          const changed = [...toSend.map((did) => tags.device(pk, did)), tags.devices(pk)];
          const answer = await controlAppGroup(caller, groupId, ctx.command, changed);
          const byDid = new Map(answer.map((a) => [a.did, a.result]));
          for (const did of toSend) {
            if (results.has(did)) continue;
            results.set(
              did,
              byDid.get(did) === true
                ? { ok: true }
                : { ok: false, err: new AppError("UPSTREAM", serverText("jobDeviceNotTaken"), { status: 502 }) },
            );
          }
        }
      } catch (err) {
        if (err instanceof Aborted) throw err;
        const e = err instanceof AppError ? err : new AppError("INTERNAL", serverText("internal"), { status: 500 });
        for (const did of toSend) if (!results.has(did)) results.set(did, { ok: false, err: e });
      }
    }
    for (const did of toSend) {
      const o = results.get(did)!;
      settle.get(did)?.(o);
      if (o.ok) await this.setDevice(jobId, did, ["sending"], "sent", { error: null });
      else await this.setDevice(jobId, did, ["sending"], "failed", { error: o.err.text });
    }
    await Promise.all(done);
    return true;
  }

  /** True when the device's live status shows the commanded values; null when it could not be read. */
  private async readBack(ctx: JobContext, did: string): Promise<boolean | null> {
    if (!("attrs" in ctx.command)) return null;
    try {
      const s = await readLiveStatus(ctx.row.productKey, did, { fresh: true });
      return isConfirmed(ctx.command.attrs, s.attrs, ctx.datapoints);
    } catch {
      return null;
    }
  }

  /** Reads back the sent devices of a batch (all batches: null); raw commands stay `sent`. */
  private async confirm(ctx: JobContext, batch: number | null): Promise<void> {
    if (!("attrs" in ctx.command)) return;
    const d = await db();
    const rows = await d
      .select({ did: jobDevices.did })
      .from(jobDevices)
      .where(and(eq(jobDevices.jobId, ctx.row.id), eq(jobDevices.state, "sent"), batch === null ? undefined : eq(jobDevices.batch, batch)));
    if (rows.length === 0) return;
    await sleep(this.readBackSettleMs);
    this.guard();
    const metered = !openApiAppidConfigured(ctx.row.productKey);
    let lost = false;
    await this.eachLimited(rows, async ({ did }) => {
      if (lost || !(await this.renew(ctx.row.id))) {
        lost = true;
        return;
      }
      if (metered && !(await this.quotaFor(ctx.row.id, 1))) return;
      let ok: boolean | null;
      let failure: LocalizedText | null = null;
      try {
        const s = await readLiveStatus(ctx.row.productKey, did, { fresh: true });
        ok = isConfirmed((ctx.command as { attrs: Record<string, boolean | number | string> }).attrs, s.attrs, ctx.datapoints);
      } catch (err) {
        ok = null;
        failure = serverText("jobReadbackFailed", { reason: errorText(err).en });
      }
      if (ok) await this.setDevice(ctx.row.id, did, ["sent"], "confirmed", { confirmedAt: new Date(), error: null });
      else await this.setDevice(ctx.row.id, did, ["sent"], "not_confirmed", { error: failure ?? serverText("jobReadbackMismatch") });
    });
  }

  private async eachLimited<T>(items: readonly T[], fn: (x: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, worker));
  }
}

const runnerSlot = processSingleton<JobRunner | null>("__consoleJobRunner", () => null);

/** This process's job runner (created on first use). */
export function jobRunner(): JobRunner {
  let r = runnerSlot.get();
  if (!r) {
    r = new JobRunner();
    runnerSlot.set(r);
  }
  return r;
}

/** Replaces the process's runner (tests: a fresh runner over the same database, as after a restart). */
export function setJobRunner(r: JobRunner | null): void {
  runnerSlot.set(r);
}

/** At server start: takes over the jobs that were running (their lease lapses if another process held them). */
export async function resumeJobs(): Promise<void> {
  const taken = await jobRunner().resumeAll();
  if (taken.length > 0) console.info(`[console] resumed ${taken.length} job(s)`);
}
