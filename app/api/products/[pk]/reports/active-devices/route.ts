import { checks, guarded } from "@/lib/schemas/guards";
import { deviceDaysQuerySchema, type DeviceDayPageDto } from "@/lib/schemas/reports";
import { getActiveDevices } from "@/server/gizwits/reports";
import { pageWindow } from "@/lib/schemas/paging";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { checkRange, reportCall } from "@/server/console/reports";

// GET /api/products/{pk}/reports/active-devices — devices active on each day of a range (active_devices), one page.
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(deviceDaysQuerySchema, { start: checks.day, end: checks.day }) },
  async ({ params, query }): Promise<DeviceDayPageDto> => {
    checkRange("date", query.start, query.end, { limit: false });
    const { page, page_size: pageSize } = query;
    const r = await reportCall(() =>
      getActiveDevices(
        params.pk,
        {
          start: query.start,
          end: query.end,
          country: query.country,
          region: query.region,
          city: query.city,
          ...pageWindow(query),
        },
        { priority: "interactive" },
      ),
    );
    return { rows: r.objects, total: r.total, page, pageSize };
  },
);
