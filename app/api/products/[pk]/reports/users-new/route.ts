import { checks, guarded } from "@/lib/schemas/guards";
import { periodQuerySchema, type PeriodReportDto } from "@/lib/schemas/reports";
import { getNewUsersReport } from "@/server/gizwits/reports";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { checkRange, reportCall } from "@/server/console/reports";

// GET /api/products/{pk}/reports/users-new — users who first bound a device, per day, ISO week or month.
export const GET = defineRoute(
  {
    permission: "read",
    params: productParams,
    query: guarded(periodQuerySchema, { gid: checks.gid, start: checks.period, end: checks.period }),
  },
  async ({ params, query }): Promise<PeriodReportDto> => {
    checkRange(query.cycle, query.start, query.end);
    const r = await reportCall(() => getNewUsersReport(params.pk, query, { priority: "interactive" }));
    return {
      cycle: query.cycle,
      start: r.start ?? query.start,
      end: r.end ?? query.end,
      gid: r.gid ?? null,
      data: r.data.map((d, i) => ({ period: d.period ?? String(i + 1), count: d.count, location: null })),
    };
  },
);
