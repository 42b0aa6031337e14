import type { GroupSchedules, ScheduleWriteResult } from "@/lib/schemas/schedules";
import { scheduleWriteSchema } from "@/lib/schemas/schedules";
import { createGroupScheduleFor, groupSchedules } from "@/server/console/schedules";
import { groupParams } from "@/server/http/params";
import { defineRoute } from "@/server/http/route";

// GET /api/products/{pk}/groups/{gid}/schedules — the group's schedules and the membership they cover.
export const GET = defineRoute(
  { permission: "read", params: groupParams },
  async ({ params }): Promise<GroupSchedules> => groupSchedules(params.pk, params.gid),
);

/** POST: syncs the group's members into its app group (binding them as needed), then creates a common_scheduler schedule on it. */
export const POST = defineRoute(
  { permission: "control", params: groupParams, body: scheduleWriteSchema },
  async ({ user, params, body }): Promise<ScheduleWriteResult> => createGroupScheduleFor(user, params.pk, params.gid, body),
);
