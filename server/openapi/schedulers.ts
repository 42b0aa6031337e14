import "server-only";
import { z } from "zod";
import { appPath, invalidInput, openapi, type OpenApiCaller, type Priority } from "./client";
import { emptyAnswerSchema } from "./devices.schema";
import { idAnswerSchema } from "./groups.schema";
import { scheduleInputSchema, schedulesSchema, type Schedule, type ScheduleBody, type ScheduleInput } from "./schedulers.schema";

/*
 * Schedules kept and run by Gizwits: per device (/app/devices/{did}/scheduler) and the newer
 * common_scheduler (a device, an app group or a scene). Times are UTC. Writes are sent once.
 */

function body(input: ScheduleInput): ScheduleBody {
  const r = scheduleInputSchema.safeParse(input);
  if (!r.success) {
    const where = r.error.issues.map((i) => `${i.path.join(".") || "schedule"}: ${i.message}`).join("; ");
    throw invalidInput("scheduleInvalid", { where });
  }
  const b = r.data;
  if (b.attrs !== undefined && b.raw !== undefined) throw invalidInput("scheduleAttrsOrRaw");
  return b;
}

function requireCommand(b: ScheduleBody): ScheduleBody {
  if ((b.attrs === undefined || Object.keys(b.attrs).length === 0) && b.raw === undefined) {
    throw invalidInput("scheduleNeedsCommand");
  }
  return b;
}

export interface Page {
  limit?: number;
  skip?: number;
  priority?: Priority;
}

// GET /app/devices/{did}/scheduler
export function listDeviceSchedules(caller: OpenApiCaller, did: string, p: Page = {}): Promise<Schedule[]> {
  return openapi({
    caller,
    userContext: true,
    method: "GET",
    path: appPath("devices", did, "scheduler"),
    query: { limit: p.limit, skip: p.skip },
    schema: schedulesSchema,
    priority: p.priority,
  });
}

// POST /app/devices/{did}/scheduler → id
export async function createDeviceSchedule(caller: OpenApiCaller, did: string, s: ScheduleInput): Promise<string> {
  return openapi({
    caller,
    userContext: true,
    method: "POST",
    path: appPath("devices", did, "scheduler"),
    body: requireCommand(body(s)),
    schema: idAnswerSchema,
  });
}

// PUT /app/devices/{did}/scheduler/{id}
export async function updateDeviceSchedule(caller: OpenApiCaller, did: string, id: string, s: ScheduleInput): Promise<void> {
  await openapi({
    caller,
    userContext: true,
    method: "PUT",
    path: appPath("devices", did, "scheduler", id),
    body: body(s),
    schema: emptyAnswerSchema,
  });
}

// DELETE /app/devices/{did}/scheduler/{id}
export async function deleteDeviceSchedule(caller: OpenApiCaller, did: string, id: string): Promise<void> {
  await openapi({ caller, userContext: true, method: "DELETE", path: appPath("devices", did, "scheduler", id), schema: emptyAnswerSchema });
}

/** What a common schedule acts on: exactly one of a device, an app group or a scene. */
export type ScheduleTarget = { did: string } | { groupId: string } | { sceneId: string };

const targetSchema = z.union([
  z.strictObject({ did: z.string().min(1) }),
  z.strictObject({ groupId: z.string().min(1) }),
  z.strictObject({ sceneId: z.string().min(1) }),
]);

function target(t: ScheduleTarget): { did?: string; group_id?: string; scene_id?: string } {
  const r = targetSchema.safeParse(t);
  if (!r.success) throw invalidInput("scheduleTarget");
  const v = r.data;
  return "did" in v ? { did: v.did } : "groupId" in v ? { group_id: v.groupId } : { scene_id: v.sceneId };
}

// GET /app/common_scheduler?did=|group_id=|scene_id=
export function listCommonSchedules(
  caller: OpenApiCaller,
  filter: Partial<{ did: string; groupId: string; sceneId: string }> = {},
  p: Page = {},
): Promise<Schedule[]> {
  return openapi({
    caller,
    userContext: true,
    method: "GET",
    path: appPath("common_scheduler"),
    query: { did: filter.did, group_id: filter.groupId, scene_id: filter.sceneId, limit: p.limit, skip: p.skip },
    schema: schedulesSchema,
    priority: p.priority,
  });
}

// POST /app/common_scheduler → id. A scene schedule carries no command (the scene is the command).
export async function createCommonSchedule(caller: OpenApiCaller, t: ScheduleTarget, s: ScheduleInput): Promise<string> {
  const tgt = target(t);
  const b = body(s);
  return openapi({
    caller,
    userContext: true,
    method: "POST",
    path: appPath("common_scheduler"),
    body: { ...tgt, ...(tgt.scene_id ? { ...b, attrs: undefined, raw: undefined } : requireCommand(b)) },
    schema: idAnswerSchema,
  });
}

// PUT /app/common_scheduler/{id}
export async function updateCommonSchedule(caller: OpenApiCaller, id: string, t: ScheduleTarget, s: ScheduleInput): Promise<void> {
  await openapi({
    caller,
    userContext: true,
    method: "PUT",
    path: appPath("common_scheduler", id),
    body: { ...target(t), ...body(s) },
    schema: emptyAnswerSchema,
  });
}

// DELETE /app/common_scheduler/{id}
export async function deleteCommonSchedule(caller: OpenApiCaller, id: string): Promise<void> {
  await openapi({ caller, userContext: true, method: "DELETE", path: appPath("common_scheduler", id), schema: emptyAnswerSchema });
}
