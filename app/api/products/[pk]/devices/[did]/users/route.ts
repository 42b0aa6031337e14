import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import type { BoundUsers } from "@/lib/schemas/device-detail";
import { searchBoundUsers } from "@/server/gizwits/users";
import { consoleServiceUsers } from "@/server/openapi/service-user";

// GET: users bound to the device (bound-user search by did), owner and the console's own service user marked.
export const GET = defineRoute({ permission: "read", params: deviceParams }, async ({ params }): Promise<BoundUsers> => {
  const [page, service] = await Promise.all([
    searchBoundUsers(params.pk, { type: "did", val: params.did, limit: 100 }),
    consoleServiceUsers(),
  ]);
  return {
    total: page.total,
    users: page.objects.map((u) => ({
      uid: u.uid,
      username: u.username,
      name: u.name,
      phone: u.phone,
      email: u.email,
      isAnonymous: u.isAnonymous,
      isOwner: u.isOwner === true,
      createdAt: u.createdAt,
      consoleServiceUser: service.has(u),
    })),
  };
});
