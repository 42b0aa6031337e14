import { locateBodySchema, type LocateResult } from "@/lib/schemas/groups";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { locateMacs } from "@/server/console/group-index";

/**
 * POST /api/products/{pk}/groups/locate {macs} → each MAC's current group (null: none), from the
 * product's MAC → gid index (every group's members, cached, invalidated by group writes), so a
 * move can be undone. A POST only because the list can be long; it changes nothing, so it needs
 * only read permission.
 */
export const POST = defineRoute(
  { permission: "read", params: productParams, body: locateBodySchema },
  async ({ params, body }): Promise<LocateResult> => ({ groups: await locateMacs(params.pk, body.macs) }),
);
