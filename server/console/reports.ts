import "server-only";
import { zonedDayKey } from "@/lib/zoned-time";
import { rangeProblem, type Cycle, type PeriodReportDto } from "@/lib/schemas/reports";
import { env } from "@/server/env";
import { AppError, errors } from "@/server/errors";
import type { PeriodLocationReport } from "@/server/gizwits/reports.schema";

/** Today in the console's time zone, the day the T+1 rule counts from. */
export function today(): string {
  return zonedDayKey(Date.now(), env().CONSOLE_TIMEZONE);
}

const UNIT = {
  date: { en: "30 days", zh: "30 天" },
  week: { en: "53 weeks", zh: "53 周" },
  month: { en: "12 months", zh: "12 个月" },
} as const;

/** The picker's rules, enforced again here: a refused range costs no upstream call. */
export function checkRange(cycle: Cycle, start: string, end: string, opts: { limit?: boolean } = {}): void {
  const problem = rangeProblem(cycle, start, end, today());
  if (problem === null || (problem === "limit" && opts.limit === false)) return;
  const u = UNIT[cycle];
  const text = {
    format: {
      en: "Use dates like 2024-05-01 (day), 2024-18 (ISO week) or 2024-05 (month), matching the cycle.",
      "zh-CN": "请按统计周期填写：日如 2024-05-01，周如 2024-18（ISO 周），月如 2024-05。",
    },
    order: { en: "The end must not be before the start.", "zh-CN": "结束不能早于开始。" },
    limit: { en: `A report covers at most ${u.en}.`, "zh-CN": `报表最多覆盖 ${u.zh}。` },
    future: {
      en: "Reports are computed the next day: pick periods up to yesterday.",
      "zh-CN": "报表在次日生成：请选择截至昨天的周期。",
    },
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
      throw new AppError(
        "NOT_FOUND",
        {
          en: "This report is not available in this Gizwits environment.",
          "zh-CN": "当前机智云环境不提供此报表。",
        },
        { status: 404, cause: e },
      );
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
