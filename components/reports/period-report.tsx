"use client";

import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { periodReportOptions } from "@/lib/queries/reports";
import type { Cycle } from "@/lib/schemas/reports";
import { BarChart } from "../charts/lazy";
import { GroupPicker } from "../groups/group-picker";
import { useFormat, useT } from "../i18n";
import { Card, CardBody, CardHeader } from "../ui/card";
import { Select } from "../ui/select";
import { useUrlParams } from "../ui/use-url-param";
import { PeriodPicker, usePeriod } from "./period-picker";
import { ReportMap } from "./report-map";
import { ReportError } from "./report-state";

const CYCLE_NOUN = { date: "cycleDate", week: "cycleWeek", month: "cycleMonth" } as const;

/**
 * Liveness history and activation: count per day / ISO week / month over a range, and the map of
 * one period of it (`at`, the newest by default).
 */
export function PeriodReport({ productKey, name }: { productKey: string; name: "liveness" | "activation" }) {
  const t = useT("reports");
  const f = useFormat();
  const { params, set } = useUrlParams();
  const gid = params.get("gid") ?? undefined;
  const [period, setPeriod] = usePeriod();
  const q = useQuery(periodReportOptions(productKey, name, { ...period, gid }));
  const data = useMemo(() => q.data?.data ?? [], [q.data]);
  const at = params.get("at");
  const shown = data.find((d) => d.period === at) ?? [...data].reverse().find((d) => d.location !== null) ?? data.at(-1);
  const total = data.reduce((s, d) => s + d.count, 0);
  const chartTitle = t(name === "liveness" ? "periodChartLive" : "periodChartActivation", { cycle: t(CYCLE_NOUN[period.cycle as Cycle]) });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <PeriodPicker value={period} onChange={setPeriod} />
        <div className="w-56">
          <GroupPicker
            productKey={productKey}
            value={gid ?? null}
            onChange={(g) => set({ gid: g, at: null }, { resetPage: true })}
            label={t("group")}
          />
        </div>
      </div>
      <Card>
        <CardHeader title={chartTitle} description={q.data ? `${t("periodTotal")}: ${f.number(total)}` : undefined} />
        <CardBody>
          {q.error && !q.data ? (
            <ReportError error={q.error} onRetry={() => void q.refetch()} />
          ) : (
            <BarChart
              title={chartTitle}
              categories={data.map((d) => d.period)}
              series={[{ name: t("count"), values: data.map((d) => d.count) }]}
              categoryHeader={t("period")}
              selected={shown ? data.indexOf(shown) : undefined}
              onCategoryClick={(i) => set({ at: data[i]?.period ?? null })}
              loading={q.isPending}
              height={240}
            />
          )}
        </CardBody>
      </Card>
      {q.data || q.isPending ? (
        <Card>
          <CardHeader
            title={`${chartTitle} · ${shown?.period ?? ""}`}
            actions={
              data.length > 1 ? (
                <label className="inline-flex items-center gap-1.5 text-xs text-ink-muted">
                  {t("periodShown")}
                  <Select
                    className="w-36"
                    size="sm"
                    value={shown?.period ?? ""}
                    onChange={(e) => set({ at: e.target.value })}
                    options={data.map((d) => ({ value: d.period, label: d.period }))}
                  />
                </label>
              ) : null
            }
          />
          <CardBody>
            <ReportMap
              productKey={productKey}
              report={shown?.location ?? (q.data ? { nodes: [] } : undefined)}
              loading={q.isPending}
              title={`${chartTitle}-${shown?.period ?? ""}`}
              devices={{ gid }}
            />
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
