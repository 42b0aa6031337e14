import "server-only";
import { randomUUID } from "node:crypto";
import type { Locale } from "@/lib/i18n/core";
import { canarySize, FINAL_JOB_STATES, type JobCreateInput, type JobDetail, type JobPreview, type JobState } from "@/lib/schemas/jobs";
import type { SessionUser } from "@/server/auth/session";
import { env } from "@/server/env";
import { errors } from "@/server/errors";
import { quotaStatus } from "@/server/gizwits/quota";
import { serverText } from "@/server/text";
import { openApiAppidConfigured } from "../product-capabilities";
import { checkedControlCommand } from "@/server/console/control-command";
import { estimateDurationMs, pacePerSecond, pathCalls, planBatches } from "./plan";
import { jobRunner } from "./runner";
import { failedDevices, insertJob, jobDetail, jobNotFound, jobRow, jobState, transition } from "./store";
import { resolveTargets } from "./targets";

/** The job services behind app/api/jobs/**: preview, create and start, pause, resume, cancel, retry the failed. */

/** Resolves the targets and prices the job; no writes, no device commands. */
export async function previewJob(input: JobCreateInput): Promise<JobPreview> {
  const pk = input.productKey;
  const { command } = await checkedControlCommand(pk, input.command);
  const { devices, notFound } = await resolveTargets(pk, input.target);
  const disabled = devices.filter((d) => d.disabled).length;
  const online = devices.filter((d) => d.online && !d.disabled).length;
  const offline = devices.length - online - disabled;
  const sizes = planBatches(online, input.canaryPercent, input.batchSize);
  const openApi = openApiAppidConfigured(pk) !== null;
  const path = openApi ? "openapi_group" : "enterprise";
  const calls = pathCalls({ toSend: online, batches: sizes.length, readBack: "attrs" in command, openApi });
  const q = quotaStatus();
  const e = env();
  const view = {
    limit: q.known ? q.limit : e.GIZWITS_QUOTA_PER_HOUR,
    remaining: q.known ? q.remaining : e.GIZWITS_QUOTA_PER_HOUR,
    resetAt: q.resetAt,
    reserved: q.reserved,
  };
  return {
    productKey: pk,
    total: devices.length,
    online,
    offline,
    disabled,
    toSend: online,
    notFound,
    canarySize: canarySize(online, input.canaryPercent),
    batches: sizes.length,
    path,
    calls,
    enterpriseCalls: path === "enterprise" ? calls.enterprise : 0,
    estimatedDurationMs: Math.round(estimateDurationMs(path, calls, view, Date.now())),
    pacePerSecond: pacePerSecond(view),
  };
}

/** Creates the job (targets resolved now, devices planned into batches) and starts it in the background. */
export async function createJob(
  user: SessionUser,
  input: JobCreateInput,
  locale: Locale,
  retryOf: string | null = null,
): Promise<JobDetail> {
  const pk = input.productKey;
  const { command } = await checkedControlCommand(pk, input.command);
  const { devices } = await resolveTargets(pk, input.target);
  if (devices.length === 0) throw errors.validation(serverText("jobNoDevices"));
  const id = randomUUID();
  await insertJob({
    id,
    productKey: pk,
    user,
    path: openApiAppidConfigured(pk) !== null ? "openapi_group" : "enterprise",
    target: input.target,
    command: input.command,
    sendCommand: command,
    batchSize: input.batchSize,
    failureThresholdPercent: input.failureThresholdPercent,
    canaryPercent: input.canaryPercent,
    retryOf,
    devices,
  });
  await jobRunner().kick(id);
  return jobDetail(id, locale);
}

const ACTION_TEXT = {
  pause: { en: "paused", "zh-CN": "暂停" },
  resume: { en: "resumed", "zh-CN": "继续" },
  cancel: { en: "cancelled", "zh-CN": "取消" },
  retry: { en: "retried", "zh-CN": "重试" },
} as const;

function conflict(state: JobState, action: keyof typeof ACTION_TEXT): never {
  const en = serverText("jobStateConflict", { state, action: ACTION_TEXT[action].en });
  const zh = serverText("jobStateConflict", { state, action: ACTION_TEXT[action]["zh-CN"] });
  throw errors.conflict({ en: en.en, "zh-CN": zh["zh-CN"] });
}

async function current(id: string): Promise<JobState> {
  const row = await jobRow(id);
  if (!row) throw jobNotFound(id);
  return jobState(row);
}

/** running → paused: the runner stops before its next device (or batch, on the group path). */
export async function pauseJob(id: string, locale: Locale): Promise<JobDetail> {
  if (!(await transition(id, ["running"], "paused"))) conflict(await current(id), "pause");
  return jobDetail(id, locale);
}

/** paused → running, and the runner picks it up again. */
export async function resumeJob(id: string, locale: Locale): Promise<JobDetail> {
  if (!(await transition(id, ["paused"], "running"))) conflict(await current(id), "resume");
  await jobRunner().kick(id);
  return jobDetail(id, locale);
}

/** A paused (or draft) job is cancelled at once; a running one stops before its next device. */
export async function cancelJob(id: string, locale: Locale): Promise<JobDetail> {
  if (!(await transition(id, ["paused", "draft"], "cancelled"))) {
    if (!(await transition(id, ["running"], "cancelling"))) conflict(await current(id), "cancel");
    // If no runner holds it (its process died), one takes it to cancelled.
    await jobRunner().kick(id);
  }
  return jobDetail(id, locale);
}

/** A new job, linked to this one, over its failed devices only; sent and confirmed devices are never in it. */
export async function retryFailed(user: SessionUser, id: string, locale: Locale): Promise<JobDetail> {
  const row = await jobRow(id);
  if (!row) throw jobNotFound(id);
  const state = jobState(row);
  if (!FINAL_JOB_STATES.includes(state) && state !== "paused") conflict(state, "retry");
  const failed = await failedDevices(id);
  if (failed.length === 0) throw errors.conflict(serverText("jobNothingToRetry"));
  const original = await jobDetail(id, locale);
  return createJob(
    user,
    {
      productKey: row.productKey,
      target: { kind: "dids", dids: failed.map((f) => f.did) },
      command: original.command,
      batchSize: row.batchSize,
      failureThresholdPercent: row.failureThresholdPercent,
      canaryPercent: row.canaryPercent,
    },
    locale,
    id,
  );
}
