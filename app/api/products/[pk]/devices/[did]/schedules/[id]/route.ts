import type { ScheduleWriteResult } from "@/lib/schemas/schedules";
import { scheduleIdSchema, scheduleUpdateSchema } from "@/lib/schemas/schedules";
import { deleteDeviceScheduleFor, updateDeviceScheduleFor } from "@/server/console/schedules";
import { deviceParams } from "@/server/http/params";
import { defineRoute } from "@/server/http/route";

const params = deviceParams.extend({ id: scheduleIdSchema });

/** PUT: the whole schedule (edit), or `{ enabled }` alone (enable/disable). */
export const PUT = defineRoute(
  { permission: "control", params, body: scheduleUpdateSchema },
  async ({ user, params, body }): Promise<ScheduleWriteResult> => updateDeviceScheduleFor(user, params.pk, params.did, params.id, body),
);

export const DELETE = defineRoute({ permission: "control", params }, async ({ user, params }) => {
  await deleteDeviceScheduleFor(user, params.pk, params.did, params.id);
  return undefined;
});
