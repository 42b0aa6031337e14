import type { DeviceSchedules, ScheduleWriteResult } from "@/lib/schemas/schedules";
import { scheduleWriteSchema } from "@/lib/schemas/schedules";
import { createDeviceScheduleFor, deviceSchedules } from "@/server/console/schedules";
import { deviceParams } from "@/server/http/params";
import { defineRoute } from "@/server/http/route";

// GET /api/products/{pk}/devices/{did}/schedules — the device's schedules (UTC, as Gizwits keeps them).
export const GET = defineRoute(
  { permission: "read", params: deviceParams },
  async ({ params }): Promise<DeviceSchedules> => deviceSchedules(params.pk, params.did),
);

/** POST: a schedule entered in `timeZone`, stored in UTC; binds the console's service user to the device first if needed. */
export const POST = defineRoute(
  { permission: "control", params: deviceParams, body: scheduleWriteSchema },
  async ({ user, params, body }): Promise<ScheduleWriteResult> => createDeviceScheduleFor(user, params.pk, params.did, body),
);
