"use client";

import type { Catalogues } from "@/lib/i18n/catalogues";
import type { Translator } from "@/lib/i18n/core";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { devicesHref, locationsOptions, periodReportOptions, realtimeOptions, summaryOptions } from "@/lib/queries/reports";
import { defaultRange, shiftPeriod } from "@/lib/plain/report-periods";
import { BarChart } from "../charts/lazy";
import { useFormat, useT } from "../i18n";
import { useProduct } from "../product";
import { ReportMap } from "../reports/report-map";
import { ReportError } from "../reports/report-state";
import { useToday } from "../reports/use-today";
import { Card, CardBody, CardHeader } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";
import { Skeleton } from "../ui/skeleton";
import { useUrlParam } from "../ui/use-url-param";
import { GroupPicker } from "../groups/group-picker";

function Kpi({
  label,
  value,
  href,
  testId,
  tone,
}: {
  label: string;
  value: number | undefined;
  href: string | null;
  testId: string;
  tone?: "bad" | "warn" | "good";
}) {
  const f = useFormat();
  const toneClass = tone === "bad" ? "text-bad" : tone === "warn" ? "text-warn" : tone === "good" ? "text-good" : "text-ink";
  const body = (
    <>
      <span className="block text-xs text-ink-muted">{label}</span>
      <span className={`mt-0.5 block text-2xl font-semibold tabular-nums ${toneClass}`}>{value === undefined ? "—" : f.number(value)}</span>
    </>
  );
  const cls = "block rounded-md border border-line px-3 py-2";
  return href ? (
    <Link href={href} data-testid={testId} className={`${cls} transition-colors hover:border-accent hover:bg-accent-soft/40`}>
      {body}
    </Link>
  ) : (
    <div data-testid={testId} className={cls}>
      {body}
    </div>
  );
}

/** The managers' landing page: device counts, right-now states, the map and 30-day trends. */
export function OverviewClient() {
  const t = useT("reports");
  const { productKey: pk, isLoading } = useProduct();
  const today = useToday();
  if (!pk) {
    return (
      <div>
        <PageHeader title={t("overviewTitle")} />
        {isLoading ? <Skeleton className="h-80 w-full" /> : <EmptyState title={t("noProduct")} />}
      </div>
    );
  }
  return <Overview pk={pk} today={today} t={t} />;
}

function Overview({ pk, today, t }: { pk: string; today: string; t: Translator<Catalogues["reports"]> }) {
  // ?gid= narrows everything the API can narrow (right-now counts, map, trends, the lists the numbers open).
  const [gidParam, setGid] = useUrlParam("gid", "");
  const gid = gidParam || undefined;
  const summary = useQuery(summaryOptions(pk));
  const rt = useQuery(realtimeOptions(pk, gid));
  const locations = useQuery(locationsOptions(pk, { gid }));
  const trendRange = { cycle: "date" as const, ...defaultRange("date", today), gid };
  const live = useQuery(periodReportOptions(pk, "liveness", trendRange));
  const activation = useQuery(periodReportOptions(pk, "activation", trendRange));
  const s = summary.data;
  const rtc = rt.data?.counts;
  const yesterday = shiftPeriod("date", today, -1);
  // Who was new or active on given days is the activation/activity detail list of those days.
  const days = (tab: "new-devices" | "active-devices", n: number) =>
    `/reports?product=${encodeURIComponent(pk)}&tab=${tab}&start=${shiftPeriod("date", yesterday, -(n - 1))}&end=${yesterday}`;

  const trend = (q: typeof live, title: string, testId: string) => (
    <Card data-testid={testId}>
      <CardHeader title={title} description={t("last30Days")} />
      <CardBody>
        {q.error && !q.data ? (
          <ReportError compact error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <BarChart
            title={title}
            categories={(q.data?.data ?? []).map((d) => d.period.slice(5))}
            series={[{ name: t("count"), values: (q.data?.data ?? []).map((d) => d.count) }]}
            categoryHeader={t("date")}
            loading={q.isPending}
            height={180}
          />
        )}
      </CardBody>
    </Card>
  );

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={t("overviewTitle")}
        description={t("overviewDescription")}
        actions={
          <div className="flex items-end gap-3">
            <div className="w-56" data-testid="overview-group">
              {/* The tree is asked when the filter is opened: a cold Overview costs only its reports' calls. */}
              <GroupPicker productKey={pk} value={gid ?? null} onChange={(g) => setGid(g)} loadOnOpen />
            </div>
            <Link className="pb-1.5 text-sm text-accent hover:underline" href={`/reports?product=${encodeURIComponent(pk)}`}>
              {t("openReports")}
            </Link>
          </div>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={t("summaryTitle")} description={gid ? t("summaryWholeProduct") : undefined} />
          <CardBody>
            {summary.error && !s ? (
              <ReportError compact error={summary.error} onRetry={() => void summary.refetch()} />
            ) : (
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="overview-summary">
                <Kpi testId="kpi-online" label={t("onlineNow")} value={s?.online} tone="good" href={devicesHref(pk, { is_online: "1" })} />
                <Kpi testId="kpi-total" label={t("totalDevices")} value={s?.total} href={devicesHref(pk, {})} />
                <Kpi
                  testId="kpi-active-yesterday"
                  label={t("activeYesterday")}
                  value={s?.active.yesterday}
                  href={days("active-devices", 1)}
                />
                <Kpi testId="kpi-active-7" label={t("active7Days")} value={s?.active.last7Days} href={days("active-devices", 7)} />
                <Kpi
                  testId="kpi-new-today"
                  label={t("newToday")}
                  value={s?.new.today}
                  href={`/reports?product=${encodeURIComponent(pk)}&tab=new-devices&start=${today}&end=${today}`}
                />
                <Kpi testId="kpi-new-yesterday" label={t("newYesterday")} value={s?.new.yesterday} href={days("new-devices", 1)} />
                <Kpi testId="kpi-new-7" label={t("new7Days")} value={s?.new.last7Days} href={days("new-devices", 7)} />
                <Kpi testId="kpi-new-30" label={t("new30Days")} value={s?.new.last30Days} href={days("new-devices", 30)} />
              </div>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("realtimeTitle")} />
          <CardBody>
            {rt.error && !rt.data ? (
              <ReportError compact error={rt.error} onRetry={() => void rt.refetch()} />
            ) : (
              <div className="grid grid-cols-1 gap-3" data-testid="overview-realtime">
                <Kpi testId="kpi-activated" label={t("activated")} value={rtc?.activated} href={devicesHref(pk, { gid })} />
                <Kpi
                  testId="kpi-faulty"
                  label={t("faulty")}
                  value={rtc?.faulty}
                  tone="bad"
                  href={devicesHref(pk, { gid, is_faulty: "1" })}
                />
                <Kpi
                  testId="kpi-alerting"
                  label={t("alerting")}
                  value={rtc?.alert}
                  tone="warn"
                  href={devicesHref(pk, { gid, is_alert: "1" })}
                />
              </div>
            )}
          </CardBody>
        </Card>
      </div>
      <Card>
        <CardHeader title={t("deviceMap")} />
        <CardBody>
          <ReportMap
            productKey={pk}
            report={locations.data}
            loading={locations.isPending}
            error={locations.error}
            onRetry={() => void locations.refetch()}
            title={t("deviceMap")}
            measures={["count"]}
            devices={gid ? { gid } : {}}
          />
        </CardBody>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        {trend(live, t("trendActive"), "trend-active")}
        {trend(activation, t("trendNew"), "trend-new")}
      </div>
    </div>
  );
}
