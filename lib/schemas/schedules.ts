import { z } from "zod";
import { controlBodySchema } from "../control";
import { WEEKDAYS } from "../schedule-time";

/**
 * Route input and DTOs of the schedule routes (…/devices/[did]/schedules, …/groups/[gid]/schedules).
 * The browser sends what the operator entered, in the zone it was entered in; the server converts
 * it to the Open API's UTC form with lib/schedule-time.ts (and refuses what UTC cannot express).
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

export const recurrenceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("once"), date: day }),
  z.strictObject({ kind: z.literal("weekly"), weekdays: z.array(z.enum(WEEKDAYS)).min(1).max(7) }),
  z.strictObject({ kind: z.literal("monthly"), days: z.array(z.number().int().min(1).max(31)).min(1).max(31) }),
]);

/** POST …/schedules and the full form of PUT …/schedules/[id]. */
export const scheduleWriteSchema = z.strictObject({
  /** The IANA zone the times were entered in (the console's display zone). */
  timeZone: z.string().min(1).max(64),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM"),
  recurrence: recurrenceSchema,
  startDate: day.nullable().optional(),
  endDate: day.nullable().optional(),
  /** Data point values (re-checked against the product) or raw bytes (stored as hex, the scheduler's default coding). */
  command: controlBodySchema,
  enabled: z.boolean().default(true),
  remark: z.string().max(200).optional(),
});
export type ScheduleWrite = z.input<typeof scheduleWriteSchema>;

/** PUT …/schedules/[id]: the whole schedule, or only `enabled` (the rest is re-sent as stored). */
export const scheduleUpdateSchema = z.union([scheduleWriteSchema, z.strictObject({ enabled: z.boolean() })]);
export type ScheduleUpdate = z.input<typeof scheduleUpdateSchema>;

/** A schedule id as the Open API answers it: 24 hex digits (a MongoDB ObjectId, e.g. "59c9f57f8c7d50001963992c"). */
export const scheduleIdSchema = z.string().regex(/^[0-9a-fA-F]{24}$/, "a schedule id (24 hex digits)");

/** A stored schedule as the routes answer it: the UTC form as Gizwits keeps it. */
export const scheduleDtoSchema = z.object({
  id: z.string(),
  enabled: z.boolean(),
  remark: z.string().nullable(),
  command: z.union([z.object({ attrs: z.record(z.string(), z.unknown()) }), z.object({ raw: z.string() }), z.null()]),
  /** UTC, as stored: time HH:MM, repeat none | day | "mon,tue", date (one-off), days (monthly). */
  utc: z.object({
    time: z.string().nullable(),
    repeat: z.string(),
    date: z.string().nullable(),
    days: z.array(z.number()),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
  }),
  createdAt: z.number().nullable(),
});
export type ScheduleDto = z.output<typeof scheduleDtoSchema>;

/** GET …/devices/[did]/schedules. */
export const deviceSchedulesSchema = z.object({
  /** Whether the console's Open API service user is bound to the device (the first schedule binds it). */
  bound: z.boolean(),
  schedules: z.array(scheduleDtoSchema),
});
export type DeviceSchedules = z.output<typeof deviceSchedulesSchema>;

/** The app group of the console's service user that mirrors a console group for its schedules. */
export const groupMirrorSchema = z.object({
  appGroupId: z.string(),
  /** Devices in the app group now: what a group schedule acts on. */
  covered: z.number().int(),
  /** The last sync (from the audit log): when, by whom, and the MACs that could not be bound. */
  lastSync: z
    .object({
      at: z.number(),
      by: z.string(),
      members: z.number().int(),
      notCovered: z.array(z.object({ mac: z.string(), reason: z.string() })),
    })
    .nullable(),
});

/** GET …/groups/[gid]/schedules. */
export const groupSchedulesSchema = z.object({
  mirror: groupMirrorSchema.nullable(),
  schedules: z.array(scheduleDtoSchema),
});
export type GroupSchedules = z.output<typeof groupSchedulesSchema>;

/** Answer of every schedule write: the schedule's id, plus what the console did on the way. */
export const scheduleWriteResultSchema = z.object({
  id: z.string(),
  /** The device the service user was bound to first (device schedules). */
  boundNow: z.boolean(),
  /** Group schedules: the membership synced before saving. */
  sync: z
    .object({
      members: z.number().int(),
      covered: z.number().int(),
      boundNow: z.number().int(),
      added: z.number().int(),
      removed: z.number().int(),
      notCovered: z.array(z.object({ mac: z.string(), reason: z.string() })),
    })
    .nullable(),
});
export type ScheduleWriteResult = z.output<typeof scheduleWriteResultSchema>;
