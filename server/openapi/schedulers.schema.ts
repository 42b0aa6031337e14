import "server-only";
import { z } from "zod";
import { boolish, nullableString, numberish, pageMetaSchema } from "@/server/gizwits/common.schema";
import { unixSeconds } from "./devices.schema";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

/**
 * A schedule as the console sends it (device scheduler and common_scheduler alike). All times are
 * UTC, as the Open API documents. `repeat`: "none" (once, on `date`), "day" (on the days of the
 * month in `days`), or weekdays ("mon,wed" / ["mon", "wed"]).
 */
export const scheduleInputSchema = z
  .object({
    attrs: z.record(z.string().min(1).max(64), z.union([z.number(), z.string().max(2048), z.boolean()])).optional(),
    /** Raw command as hex (the scheduler's documented default encoding). */
    raw: z
      .string()
      .regex(/^([0-9a-fA-F]{2})+$/, "hex bytes")
      .optional(),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM (UTC)"),
    repeat: z.union([
      z.literal("none"),
      z.literal("day"),
      z.array(z.enum(WEEKDAYS)).min(1),
      z.string().regex(/^(mon|tue|wed|thu|fri|sat|sun)(,(mon|tue|wed|thu|fri|sat|sun))*$/),
    ]),
    date: date.optional(),
    days: z.array(z.number().int().min(1).max(31)).optional(),
    startDate: date.optional(),
    endDate: date.optional(),
    enabled: z.boolean().optional(),
    remark: z.string().max(256).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.repeat === "none" && !s.date) ctx.addIssue({ code: "custom", path: ["date"], message: "a one-time schedule needs a date" });
    if (s.repeat === "day" && !s.days?.length) ctx.addIssue({ code: "custom", path: ["days"], message: "a monthly schedule needs days" });
    if (s.startDate && s.endDate && s.startDate > s.endDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "ends before it starts" });
  })
  .transform((s) => ({
    attrs: s.attrs,
    raw: s.raw,
    time: s.time,
    repeat: Array.isArray(s.repeat) ? [...new Set(s.repeat)].join(",") : s.repeat,
    date: s.date,
    days: s.repeat === "day" ? s.days : undefined,
    start_date: s.startDate,
    end_date: s.endDate,
    enabled: s.enabled,
    remark: s.remark,
  }));
export type ScheduleInput = z.input<typeof scheduleInputSchema>;
/** The wire body (snake_case) of a schedule. */
export type ScheduleBody = z.output<typeof scheduleInputSchema>;

/** A schedule as GET /app/devices/{did}/scheduler and GET /app/common_scheduler list it. */
export const scheduleSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    created_at: unixSeconds.optional(),
    product_key: nullableString.optional(),
    did: nullableString.optional(),
    group_id: nullableString.optional(),
    scene_id: nullableString.optional(),
    raw: z.union([z.string(), z.array(z.number()), z.null()]).optional(),
    attrs: z.record(z.string(), z.unknown()).nullable().optional(),
    date: nullableString.optional(),
    time: nullableString.optional(),
    repeat: nullableString.optional(),
    days: z.array(numberish).nullable().optional(),
    start_date: nullableString.optional(),
    end_date: nullableString.optional(),
    enabled: boolish.nullable().optional(),
    remark: nullableString.optional(),
  })
  .transform((s) => ({
    id: s.id,
    createdAt: s.created_at ?? null,
    productKey: s.product_key || null,
    did: s.did || null,
    groupId: s.group_id || null,
    sceneId: s.scene_id || null,
    /** Hex (or a decimal array from an older client); null when the schedule sets attrs. */
    raw: s.raw === "" || s.raw === undefined || s.raw === null || (Array.isArray(s.raw) && s.raw.length === 0) ? null : s.raw,
    attrs: s.attrs && Object.keys(s.attrs).length ? s.attrs : null,
    /** UTC. */
    date: s.date || null,
    time: s.time ?? null,
    repeat: s.repeat || "none",
    days: s.days ?? [],
    startDate: s.start_date || null,
    endDate: s.end_date || null,
    enabled: s.enabled ?? true,
    remark: s.remark ?? null,
  }));
export type Schedule = z.output<typeof scheduleSchema>;

/** The doc shows a bare array; a `{ meta, objects }` page is accepted too. */
export const schedulesSchema = z.union([
  z.array(scheduleSchema),
  z.object({ meta: pageMetaSchema.optional(), objects: z.array(scheduleSchema) }).transform((p) => p.objects),
]);
