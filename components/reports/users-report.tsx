"use client";

import { useQuery } from "@tanstack/react-query";
import { usersActiveOptions, usersLocationOptions, usersNewOptions, usersTotalOptions } from "@/lib/queries/reports";
import { defaultRange, type Cycle } from "@/lib/plain/report-periods";
import { BarChart } from "../charts/lazy";
import { GroupPicker } from "../groups/group-picker";
import { useFormat, useT } from "../i18n";
import { Card, CardBody, CardHeader } from "../ui/card";
import { useUrlParams } from "../ui/use-url-param";
import { PeriodPicker, usePeriod } from "./period-picker";
import { ReportMap } from "./report-map";
import { ReportError } from "./report-state";
import { useToday } from "./use-today";

const CYCLE_NOUN = { date: "cycleDate", week: "cycleWeek", month: "cycleMonth" } as const;

/** New users per period, active users per day, where the users are, and how many there are. */
export function UsersReport({ productKey }: { productKey: string }) {
  const t = useT("reports");
  const f = useFormat();
  const today = useToday();
  const { params, set } = useUrlParams();
  const gid = params.get("gid") ?? undefined;
  const [period, setPeriod] = usePeriod();
  // liveness_total is daily: a day range follows the picker, other cycles show the last 30 days.
  const days = period.cycle === "date" ? period : defaultRange("date", today);
  const total = useQuery(usersTotalOptions(productKey, gid));
  const fresh = useQuery(usersNewOptions(productKey, { ...period, gid }));
  const active = useQuery(usersActiveOptions(productKey, days.start, days.end));
  const location = useQuery(usersLocationOptions(productKey));
  const newTitle = t("usersNew", { cycle: t(CYCLE_NOUN[period.cycle as Cycle]) });
  const freshData = fresh.data?.data ?? [];
  const activeData = active.data?.data ?? [];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <PeriodPicker value={period} onChange={setPeriod} />
        <div className="w-56">
          <GroupPicker productKey={productKey} value={gid ?? null} onChange={(g) => set({ gid: g })} label={t("group")} />
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card>
          <CardHeader title={t("usersTotal")} />
          <CardBody>
            {total.error ? (
              <ReportError compact error={total.error} onRetry={() => void total.refetch()} />
            ) : (
              <p className="text-3xl font-semibold tabular-nums text-ink" data-testid="users-total">
                {total.data ? f.number(total.data.total) : "—"}
              </p>
            )}
          </CardBody>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader title={newTitle} />
          <CardBody>
            {fresh.error && !fresh.data ? (
              <ReportError compact error={fresh.error} onRetry={() => void fresh.refetch()} />
            ) : (
              <BarChart
                title={newTitle}
                categories={freshData.map((d) => d.period)}
                series={[{ name: t("users"), values: freshData.map((d) => d.count) }]}
                categoryHeader={t("period")}
                loading={fresh.isPending}
                height={220}
              />
            )}
          </CardBody>
        </Card>
      </div>
      <Card>
        <CardHeader title={t("usersActive")} description={`${days.start} – ${days.end}`} />
        <CardBody>
          {active.error && !active.data ? (
            <ReportError compact error={active.error} onRetry={() => void active.refetch()} />
          ) : (
            <BarChart
              title={t("usersActive")}
              categories={activeData.map((d) => d.date)}
              series={[{ name: t("users"), values: activeData.map((d) => d.count) }]}
              categoryHeader={t("date")}
              loading={active.isPending}
              height={220}
            />
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("usersLocation")} />
        <CardBody>
          <ReportMap
            productKey={productKey}
            report={location.data}
            loading={location.isPending}
            error={location.error}
            onRetry={() => void location.refetch()}
            title={t("usersLocation")}
            devices={null}
          />
        </CardBody>
      </Card>
    </div>
  );
}
