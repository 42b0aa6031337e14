import { checks, guarded, searchVal } from "@/lib/schemas/guards";
import { deviceSearchQuerySchema, type DeviceSearchResult } from "@/lib/schemas/devices";
import { pageWindow } from "@/lib/schemas/paging";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { searchDevices } from "@/server/gizwits/devices";
import { toDeviceRow, toUpstreamSearch } from "@/server/console/device-search";
import { fillPage } from "@/server/console/search-walk";

// GET /api/products/{pk}/devices/search?<filters>&page=&page_size=
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(deviceSearchQuerySchema, { gid: checks.gid, val: searchVal("mac") }) },
  async ({ params, query }): Promise<DeviceSearchResult> => {
    const { page, page_size: pageSize, ...filter } = query;
    const search = toUpstreamSearch(filter);
    const { skip, limit } = pageWindow(query);
    // A page the upstream cut short is completed from where it stopped.
    const r = await fillPage(
      (at, n) => searchDevices(params.pk, { ...search, skip: at, limit: n }, { priority: "interactive" }),
      skip,
      limit,
    );
    return { devices: r.objects.map(toDeviceRow), total: r.total, page, pageSize };
  },
);
