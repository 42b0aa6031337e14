import "server-only";
import { zonedDayKey } from "@/lib/zoned-time";
import { rangeProblem, type Cycle, type PeriodReportDto } from "@/lib/schemas/reports";
import { env } from "@/server/env";
import { AppError, errors } from "@/server/errors";
import type { PeriodLocationReport } from "@/server/gizwits/reports.schema";
import { serverText } from "@/server/text";

/** Today in the console's time zone, the day the T+1 rule counts from. */
export function today(): string {
  return zonedDayKey(Date.now(), env().CONSOLE_TIMEZONE);
}

const LIMIT = { date: "reportLimitDate", week: "reportLimitWeek", month: "reportLimitMonth" } as const;

/** The picker's rules, enforced again here: a refused range costs no upstream call. */
export function checkRange(cycle: Cycle, start: string, end: string, opts: { limit?: boolean } = {}): void {
  const problem = rangeProblem(cycle, start, end, today());
  if (problem === null || (problem === "limit" && opts.limit === false)) return;
  const text = {
    format: serverText("reportPeriodFormat"),
    order: serverText("reportEndBeforeStart"),
    limit: serverText(LIMIT[cycle]),
    future: serverText("reportFuture"),
  }[problem];
  throw errors.validation(text);
}

/**
 * Runs one report call. An endpoint the environment does not have answers a plain HTTP 404
 * (several reports exist only in Gizwits' mainland-China environment); that is told apart from
 * other refusals so the page can say "not available here" rather than "failed".
 */
export async function reportCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof AppError && e.code === "UPSTREAM" && e.upstreamCode === undefined && /HTTP 404\b/.test(e.text.en)) {
      throw new AppError("NOT_FOUND", serverText("reportUnavailable"), { status: 404, cause: e });
    }
    throw e;
  }
}

export function toPeriodDto(r: PeriodLocationReport, q: { cycle: Cycle; start: string; end: string }): PeriodReportDto {
  return {
    cycle: q.cycle,
    start: r.start ?? q.start,
    end: r.end ?? q.end,
    gid: r.gid ?? null,
    data: r.data.map((d, i) => ({ period: d.period ?? String(i + 1), count: d.count, location: d.location })),
  };
}
