"use client";

import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { measures as measuresOf } from "@/lib/location-tree";
import { faultReportOptions } from "@/lib/queries/reports";
import type { FaultKind, FaultScope } from "@/lib/schemas/reports";
import { BarChart } from "../charts/lazy";
import { GroupPicker } from "../groups/group-picker";
import { useFormat, useLocale, useT } from "../i18n";
import { Card, CardBody, CardHeader } from "../ui/card";
import { Tabs } from "../ui/tabs";
import { useUrlParams } from "../ui/use-url-param";
import { datapointLabel, useProductDatapoints } from "./datapoint-labels";
import { ReportMap } from "./report-map";

/**
 * Fault or alert report: devices (how many devices had one) or events (how many happened, per
 * datapoint), each split into resolved and unresolved, with the map by place.
 */
export function FaultReport({ productKey, kind }: { productKey: string; kind: FaultKind }) {
  const t = useT("reports");
  const fmt = useFormat();
  const locale = useLocale();
  const { params, set } = useUrlParams();
  const gid = params.get("gid") ?? undefined;
  const scope: FaultScope = params.get("scope") === "events" ? "events" : "devices";
  const q = useQuery(faultReportOptions(productKey, kind, scope, gid));
  const labels = useProductDatapoints(productKey, locale);
  const counts = q.data?.counts ?? {};
  const detail = useMemo(() => Object.entries(q.data?.detail ?? {}).sort((a, b) => (b[1].total ?? 0) - (a[1].total ?? 0)), [q.data]);
  const title = t(`${kind}Title${scope === "events" ? "Events" : "Devices"}`);
  const mapMeasures = useMemo(() => {
    const all = measuresOf(q.data?.nodes ?? []);
    const first = ["unresolved", "total", "resolved"].filter((m) => all.includes(m));
    return [...first, ...all.filter((m) => !first.includes(m))];
  }, [q.data]);
  const flag = kind === "fault" ? { is_faulty: "1" as const } : { is_alert: "1" as const };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <Tabs
          aria-label={t("scope")}
          idBase={`${kind}-scope`}
          value={scope}
          onValueChange={(v) => set({ scope: v === "devices" ? null : v })}
          items={[
            { value: "devices", label: t("scopeDevices") },
            { value: "events", label: t("scopeEvents") },
          ]}
        />
        <div className="w-56">
          <GroupPicker productKey={productKey} value={gid ?? null} onChange={(g) => set({ gid: g })} label={t("group")} />
        </div>
      </div>
      <Card>
        <CardHeader title={title} description={t("measureHint")} />
        <CardBody className="flex flex-col gap-4">
          <dl className="grid grid-cols-3 gap-3" data-testid="fault-totals">
            {(["total", "resolved", "unresolved"] as const).map((k) => (
              <div key={k} className="rounded-md border border-line px-3 py-2">
                <dt className="text-xs text-ink-muted">{t(k === "total" ? "faultsTotal" : k)}</dt>
                <dd className="text-xl font-semibold tabular-nums text-ink" data-measure={k}>
                  {q.data ? fmt.number(counts[k] ?? 0) : "—"}
                </dd>
              </div>
            ))}
          </dl>
          {detail.length > 0 ? (
            <BarChart
              title={`${title} · ${t("byDatapoint")}`}
              categories={detail.map(([dp]) => datapointLabel(labels, dp))}
              series={[
                { name: t("resolved"), values: detail.map(([, c]) => c.resolved ?? 0), stack: "s" },
                { name: t("unresolved"), values: detail.map(([, c]) => c.unresolved ?? 0), stack: "s" },
              ]}
              categoryHeader={t("datapoint")}
              horizontal
            />
          ) : null}
          <ReportMap
            productKey={productKey}
            report={q.data}
            loading={q.isPending || q.isFetching}
            error={q.error}
            onRetry={() => void q.refetch()}
            title={title}
            measures={mapMeasures}
            datapointLabels={labels}
            devices={{ gid, ...flag }}
          />
        </CardBody>
      </Card>
    </div>
  );
}
