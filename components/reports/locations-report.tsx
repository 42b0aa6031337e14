"use client";

import { useQuery } from "@tanstack/react-query";
import { locationsOptions, type LocationsFilter } from "@/lib/queries/reports";
import { GroupPicker } from "../groups/group-picker";
import { useFormat, useT } from "../i18n";
import { Card, CardBody, CardHeader } from "../ui/card";
import { Select } from "../ui/select";
import { useUrlParams } from "../ui/use-url-param";
import { ReportMap, type DeviceLinkFilter } from "./report-map";

const STATES = ["all", "online", "offline", "faulty", "alert"] as const;
type State = (typeof STATES)[number];
const STATE_KEY = { all: "stateAll", online: "stateOnline", offline: "stateOffline", faulty: "stateFaulty", alert: "stateAlert" } as const;

function filterOf(state: State, gid: string | undefined): LocationsFilter & DeviceLinkFilter {
  const f: LocationsFilter & DeviceLinkFilter = { gid };
  if (state === "online") f.is_online = "1";
  if (state === "offline") f.is_online = "0";
  if (state === "faulty") f.is_faulty = "1";
  if (state === "alert") f.is_alert = "1";
  return f;
}

/** Where the devices are now, optionally only the online / offline / faulty / alerting ones of a group. */
export function LocationsReport({ productKey }: { productKey: string }) {
  const t = useT("reports");
  const fmt = useFormat();
  const { params, set } = useUrlParams();
  const gid = params.get("gid") ?? undefined;
  const rawState = params.get("state");
  const state: State = (STATES as readonly string[]).includes(rawState ?? "") ? (rawState as State) : "all";
  const filter = filterOf(state, gid);
  const q = useQuery(locationsOptions(productKey, filter));
  const title = `${t("tabLocations")} · ${t(STATE_KEY[state])}`;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-44">
          <label htmlFor="report-state" className="mb-0.5 block text-xs text-ink-muted">
            {t("filterState")}
          </label>
          <Select
            id="report-state"
            value={state}
            onChange={(e) => set({ state: e.target.value === "all" ? null : e.target.value })}
            options={STATES.map((s) => ({ value: s, label: t(STATE_KEY[s]) }))}
          />
        </div>
        <div className="w-56">
          <GroupPicker productKey={productKey} value={gid ?? null} onChange={(g) => set({ gid: g })} label={t("group")} />
        </div>
      </div>
      <Card>
        <CardHeader
          title={title}
          description={q.data?.total !== undefined ? `${t("totalDevices")}: ${fmt.number(q.data.total)}` : undefined}
        />
        <CardBody>
          <ReportMap
            productKey={productKey}
            report={q.data}
            loading={q.isPending || q.isFetching}
            error={q.error}
            onRetry={() => void q.refetch()}
            title={title}
            measures={["count"]}
            devices={{ gid, is_online: filter.is_online, is_faulty: filter.is_faulty, is_alert: filter.is_alert }}
          />
        </CardBody>
      </Card>
    </div>
  );
}
