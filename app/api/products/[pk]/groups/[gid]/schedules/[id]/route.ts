import type { ScheduleWriteResult } from "@/lib/schemas/schedules";
import { scheduleIdSchema, scheduleUpdateSchema } from "@/lib/schemas/schedules";
import { deleteGroupScheduleFor, updateGroupScheduleFor } from "@/server/console/schedules";
import { groupParams } from "@/server/http/params";
import { defineRoute } from "@/server/http/route";

const params = groupParams.extend({ id: scheduleIdSchema });

/** PUT: the whole schedule (edit; re-syncs the membership), or `{ enabled }` alone (enable/disable). */
export const PUT = defineRoute(
  { permission: "control", params, body: scheduleUpdateSchema },
  async ({ user, params, body }): Promise<ScheduleWriteResult> => updateGroupScheduleFor(user, params.pk, params.gid, params.id, body),
);

export const DELETE = defineRoute({ permission: "control", params }, async ({ user, params }) => {
  await deleteGroupScheduleFor(user, params.pk, params.gid, params.id);
  return undefined;
});
