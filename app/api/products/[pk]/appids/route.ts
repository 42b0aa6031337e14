import { productParamsSchema, type AppidList } from "@/lib/schemas/users";
import { defineRoute } from "@/server/http/route";
import { requireProduct } from "../devices/[did]/_device";
import { appidsOf } from "../users/_users";

// GET /api/products/{pk}/appids — the app IDs configured for the product (ids only: they are not secrets).
export const GET = defineRoute({ permission: "read", params: productParamsSchema }, ({ params }): AppidList => {
  requireProduct(params.pk);
  return { appids: appidsOf(params.pk).map((appid) => ({ appid })) };
});
