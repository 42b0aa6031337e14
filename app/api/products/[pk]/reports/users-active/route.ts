import { checks, guarded } from "@/lib/schemas/guards";
import { dayRangeQuerySchema, type DailyCountsDto } from "@/lib/schemas/reports";
import { getActiveUsersTotal } from "@/server/gizwits/users";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { checkRange, reportCall } from "@/server/console/reports";

// GET /api/products/{pk}/reports/users-active — active users per day (users/liveness_total).
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(dayRangeQuerySchema, { start: checks.day, end: checks.day }) },
  async ({ params, query }): Promise<DailyCountsDto> => {
    checkRange("date", query.start, query.end);
    const data = await reportCall(() =>
      getActiveUsersTotal(params.pk, { startDate: query.start, endDate: query.end, priority: "interactive" }),
    );
    return { data };
  },
);
