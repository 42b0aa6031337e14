import type { z } from "zod";
import { deviceFilterSchema, SEARCH_MAX_LIMIT } from "@/lib/schemas/devices";
import type { groupMacsSchema } from "@/lib/schemas/groups";
import { errors } from "@/server/errors";
import { searchDevices } from "@/server/gizwits/devices";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { toUpstreamSearch } from "@/server/console/device-search";

/** "All results" moves are capped so one drop cannot drain the hourly budget. */
const MAX_MACS = 20_000;

// GET /api/products/{pk}/groups/search-macs?<device filter> — every MAC a device search matches.
export const GET = defineRoute(
  { permission: "read", params: productParams, query: deviceFilterSchema },
  async ({ params, query }): Promise<z.output<typeof groupMacsSchema>> => {
    const macs: string[] = [];
    for (let skip = 0; ; skip += SEARCH_MAX_LIMIT) {
      const r = await searchDevices(params.pk, { ...toUpstreamSearch(query), limit: SEARCH_MAX_LIMIT, skip }, { priority: "interactive" });
      if (r.total > MAX_MACS) {
        throw errors.validation({
          en: `The search matches ${r.total} devices; narrow it to at most ${MAX_MACS} to move them at once.`,
          "zh-CN": `该搜索匹配 ${r.total} 台设备，一次最多移动 ${MAX_MACS} 台，请缩小范围。`,
        });
      }
      macs.push(...r.objects.map((d) => d.mac.toLowerCase()));
      if (r.objects.length === 0 || skip + SEARCH_MAX_LIMIT >= r.total) break;
    }
    return { macs };
  },
);
