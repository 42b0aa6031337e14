import type { Translator } from "@/lib/i18n/core";
import type { schedules } from "@/lib/i18n/messages/schedules";
import type { ScheduleTiming, TimingProblem, Weekday } from "@/lib/schedule-time";
import type { ScheduleDto } from "@/lib/schemas/schedules";

type T = Translator<(typeof schedules)["en"]>;

const WORKWEEK: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri"];

/** A timing in words, in the zone it is expressed in ("Every weekday at 08:00"). */
export function describeTiming(t: T, timing: ScheduleTiming): string {
  const r = timing.recurrence;
  let s: string;
  if (r.kind === "once") s = t("once", { date: r.date, time: timing.time });
  else if (r.kind === "weekly") {
    const workweek = r.weekdays.length === 5 && WORKWEEK.every((w) => r.weekdays.includes(w));
    const days = workweek ? t("everyWeekday") : r.weekdays.length === 7 ? t("everyDay") : r.weekdays.map((w) => t(w)).join(", ");
    s = t("weekly", { days, time: timing.time });
  } else s = t("monthly", { days: r.days.join(", "), time: timing.time });
  const bounds = [
    timing.startDate ? t("between", { start: timing.startDate }) : "",
    timing.endDate ? t("until", { end: timing.endDate }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  return bounds ? `${s} · ${bounds}` : s;
}

/** The stored UTC form, compact and language-neutral ("00:00 UTC mon,tue,wed,thu,fri"). */
export function utcText(
  u: ScheduleDto["utc"] | { time: string; repeat: string; date?: string; days?: number[]; startDate?: string; endDate?: string },
): string {
  const when = u.repeat === "none" ? (u.date ?? "") : u.repeat === "day" ? `day ${(u.days ?? []).join(",")}` : u.repeat;
  const bounds = u.startDate || u.endDate ? ` [${u.startDate ?? "…"} – ${u.endDate ?? "…"}]` : "";
  return `${when} ${u.time ?? "?"} UTC${bounds}`;
}

/** A client-side timing problem in words. */
export function problemText(t: T, p: TimingProblem): string {
  switch (p.code) {
    case "badTime":
      return t("problem_badTime");
    case "badDate":
      return t("problem_badDate", { date: p.date });
    case "noWeekdays":
      return t("problem_noWeekdays");
    case "noDays":
      return t("problem_noDays");
    case "endBeforeStart":
      return t("problem_endBeforeStart");
    case "monthDayShift":
      return t(p.shift < 0 ? "problem_monthDayBack" : "problem_monthDayForward", { days: p.days.join(", ") });
  }
}

export function commandText(t: T, c: ScheduleDto["command"]): string {
  if (!c) return "—";
  if ("raw" in c) return t("commandRaw", { hex: c.raw });
  return Object.entries(c.attrs)
    .map(([k, v]) => `${k} = ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
}
