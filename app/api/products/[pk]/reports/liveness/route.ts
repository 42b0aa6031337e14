import { checks, guarded } from "@/lib/schemas/guards";
import { periodQuerySchema, type PeriodReportDto } from "@/lib/schemas/reports";
import { getLivenessHistory } from "@/server/gizwits/reports";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { checkRange, reportCall, toPeriodDto } from "@/server/console/reports";

// GET /api/products/{pk}/reports/liveness — active devices per day, ISO week or month, by place.
export const GET = defineRoute(
  {
    permission: "read",
    params: productParams,
    query: guarded(periodQuerySchema, { gid: checks.gid, start: checks.period, end: checks.period }),
  },
  async ({ params, query }): Promise<PeriodReportDto> => {
    checkRange(query.cycle, query.start, query.end);
    const r = await reportCall(() => getLivenessHistory(params.pk, query, { priority: "interactive" }));
    return toPeriodDto(r, query);
  },
);
