/**
 * 定时任务 (Open API reference): device schedulers (/app/devices/{did}/scheduler) and the common scheduler
 * (/app/common_scheduler: a device, an app group or a scene). Everything is UTC, as documented:
 *  - one-off: repeat "none", date + time;
 *  - weekly: repeat "mon,wed,…", time, optional start_date/end_date;
 *  - monthly days: repeat "day", days [1, 15], time, optional start_date/end_date.
 * Only enabled schedules run. The emulator's clock runs them: every few seconds (and on
 * POST /__emulator/openapi/scheduler/run) each schedule's latest occurrence since its last run is
 * executed — a control exactly like POST /app/control/{did}, so it shows in /v1 data and cmd logs.
 * Occurrences before a schedule was created or last edited never run (no back-fill).
 */
import { z } from "zod";
import { ok } from "../http";
import type { EmulatorState } from "../state";
import { body, boundDevice, deviceForApp, paging, parse, qstr, requireUser, type AppCtx } from "./context";
import { type Command, parseCommand, trySend } from "./control";
import { AppError, type AppErrorCode } from "./errors";
import { groupOf, groupProduct, runGroup, type Env } from "./groups";
import { runScene, sceneOf } from "./scenes";
import type { AppStore, Schedule, UserRec } from "./store";
import type { Add } from "./users";

const DAY = 86400;
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const scheduleSchema = z.object({
  did: z.string().optional(),
  group_id: z.string().optional(),
  scene_id: z.string().optional(),
  raw: z.union([z.string(), z.number()]).optional(),
  attrs: z.record(z.string(), z.unknown()).nullable().optional(),
  binary_coding: z.enum(["hex", "base64"]).optional(),
  date: z.string().regex(DATE).or(z.literal("")).optional(),
  time: z.string().regex(TIME),
  repeat: z.string().default("none"),
  days: z.array(z.union([z.number().int(), z.string().regex(/^\d{1,2}$/)])).default([]),
  start_date: z.string().regex(DATE).or(z.literal("")).optional(),
  end_date: z.string().regex(DATE).or(z.literal("")).optional(),
  enabled: z.boolean().default(true),
  remark: z.string().default(""),
});
type ScheduleBody = z.infer<typeof scheduleSchema>;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000 / DAY;

function checkTiming(b: ScheduleBody): { repeat: string; days: number[] } {
  const days = b.days.map(Number);
  if (b.repeat === "none") {
    if (!b.date) throw new AppError(9015, "a one-off schedule (repeat none) needs date");
    if (!Number.isFinite(dayNumber(b.date))) throw new AppError(9015, "date is not a calendar date");
    return { repeat: "none", days: [] };
  }
  if (b.repeat === "day") {
    if (!days.length || days.some((d) => d < 1 || d > 31)) throw new AppError(9015, "repeat day needs days between 1 and 31");
    return { repeat: "day", days };
  }
  const list = b.repeat.split(",").map((s) => s.trim().toLowerCase());
  if (!list.length || list.some((d) => !WEEKDAYS.includes(d)))
    throw new AppError(9015, "repeat must be none, day, or weekdays like mon,wed");
  return { repeat: list.join(","), days: [] };
}

/** Whether the schedule fires on a UTC day number. */
function firesOn(s: Schedule, day: number): boolean {
  if (s.repeat === "none") return dayNumber(s.date) === day;
  if (s.startDate && day < dayNumber(s.startDate)) return false;
  if (s.endDate && day > dayNumber(s.endDate)) return false;
  const d = new Date(day * DAY * 1000);
  if (s.repeat === "day") return s.days.includes(d.getUTCDate());
  return s.repeat.split(",").includes(WEEKDAYS[d.getUTCDay()]);
}

function timeOfDay(s: Schedule): number {
  const [h, m] = s.time.split(":").map(Number);
  return h * 3600 + m * 60;
}

/** Latest occurrence in (from, to], or null. */
export function latestOccurrence(s: Schedule, from: number, to: number): number | null {
  const lo = Math.max(from, to - 400 * DAY);
  for (let day = Math.floor(to / DAY); day >= Math.floor(lo / DAY); day--) {
    const ts = day * DAY + timeOfDay(s);
    if (ts > to || ts <= lo) continue;
    if (firesOn(s, day)) return ts;
  }
  return null;
}

export function nextOccurrence(s: Schedule, after: number): number | null {
  for (let day = Math.floor(after / DAY); day <= Math.floor(after / DAY) + 400; day++) {
    const ts = day * DAY + timeOfDay(s);
    if (ts > after && firesOn(s, day)) return ts;
  }
  return null;
}

export function scheduleView(s: Schedule, now: number): Record<string, unknown> {
  return {
    id: s.id,
    api: s.api,
    did: s.did,
    group_id: s.groupId,
    scene_id: s.sceneId,
    repeat: s.repeat,
    date: s.date,
    time: s.time,
    days: s.days,
    enabled: s.enabled,
    last_run: s.lastRun,
    next_run: s.enabled ? nextOccurrence(s, Math.max(now, s.lastRun)) : null,
    runs: s.runs,
  };
}

function execute(env: Env, s: Schedule, occurrence: number): Schedule["runs"][number] {
  const user = env.store.users.get(s.owner);
  const results: { did: string; result: boolean; error: AppErrorCode | null }[] = [];
  const t = env.state.tenant;
  if (user) {
    if (s.sceneId) {
      const scene = env.store.scenes.get(s.sceneId);
      if (scene && scene.owner === user.u) runScene(env, user, scene);
      results.push({ did: "", result: Boolean(scene), error: scene ? null : 9220 });
    } else if (s.groupId) {
      const g = env.store.groups.get(s.groupId);
      const p = g?.productKey ? t.productByKey(g.productKey) : undefined;
      const cmd = p ? safeCommand(p.def, s) : null;
      if (g && cmd) results.push(...runGroup(env, user, g, cmd, "d3"));
    } else {
      const i = t.deviceByDid(s.did);
      const cmd = i >= 0 ? safeCommand(t.products[t.productOf[i]].def, s) : null;
      let why: AppErrorCode | null = i < 0 || !cmd ? 9014 : env.store.role(i, user.u) === null ? 9017 : null;
      if (why === null && cmd) why = trySend(env.state, env.store, i, cmd, env.now, { uid: user.uid, appid: user.appid, source: "d3" });
      results.push({ did: s.did, result: why === null, error: why });
    }
  }
  const run = { at: Math.round(env.now * 1000) / 1000, occurrence, results };
  s.runs.push(run);
  if (s.runs.length > 20) s.runs.shift();
  return run;
}

function safeCommand(def: Parameters<typeof parseCommand>[0], s: Schedule): Command | null {
  try {
    return parseCommand(def, s.attrs ?? undefined, s.raw || undefined, undefined, "hex");
  } catch {
    return null;
  }
}

/**
 * Runs every enabled schedule whose latest occurrence in (lastRun, at] has not run yet (`id`:
 * only that one, and then even if nothing is due: a forced run). Controls are stamped with the
 * real time `now`.
 */
export function runDue(
  state: EmulatorState,
  store: AppStore,
  at: number,
  now: number,
  id?: string,
): { id: string; occurrence: number; results: unknown[] }[] {
  const env: Env = { state, store, now };
  const out: { id: string; occurrence: number; results: unknown[] }[] = [];
  for (const s of store.schedules.values()) {
    if (id !== undefined && s.id !== id) continue;
    const occ = s.enabled ? latestOccurrence(s, s.lastRun, at) : null;
    if (occ === null && id === undefined) continue;
    const occurrence = occ ?? Math.floor(at);
    s.lastRun = Math.max(s.lastRun, occurrence);
    const run = execute(env, s, occurrence);
    out.push({ id: s.id, occurrence, results: run.results });
  }
  return out;
}

function scheduleJson(s: Schedule, common: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    remark: s.remark,
    repeat: s.repeat,
    end_date: s.endDate,
    did: s.did,
    created_at: new Date(Math.floor(s.createdAt) * 1000).toISOString().slice(0, 19),
    enabled: s.enabled,
    days: s.days,
    product_key: s.productKey,
    id: s.id,
    raw: s.raw,
    attrs: s.attrs ?? {},
    time: s.time,
    date: s.date,
    start_date: s.startDate,
  };
  if (common) Object.assign(out, { scene_id: s.sceneId, group_id: s.groupId });
  return out;
}

interface Target {
  did: string;
  groupId: string;
  sceneId: string;
  productKey: string;
}

/** Resolves the target (common: did > group_id > scene_id, the first non-empty) and validates the command. */
function target(c: AppCtx, user: UserRec, b: ScheduleBody, fixedDid: string | null): Target {
  const t = c.state.tenant;
  const cod = b.binary_coding;
  const raw = b.raw === undefined ? undefined : String(b.raw);
  const did = fixedDid ?? (b.did || undefined);
  if (did !== undefined) {
    const i = fixedDid ? boundDevice(c, user, did) : deviceForApp(c, did);
    if (c.store.role(i, user.u) === null) throw new AppError(9017);
    const p = t.products[t.productOf[i]];
    parseCommand(p.def, b.attrs ?? undefined, raw || undefined, cod, "hex");
    return { did: t.did(i), groupId: "", sceneId: "", productKey: p.def.key };
  }
  if (b.group_id) {
    const g = groupOf(c, user, b.group_id);
    const p = groupProduct(c, g);
    parseCommand(p.def, b.attrs ?? undefined, raw || undefined, cod, "hex");
    return { did: "", groupId: g.id, sceneId: "", productKey: p.def.key };
  }
  if (b.scene_id) {
    const s = sceneOf(c, user, b.scene_id);
    return { did: "", groupId: "", sceneId: s.id, productKey: "" };
  }
  throw new AppError(9015, "send one of did, group_id or scene_id");
}

function build(c: AppCtx, user: UserRec, api: "device" | "common", b: ScheduleBody, fixedDid: string | null, prev?: Schedule): Schedule {
  const timing = checkTiming(b);
  const tg = target(c, user, b, fixedDid);
  // Raw commands are stored as given (hex by default); a scene schedule carries no command.
  const scene = tg.sceneId !== "";
  return {
    id: prev?.id ?? c.store.objectId(),
    api,
    owner: user.u,
    did: tg.did,
    groupId: tg.groupId,
    sceneId: tg.sceneId,
    productKey: tg.productKey,
    raw: scene || b.raw === undefined ? "" : String(b.raw),
    attrs: scene ? null : (b.attrs ?? null),
    date: b.date ?? "",
    time: b.time,
    repeat: timing.repeat,
    days: timing.days,
    startDate: b.start_date ?? "",
    endDate: b.end_date ?? "",
    enabled: b.enabled,
    remark: b.remark,
    createdAt: prev?.createdAt ?? c.now,
    lastRun: c.now,
    runs: prev?.runs ?? [],
  };
}

function owned(c: AppCtx, user: UserRec, id: string, api: "device" | "common", did?: string): Schedule {
  const s = c.store.schedules.get(id);
  if (!s || s.owner !== user.u || s.api !== api || (did !== undefined && s.did !== did)) throw new AppError(9030);
  return s;
}

/** PUT bodies may be partial: missing fields keep their stored values. */
function merged(s: Schedule, patch: Record<string, unknown>): Record<string, unknown> {
  const base: Record<string, unknown> = {
    raw: s.raw || undefined,
    attrs: s.attrs ?? undefined,
    date: s.date,
    time: s.time,
    repeat: s.repeat,
    days: s.days,
    start_date: s.startDate,
    end_date: s.endDate,
    enabled: s.enabled,
    remark: s.remark,
  };
  if (s.api === "common")
    Object.assign(base, { did: s.did || undefined, group_id: s.groupId || undefined, scene_id: s.sceneId || undefined });
  const touchesTarget = "did" in patch || "group_id" in patch || "scene_id" in patch;
  if (touchesTarget) Object.assign(base, { did: undefined, group_id: undefined, scene_id: undefined });
  if ("attrs" in patch || "raw" in patch) Object.assign(base, { attrs: undefined, raw: undefined });
  return { ...base, ...patch };
}

export function registerSchedulers(add: Add): void {
  add("GET", "/app/devices/{did}/scheduler", (c) => {
    const user = requireUser(c);
    const i = boundDevice(c, user, c.params.did);
    const did = c.state.tenant.did(i);
    const { limit, skip } = paging(c);
    const all = [...c.store.schedules.values()].filter((s) => s.api === "device" && s.owner === user.u && s.did === did);
    return ok(all.slice(skip, skip + limit).map((s) => scheduleJson(s, false)));
  });

  add("POST", "/app/devices/{did}/scheduler", (c) => {
    const user = requireUser(c);
    const s = build(c, user, "device", parse(scheduleSchema, body(c)), c.params.did);
    c.store.addSchedule(s);
    return ok({ id: s.id }, 201);
  });

  add("PUT", "/app/devices/{did}/scheduler/{id}", (c) => {
    const user = requireUser(c);
    const i = boundDevice(c, user, c.params.did);
    const prev = owned(c, user, c.params.id, "device", c.state.tenant.did(i));
    const s = build(c, user, "device", parse(scheduleSchema, merged(prev, body(c))), c.params.did, prev);
    c.store.schedules.set(s.id, s);
    return ok({ id: s.id });
  });

  add("DELETE", "/app/devices/{did}/scheduler/{id}", (c) => {
    const user = requireUser(c);
    const i = boundDevice(c, user, c.params.did);
    const s = owned(c, user, c.params.id, "device", c.state.tenant.did(i));
    c.store.schedules.delete(s.id);
    return ok({});
  });

  add("GET", "/app/common_scheduler", (c) => {
    const user = requireUser(c);
    const { limit, skip } = paging(c);
    const did = qstr(c, "did");
    const groupId = qstr(c, "group_id");
    const sceneId = qstr(c, "scene_id");
    const all = [...c.store.schedules.values()].filter(
      (s) =>
        s.api === "common" &&
        s.owner === user.u &&
        (did === undefined || s.did === did) &&
        (groupId === undefined || s.groupId === groupId) &&
        (sceneId === undefined || s.sceneId === sceneId),
    );
    return ok(all.slice(skip, skip + limit).map((s) => scheduleJson(s, true)));
  });

  add("POST", "/app/common_scheduler", (c) => {
    const user = requireUser(c);
    const s = build(c, user, "common", parse(scheduleSchema, body(c)), null);
    c.store.addSchedule(s);
    return ok({ id: s.id }, 201);
  });

  add("PUT", "/app/common_scheduler/{id}", (c) => {
    const user = requireUser(c);
    const prev = owned(c, user, c.params.id, "common");
    const s = build(c, user, "common", parse(scheduleSchema, merged(prev, body(c))), null, prev);
    c.store.schedules.set(s.id, s);
    return ok({ id: s.id });
  });

  add("DELETE", "/app/common_scheduler/{id}", (c) => {
    const user = requireUser(c);
    const s = owned(c, user, c.params.id, "common");
    c.store.schedules.delete(s.id);
    return ok({});
  });
}
