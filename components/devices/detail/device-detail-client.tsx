"use client";

import { lazyClient } from "@/components/ui/lazy-client";
import Link from "next/link";
import { useEffect } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { deviceInfoOptions } from "@/lib/queries/device-detail";
import type { DeviceInfo } from "@/lib/schemas/device-detail";
import { useFormat, useT } from "@/components/i18n";
import { useProduct } from "@/components/product";
import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/lazy-error-state";
import { KeyValueList } from "@/components/ui/key-value";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonLines } from "@/components/ui/skeleton";
import { StatusBadge } from "@/components/ui/status-badge";
import { Badge } from "@/components/ui/badge";
import { Tabs, type TabItem } from "@/components/ui/tabs";
import { useUrlParams } from "@/components/ui/use-url-param";
import { StatusTab } from "./status-tab";

// Only the default tab (status) is in the page's first load; every other tab loads when it opens
// (first-load JS budget, issue 17).
const tabLoading = () => <SkeletonLines />;
const HistoryTab = lazyClient(() => import("./history-tab").then((m) => m.HistoryTab), { loading: tabLoading });
const AggTab = lazyClient(() => import("./agg-tab").then((m) => m.AggTab), { loading: tabLoading });
const CmdTab = lazyClient(() => import("./cmd-tab").then((m) => m.CmdTab), { loading: tabLoading });
const OnlineTab = lazyClient(() => import("./online-tab").then((m) => m.OnlineTab), { loading: tabLoading });
const UsersTab = lazyClient(() => import("./users-tab").then((m) => m.UsersTab), { loading: tabLoading });
const ControlTab = lazyClient(() => import("../control/control-tab").then((m) => m.ControlTab), { loading: tabLoading });

// Schedules (list, editor, time-zone conversion) load only when the tab opens.
const SchedulesTab = lazyClient(() => import("./schedules-tab").then((m) => m.SchedulesTab));

const TABS = ["status", "history", "agg", "cmd", "online", "users", "control", "schedules"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL = {
  status: "tabStatus",
  history: "tabHistory",
  agg: "tabAgg",
  cmd: "tabCmd",
  online: "tabOnline",
  users: "tabUsers",
  control: "tabControl",
  schedules: "tabSchedules",
} as const;

function versions(hard: string | null, soft: string | null): string {
  return hard || soft ? `${hard ?? "—"} / ${soft ?? "—"}` : "—";
}

function Header({ info }: { info: DeviceInfo }) {
  const t = useT("device-detail");
  // device_detail's `type`: "normal" in every example, "virtual" for virtual:site devices; others shown as sent.
  const deviceTypeLabel = (type: string) =>
    type === "normal"
      ? t("deviceTypeNormal")
      : type === "virtual"
        ? t("deviceTypeVirtual")
        : type === "sub_dev"
          ? t("deviceTypeSubDevice")
          : type;
  const f = useFormat();
  const location = [info.country, info.region, info.city].filter(Boolean).join(" / ") || t("unknown");
  return (
    <Card className="mb-4 p-4" data-testid="device-header">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <StatusBadge status={info.isOnline ? "online" : "offline"} label={info.isOnline ? t("online") : t("offline")} />
        {info.isDisabled ? <StatusBadge status="disabled" label={t("disabled")} /> : null}
        {info.isFaulty ? <StatusBadge status="fault" label={t("faulty")} /> : null}
        {info.isAlert ? <StatusBadge status="alert" label={t("alert")} /> : null}
        {info.type ? <Badge tone="info">{deviceTypeLabel(info.type)}</Badge> : null}
      </div>
      <KeyValueList
        columns={3}
        items={[
          { label: t("did"), value: info.did, mono: true },
          { label: t("mac"), value: info.mac, mono: true },
          { label: t("location"), value: location },
          { label: t("mcuVersion"), value: versions(info.mcuHardVersion, info.mcuSoftVersion), mono: true },
          { label: t("wifiVersion"), value: versions(info.wifiHardVersion, info.wifiSoftVersion), mono: true },
          {
            label: t("group"),
            value: info.group ? (info.group.name ?? info.group.gid) : info.groupLookup === "unknown" ? t("groupUnknown") : t("noGroup"),
          },
          { label: t("lastOnline"), value: info.onlineLatest ? f.dateTime(info.onlineLatest * 1000) : "—" },
          { label: t("registered"), value: info.createdAt ? f.dateTime(info.createdAt * 1000) : "—" },
        ]}
      />
    </Card>
  );
}

/** The device page: header facts and one tab at a time; only the open tab fetches. */
export function DeviceDetailClient({ id, canControl, canBind = false }: { id: string; canControl: boolean; canBind?: boolean }) {
  const t = useT("device-detail");
  const { productKey } = useProduct();
  const router = useRouter();
  const sp = useSearchParams();
  const { set } = useUrlParams();
  const info = useQuery({ ...deviceInfoOptions(productKey ?? "", id), enabled: !!productKey });

  // Opened by MAC: continue on the did's address, so links and reloads name the device one way.
  const did = info.data?.did;
  useEffect(() => {
    if (did && did !== id) router.replace(`/devices/${encodeURIComponent(did)}?${sp.toString()}`);
  }, [did, id, router, sp]);

  // Roles without the control permission get the command history only, under its own name.
  const items: TabItem[] = TABS.map((v) => ({ value: v, label: v === "control" && !canControl ? t("history") : t(TAB_LABEL[v]) }));
  const requested = sp.get("tab") ?? "status";
  const tab: Tab = (TABS as readonly string[]).includes(requested) ? (requested as Tab) : "status";

  return (
    <div>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            <Link href={`/devices${productKey ? `?product=${productKey}` : ""}`} className="text-ink-muted hover:text-ink">
              {t("back")}
            </Link>
            <span className="text-ink-subtle">/</span>
            <span className="font-mono">{info.data?.mac ?? id}</span>
          </span>
        }
      />
      {info.isLoading || !productKey ? (
        <Card className="mb-4 p-4">
          <SkeletonLines lines={3} />
        </Card>
      ) : info.error ? (
        <Card className="mb-4">
          <ErrorState error={info.error} onRetry={() => void info.refetch()} />
        </Card>
      ) : info.data ? (
        <Header info={info.data} />
      ) : null}
      {info.data && productKey ? (
        <>
          <Tabs
            items={items}
            value={tab}
            onValueChange={(v) => set({ tab: v === "status" ? null : v })}
            idBase="device"
            aria-label={t("title")}
            className="mb-4"
          />
          <div role="tabpanel" id={`device-panel-${tab}`} aria-labelledby={`device-tab-${tab}`}>
            {tab === "status" ? <StatusTab pk={productKey} did={info.data.did} /> : null}
            {tab === "history" ? <HistoryTab pk={productKey} did={info.data.did} /> : null}
            {tab === "agg" ? <AggTab pk={productKey} did={info.data.did} /> : null}
            {tab === "cmd" ? <CmdTab pk={productKey} did={info.data.did} /> : null}
            {tab === "online" ? <OnlineTab pk={productKey} did={info.data.did} /> : null}
            {tab === "users" ? <UsersTab pk={productKey} did={info.data.did} canBind={canBind} /> : null}
            {tab === "control" ? <ControlTab pk={productKey} info={info.data} canControl={canControl} /> : null}
            {tab === "schedules" ? <SchedulesTab pk={productKey} info={info.data} canWrite={canControl} /> : null}
          </div>
        </>
      ) : null}
    </div>
  );
}
