import { checks, guarded, searchVal } from "@/lib/schemas/guards";
import { deviceFilterSchema, SEARCH_MAX_LIMIT } from "@/lib/schemas/devices";
import { env } from "@/server/env";
import { searchDevices } from "@/server/gizwits/devices";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { toDeviceRow, toUpstreamSearch } from "@/server/console/device-search";
import { deviceExportStream } from "@/server/console/device-export";

// GET /api/products/{pk}/devices/export?<filters> → text/csv (UTF-8 with BOM), every page, streamed.
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(deviceFilterSchema, { gid: checks.gid, val: searchVal("mac") }) },
  async ({ params, query, locale }) => {
    const search = toUpstreamSearch(query);
    const now = Date.now();
    const stream = await deviceExportStream({
      productKey: params.pk,
      filter: query,
      locale,
      timeZone: env().CONSOLE_TIMEZONE,
      now,
      // Exports are background work: they stop at the interactive reserve instead of starving operators.
      fetchPage: async (skip) => {
        const r = await searchDevices(params.pk, { ...search, limit: SEARCH_MAX_LIMIT, skip }, { priority: "background" });
        return { devices: r.objects.map(toDeviceRow), total: r.total };
      },
    });
    const stamp = new Date(now).toISOString().replace(/[-:]/g, "").slice(0, 13);
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="devices-${params.pk}-${stamp}.csv"`,
      },
    });
  },
);
