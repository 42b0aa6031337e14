import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { type ControlBodyInput, controlRawBytes, validateControlAttrs } from "@/lib/control";
import { bytesToHex } from "@/lib/payload";
import { type ScheduleTiming, type TimingProblem, toUtcTiming, utcTimingFields } from "@/lib/schedule-time";
import type {
  DeviceSchedules,
  GroupSchedules,
  ScheduleDto,
  ScheduleWriteResult,
  scheduleUpdateSchema,
  scheduleWriteSchema,
} from "@/lib/schemas/schedules";
import { isValidTimeZone } from "@/lib/zoned-time";
import { audited } from "@/server/audit";
import type { SessionUser } from "@/server/auth/session";
import { auditLog, db } from "@/server/db";
import { AppError, errors } from "@/server/errors";
import { getProduct } from "@/server/gizwits/products";
import { addAppGroupDevices, createAppGroup, listAppGroupDevices, listAppGroups, removeAppGroupDevices } from "@/server/openapi/groups";
import {
  createCommonSchedule,
  createDeviceSchedule,
  deleteCommonSchedule,
  deleteDeviceSchedule,
  listCommonSchedules,
  listDeviceSchedules,
  updateCommonSchedule,
  updateDeviceSchedule,
} from "@/server/openapi/schedulers";
import type { Schedule, ScheduleInput } from "@/server/openapi/schedulers.schema";
import { bindToServiceUser, serviceCaller, serviceUserBindings } from "@/server/openapi/service-user";
import { serverText } from "@/server/text";
import { loadDeviceInfo } from "./device";
import { groupMembers } from "./group-members";
import { requireGroup } from "./groups";

/*
 * Scheduled commands, kept and run by Gizwits (Open API schedulers, UTC) as the console's service
 * user. Device schedules use /app/devices/{did}/scheduler, which needs the device bound to the
 * service user: the first schedule binds it (bind_mac, audited), and the screen says so.
 *
 * Group schedules use the common scheduler on an app group. A console group (an Enterprise device
 * group) is not an app group, so the console keeps one app group of the service user per console
 * group, named `gec-schedules-<gid>`, and mirrors the console group's members into it every time
 * a group schedule is created or edited (binding devices not yet bound). The schedule therefore
 * covers the members at the last sync: the screen shows when that was, how many devices the app
 * group holds, and which members could not be bound (e.g. 9092, an owner that allows no other
 * binding). The audit log is the record of each sync (action schedule.group.sync). Targeting the
 * dids one by one instead would mean one schedule per device, which the operator could not edit as one.
 *
 * Every write is audited before it is sent and sent once.
 */

/** Members a group schedule can mirror: each unbound member costs one bind_mac call. */
export const GROUP_SCHEDULE_MAX_MEMBERS = 500;
const LIST_LIMIT = 100;

type WriteInput = z.output<typeof scheduleWriteSchema>;
type UpdateInput = z.output<typeof scheduleUpdateSchema>;

export function appGroupNameOf(gid: string): string {
  return `gec-schedules-${gid}`;
}

function isUpstream(err: unknown, code: number): boolean {
  return err instanceof AppError && err.upstreamCode === code;
}

/** The route's DTO of a stored schedule. */
export function scheduleDto(s: Schedule): ScheduleDto {
  const raw = s.raw === null ? null : Array.isArray(s.raw) ? bytesToHex(s.raw) : s.raw;
  return {
    id: s.id,
    enabled: s.enabled,
    remark: s.remark,
    command: s.attrs ? { attrs: s.attrs } : raw ? { raw } : null,
    utc: { time: s.time, repeat: s.repeat, date: s.date, days: s.days, startDate: s.startDate, endDate: s.endDate },
    createdAt: s.createdAt,
  };
}

/** The 400 for a timing UTC cannot hold, in both languages. */
export function timingError(p: TimingProblem, ctx: { time: string; timeZone: string }): AppError {
  switch (p.code) {
    case "badTime":
      return errors.validation(serverText("scheduleBadTime"));
    case "badDate":
      return errors.validation(serverText("scheduleBadDate", { date: p.date }));
    case "noWeekdays":
      return errors.validation(serverText("scheduleNoWeekdays"));
    case "noDays":
      return errors.validation(serverText("scheduleNoDays"));
    case "endBeforeStart":
      return errors.validation(serverText("scheduleEndBeforeStart"));
    case "monthDayShift":
      return errors.validation(
        serverText(p.shift < 0 ? "scheduleMonthDayBack" : "scheduleMonthDayForward", {
          days: p.days.join(", "),
          time: ctx.time,
          zone: ctx.timeZone,
        }),
      );
  }
}

/** The command as the scheduler takes it: checked data point values, or raw bytes as hex. */
async function commandOf(
  pk: string,
  command: ControlBodyInput,
): Promise<{ attrs: Record<string, string | number | boolean> } | { raw: string }> {
  if ("attrs" in command) {
    const product = await getProduct(pk);
    const r = validateControlAttrs(product.datapoints ?? [], command.attrs);
    if (!r.ok) {
      const [name, text] = Object.entries(r.errors)[0]!;
      throw errors.validation(text, [{ path: `command.attrs.${name}`, message: text.en }]);
    }
    return { attrs: r.value };
  }
  const bytes = controlRawBytes(command);
  if (!bytes.ok) throw errors.validation(bytes.reason);
  return { raw: bytesToHex(bytes.value) };
}

export interface PreparedSchedule {
  body: ScheduleInput;
  /** What the operator entered and the UTC form sent, for the audit log. */
  audit: { entered: WriteInput; utc: ReturnType<typeof utcTimingFields> };
}

/** Checks and converts an entered schedule; throws a 400 before anything is sent. */
export async function prepareSchedule(pk: string, input: WriteInput, nowMs = Date.now()): Promise<PreparedSchedule> {
  if (!isValidTimeZone(input.timeZone)) throw errors.validation(serverText("scheduleTimeZone", { zone: input.timeZone }));
  const local: ScheduleTiming = {
    time: input.time,
    recurrence: input.recurrence,
    startDate: input.recurrence.kind === "once" ? null : (input.startDate ?? null),
    endDate: input.recurrence.kind === "once" ? null : (input.endDate ?? null),
  };
  const r = toUtcTiming(local, input.timeZone, nowMs);
  if (!r.ok) throw timingError(r.problem, input);
  const fields = utcTimingFields(r.utc);
  const command = await commandOf(pk, input.command);
  const body: ScheduleInput = {
    ...command,
    time: fields.time,
    repeat: fields.repeat as ScheduleInput["repeat"],
    date: fields.date,
    days: fields.days,
    startDate: fields.startDate,
    endDate: fields.endDate,
    enabled: input.enabled,
    remark: input.remark,
  };
  return { body, audit: { entered: input, utc: fields } };
}

/** A stored schedule re-sent as it is with another `enabled` (PUT replaces the whole schedule). */
function toggledBody(s: Schedule, enabled: boolean): ScheduleInput {
  const raw = s.raw === null ? undefined : Array.isArray(s.raw) ? bytesToHex(s.raw) : s.raw;
  const attrs = s.attrs ? (s.attrs as Record<string, string | number | boolean>) : undefined;
  return {
    ...(attrs ? { attrs } : { raw }),
    time: s.time ?? "00:00",
    repeat: s.repeat as ScheduleInput["repeat"],
    date: s.date ?? undefined,
    days: s.repeat === "day" ? s.days : undefined,
    startDate: s.startDate ?? undefined,
    endDate: s.endDate ?? undefined,
    enabled,
    remark: s.remark ?? undefined,
  };
}

const scheduleNotFound = (id: string) => errors.notFound(serverText("scheduleNotFound", { id }));

// ——— device schedules ———

async function deviceSchedulesOrUnbound(pk: string, did: string): Promise<Schedule[] | null> {
  try {
    return await listDeviceSchedules(serviceCaller(pk), did, { limit: LIST_LIMIT });
  } catch (err) {
    // 9017: the service user is not bound to the device (yet).
    if (isUpstream(err, 9017)) return null;
    throw err;
  }
}

export async function deviceSchedules(pk: string, did: string): Promise<DeviceSchedules> {
  const list = await deviceSchedulesOrUnbound(pk, did);
  return { bound: list !== null, schedules: (list ?? []).map(scheduleDto) };
}

/** Binds the service user to the device if it is not yet (audited). Returns whether it bound now. */
async function ensureDeviceBound(user: SessionUser, pk: string, did: string): Promise<boolean> {
  if ((await deviceSchedulesOrUnbound(pk, did)) !== null) return false;
  const { mac } = await loadDeviceInfo(pk, did);
  await audited({ user, action: "schedule.bind", productKey: pk, target: did, payload: { mac, for: "device schedule" } }, () =>
    bindToServiceUser(pk, mac),
  );
  return true;
}

export async function createDeviceScheduleFor(user: SessionUser, pk: string, did: string, input: WriteInput): Promise<ScheduleWriteResult> {
  const prepared = await prepareSchedule(pk, input);
  const boundNow = await ensureDeviceBound(user, pk, did);
  const id = await audited({ user, action: "schedule.create", productKey: pk, target: did, payload: prepared.audit }, () =>
    createDeviceSchedule(serviceCaller(pk), did, prepared.body),
  );
  return { id, boundNow, sync: null };
}

export async function updateDeviceScheduleFor(
  user: SessionUser,
  pk: string,
  did: string,
  id: string,
  input: UpdateInput,
): Promise<ScheduleWriteResult> {
  if (!("timeZone" in input)) {
    const current = (await deviceSchedulesOrUnbound(pk, did))?.find((s) => s.id === id);
    if (!current) throw scheduleNotFound(id);
    await audited(
      { user, action: input.enabled ? "schedule.enable" : "schedule.disable", productKey: pk, target: did, payload: { id } },
      () => updateDeviceSchedule(serviceCaller(pk), did, id, toggledBody(current, input.enabled)),
    );
    return { id, boundNow: false, sync: null };
  }
  const prepared = await prepareSchedule(pk, input);
  await audited({ user, action: "schedule.update", productKey: pk, target: did, payload: { id, ...prepared.audit } }, () =>
    updateDeviceSchedule(serviceCaller(pk), did, id, prepared.body),
  );
  return { id, boundNow: false, sync: null };
}

export async function deleteDeviceScheduleFor(user: SessionUser, pk: string, did: string, id: string): Promise<void> {
  await audited({ user, action: "schedule.delete", productKey: pk, target: did, payload: { id } }, () =>
    deleteDeviceSchedule(serviceCaller(pk), did, id),
  );
}

// ——— group schedules ———

async function findMirror(pk: string, gid: string): Promise<string | null> {
  const groups = await listAppGroups(serviceCaller(pk));
  const name = appGroupNameOf(gid);
  return groups.find((g) => g.name === name && g.productKey === pk)?.id ?? null;
}

const syncPayloadSchema = z.object({
  members: z.number().int(),
  notCovered: z.array(z.object({ mac: z.string(), reason: z.string() })).default([]),
});

async function lastSync(pk: string, gid: string): Promise<NonNullable<GroupSchedules["mirror"]>["lastSync"]> {
  const d = await db();
  const [row] = await d
    .select({ at: auditLog.at, finishedAt: auditLog.finishedAt, username: auditLog.username, payload: auditLog.payload })
    .from(auditLog)
    .where(
      and(eq(auditLog.action, "schedule.group.sync"), eq(auditLog.productKey, pk), eq(auditLog.target, gid), eq(auditLog.status, "ok")),
    )
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!row) return null;
  const p = syncPayloadSchema.safeParse(row.payload);
  return {
    at: (row.finishedAt ?? row.at).getTime(),
    by: row.username,
    members: p.success ? p.data.members : 0,
    notCovered: p.success ? p.data.notCovered : [],
  };
}

export async function groupSchedules(pk: string, gid: string): Promise<GroupSchedules> {
  await requireGroup(pk, gid);
  const appGroupId = await findMirror(pk, gid);
  if (!appGroupId) return { mirror: null, schedules: [] };
  const caller = serviceCaller(pk);
  const [list, devices, sync] = await Promise.all([
    listCommonSchedules(caller, { groupId: appGroupId }, { limit: LIST_LIMIT }),
    listAppGroupDevices(caller, appGroupId),
    lastSync(pk, gid),
  ]);
  return {
    mirror: { appGroupId, covered: devices.length, lastSync: sync },
    schedules: list.filter((s) => s.groupId === appGroupId || s.groupId === null).map(scheduleDto),
  };
}

/** Every device bound to the service user, by lower-case MAC → did (paged). */
async function boundMacs(pk: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let skip = 0; ; skip += LIST_LIMIT) {
    const page = await serviceUserBindings(pk, { limit: LIST_LIMIT, skip, showDisabled: true });
    for (const d of page.devices) if (d.mac && d.productKey === pk) out.set(d.mac.toLowerCase(), d.did);
    if (page.devices.length < LIST_LIMIT) break;
  }
  return out;
}

function reasonOf(err: unknown): string {
  if (err instanceof AppError) return err.upstreamCode !== undefined ? String(err.upstreamCode) : err.code;
  throw err;
}

/**
 * Mirrors the console group's members into its app group: creates the app group once, binds the
 * members the service user is not bound to (one audited bind_mac each; a refusal leaves that
 * member out and is reported), then adds and removes app-group members in one audited sync.
 */
export async function syncGroupMirror(
  user: SessionUser,
  pk: string,
  gid: string,
): Promise<{ appGroupId: string; sync: NonNullable<ScheduleWriteResult["sync"]> }> {
  await requireGroup(pk, gid);
  const { macs } = await groupMembers(pk, gid);
  if (macs.length === 0) throw errors.validation(serverText("scheduleGroupEmpty"));
  if (macs.length > GROUP_SCHEDULE_MAX_MEMBERS) {
    throw errors.validation(serverText("scheduleGroupTooLarge", { count: macs.length, max: GROUP_SCHEDULE_MAX_MEMBERS }));
  }
  const caller = serviceCaller(pk);
  let appGroupId = await findMirror(pk, gid);
  if (!appGroupId) {
    const name = appGroupNameOf(gid);
    appGroupId = await audited({ user, action: "schedule.group.create", productKey: pk, target: gid, payload: { name } }, () =>
      createAppGroup(caller, { name, productKey: pk }),
    );
  }
  const bound = await boundMacs(pk);
  const notCovered: { mac: string; reason: string }[] = [];
  let boundNow = 0;
  for (const mac of macs) {
    if (bound.has(mac)) continue;
    try {
      const dev = await audited(
        { user, action: "schedule.bind", productKey: pk, target: mac, payload: { mac, for: "group schedule", gid } },
        () => bindToServiceUser(pk, mac),
      );
      bound.set(mac, dev.did);
      boundNow++;
    } catch (err) {
      notCovered.push({ mac, reason: reasonOf(err) });
    }
  }
  const wanted = new Set(macs.flatMap((m) => (bound.has(m) ? [bound.get(m)!] : [])));
  const current = new Set((await listAppGroupDevices(caller, appGroupId)).map((d) => d.did));
  const add = [...wanted].filter((d) => !current.has(d));
  const remove = [...current].filter((d) => !wanted.has(d));
  const id = appGroupId;
  await audited(
    {
      user,
      action: "schedule.group.sync",
      productKey: pk,
      target: gid,
      payload: { appGroupId: id, members: macs.length, covered: wanted.size, add, remove, notCovered },
    },
    async () => {
      if (add.length > 0) await addAppGroupDevices(caller, id, add);
      if (remove.length > 0) await removeAppGroupDevices(caller, id, remove);
    },
  );
  return {
    appGroupId: id,
    sync: { members: macs.length, covered: wanted.size, boundNow, added: add.length, removed: remove.length, notCovered },
  };
}

async function groupSchedule(pk: string, gid: string, id: string): Promise<{ appGroupId: string; schedule: Schedule }> {
  const appGroupId = await findMirror(pk, gid);
  if (!appGroupId) throw scheduleNotFound(id);
  const list = await listCommonSchedules(serviceCaller(pk), { groupId: appGroupId }, { limit: LIST_LIMIT });
  const schedule = list.find((s) => s.id === id);
  if (!schedule) throw scheduleNotFound(id);
  return { appGroupId, schedule };
}

export async function createGroupScheduleFor(user: SessionUser, pk: string, gid: string, input: WriteInput): Promise<ScheduleWriteResult> {
  const prepared = await prepareSchedule(pk, input);
  const { appGroupId, sync } = await syncGroupMirror(user, pk, gid);
  const id = await audited(
    { user, action: "schedule.create", productKey: pk, target: gid, payload: { appGroupId, ...prepared.audit } },
    () => createCommonSchedule(serviceCaller(pk), { groupId: appGroupId }, prepared.body),
  );
  return { id, boundNow: false, sync };
}

export async function updateGroupScheduleFor(
  user: SessionUser,
  pk: string,
  gid: string,
  id: string,
  input: UpdateInput,
): Promise<ScheduleWriteResult> {
  const { appGroupId, schedule } = await groupSchedule(pk, gid, id);
  if (!("timeZone" in input)) {
    await audited(
      { user, action: input.enabled ? "schedule.enable" : "schedule.disable", productKey: pk, target: gid, payload: { id, appGroupId } },
      () => updateCommonSchedule(serviceCaller(pk), id, { groupId: appGroupId }, toggledBody(schedule, input.enabled)),
    );
    return { id, boundNow: false, sync: null };
  }
  const prepared = await prepareSchedule(pk, input);
  const { sync } = await syncGroupMirror(user, pk, gid);
  await audited({ user, action: "schedule.update", productKey: pk, target: gid, payload: { id, appGroupId, ...prepared.audit } }, () =>
    updateCommonSchedule(serviceCaller(pk), id, { groupId: appGroupId }, prepared.body),
  );
  return { id, boundNow: false, sync };
}

export async function deleteGroupScheduleFor(user: SessionUser, pk: string, gid: string, id: string): Promise<void> {
  const { appGroupId } = await groupSchedule(pk, gid, id);
  await audited({ user, action: "schedule.delete", productKey: pk, target: gid, payload: { id, appGroupId } }, () =>
    deleteCommonSchedule(serviceCaller(pk), id),
  );
}
