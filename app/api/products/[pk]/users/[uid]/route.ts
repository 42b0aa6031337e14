import { USER_DEVICES_LIMIT, type UserDetail } from "@/lib/schemas/users";
import { searchDevices } from "@/server/gizwits/devices";
import { searchBoundUsers } from "@/server/gizwits/users";
import { defineRoute } from "@/server/http/route";
import { userParams } from "@/server/http/params";
import { toDeviceRow } from "@/server/console/device-search";
import { toUserRows } from "@/server/console/users";

/**
 * GET /api/products/{pk}/users/{uid} — the profile (bound-user search by uid) and the devices
 * bound to the user (devices/search type=uid): two upstream calls, in parallel. The bound-user
 * search only knows users with a device in the product, so `user` is null for anyone else — the
 * page still opens, so a device can be bound to them.
 */
export const GET = defineRoute({ permission: "read", params: userParams }, async ({ params }): Promise<UserDetail> => {
  const [users, devices] = await Promise.all([
    searchBoundUsers(params.pk, { type: "uid", val: params.uid, limit: 1, priority: "interactive" }),
    searchDevices(params.pk, { type: "uid", val: params.uid, showDisabled: true, limit: USER_DEVICES_LIMIT }, { priority: "interactive" }),
  ]);
  const [user] = await toUserRows(users.objects.filter((u) => u.uid === params.uid));
  return { uid: params.uid, user: user ?? null, devices: devices.objects.map(toDeviceRow), devicesTotal: devices.total };
});
