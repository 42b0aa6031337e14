import type { AppidList } from "@/lib/schemas/users";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { appidsOf } from "@/server/console/users";

// GET /api/products/{pk}/appids — the app IDs configured for the product (ids only: they are not secrets).
export const GET = defineRoute({ permission: "read", params: productParams }, ({ params }): AppidList => {
  return { appids: appidsOf(params.pk).map((appid) => ({ appid })) };
});
