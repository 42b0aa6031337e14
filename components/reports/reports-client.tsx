"use client";

import { lazyClient } from "@/components/ui/lazy-client";
import { useProduct } from "../product";
import { useT } from "../i18n";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";
import { Skeleton } from "../ui/skeleton";
import { UrlTabs, useUrlTab, type TabItem } from "../ui/tabs";
import { LocationsReport } from "./locations-report";

// Only the default report (locations) is in the page's first load; the others load when their tab
// opens (first-load JS budget, issue 17).
const reportLoading = () => <Skeleton className="h-80 w-full" />;
const PeriodReport = lazyClient(() => import("./period-report").then((m) => m.PeriodReport), { loading: reportLoading });
const DeviceDaysReport = lazyClient(() => import("./device-days-report").then((m) => m.DeviceDaysReport), { loading: reportLoading });
const FaultReport = lazyClient(() => import("./fault-report").then((m) => m.FaultReport), { loading: reportLoading });
const UsersReport = lazyClient(() => import("./users-report").then((m) => m.UsersReport), { loading: reportLoading });

export const REPORT_TABS = ["locations", "liveness", "activation", "active-devices", "new-devices", "faults", "alerts", "users"] as const;
const TAB_KEY = {
  locations: "tabLocations",
  liveness: "tabLiveness",
  activation: "tabActivation",
  "active-devices": "tabActiveDevices",
  "new-devices": "tabNewDevices",
  faults: "tabFaults",
  alerts: "tabAlerts",
  users: "tabUsers",
} as const;

/** Every report of the selected product, one tab each; the tab and its filters live in the URL. */
export function ReportsClient() {
  const t = useT("reports");
  const { productKey, isLoading } = useProduct();
  const items: TabItem[] = REPORT_TABS.map((v) => ({ value: v, label: t(TAB_KEY[v]) }));
  const tab = useUrlTab(items);

  let panel: React.ReactNode;
  if (!productKey) panel = isLoading ? <Skeleton className="h-80 w-full" /> : <EmptyState title={t("noProduct")} />;
  else if (tab === "locations") panel = <LocationsReport productKey={productKey} />;
  else if (tab === "liveness" || tab === "activation") panel = <PeriodReport key={tab} productKey={productKey} name={tab} />;
  else if (tab === "active-devices" || tab === "new-devices") panel = <DeviceDaysReport key={tab} productKey={productKey} name={tab} />;
  else if (tab === "faults") panel = <FaultReport key="fault" productKey={productKey} kind="fault" />;
  else if (tab === "alerts") panel = <FaultReport key="alert" productKey={productKey} kind="alert" />;
  else panel = <UsersReport productKey={productKey} />;

  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <UrlTabs items={items} aria-label={t("title")} idBase="report" className="mb-4 overflow-x-auto" />
      <div role="tabpanel" id={`report-panel-${tab}`} aria-labelledby={`report-tab-${tab}`}>
        {panel}
      </div>
    </div>
  );
}
