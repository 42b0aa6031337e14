import { checks, guarded, searchVal } from "@/lib/schemas/guards";
import type { z } from "zod";
import { deviceFilterSchema } from "@/lib/schemas/devices";
import type { groupMacsSchema } from "@/lib/schemas/groups";
import { errors } from "@/server/errors";
import { searchDevices } from "@/server/gizwits/devices";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { toUpstreamSearch } from "@/server/console/device-search";
import { collectSearchMacs } from "@/server/console/search-walk";
import { serverText } from "@/server/text";

/** "All results" moves are capped so one drop cannot drain the hourly budget. */
const MAX_MACS = 20_000;

// GET /api/products/{pk}/groups/search-macs?<device filter> — every MAC a device search matches.
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(deviceFilterSchema, { gid: checks.gid, val: searchVal("mac") }) },
  async ({ params, query }): Promise<z.output<typeof groupMacsSchema>> => {
    const macs = await collectSearchMacs(
      (skip, limit) => searchDevices(params.pk, { ...toUpstreamSearch(query), limit, skip }, { priority: "interactive" }),
      (total) => {
        if (total > MAX_MACS) {
          throw errors.validation(serverText("searchTooBroad", { total: total, max: MAX_MACS }));
        }
      },
    );
    return { macs };
  },
);
