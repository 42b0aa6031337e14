"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { deviceExportUrl } from "@/lib/queries/devices";
import { quotaOptions } from "@/lib/queries/quota";
import { exportCalls, LARGE_EXPORT_CALLS } from "@/lib/plain/devices";
import type { DeviceFilter } from "@/lib/schemas/devices";
import { useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { IconDownload } from "@/components/ui/icons";
import { lazyClient } from "@/components/ui/lazy-client";
import { useToast } from "@/components/ui/toast";

// The cost dialog of a large export is fetched when it first opens (hovering or focusing the
// button starts it): the page's first load carries only the button (issue 17).
const loadCostDialog = () => import("./export-cost-dialog");
const ExportCostDialog = lazyClient(() => loadCostDialog().then((m) => m.ExportCostDialog));

function download(url: string) {
  const a = document.createElement("a");
  a.href = url;
  a.download = "";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Downloads the CSV of every device matching the filter. An export that takes more than
 * LARGE_EXPORT_CALLS upstream calls first shows its cost against the remaining hourly quota.
 */
export function ExportButton({
  productKey,
  filter,
  total,
  testId = "export-csv",
  label,
}: {
  productKey: string;
  filter: DeviceFilter;
  total: number | undefined;
  testId?: string;
  label?: string;
}) {
  const t = useT("devices");
  const { toast } = useToast();
  const quota = useQuery(quotaOptions());
  const [asking, setAsking] = useState(false);
  const calls = exportCalls(total ?? 0);
  const url = deviceExportUrl(productKey, filter);

  const start = () => {
    setAsking(false);
    download(url);
    toast({ tone: "info", title: t("exportStarted") });
  };

  return (
    <>
      <Button
        data-testid={testId}
        disabled={total === undefined || total === 0}
        onPointerEnter={calls > LARGE_EXPORT_CALLS ? () => void loadCostDialog() : undefined}
        onFocus={calls > LARGE_EXPORT_CALLS ? () => void loadCostDialog() : undefined}
        onClick={() => (calls > LARGE_EXPORT_CALLS ? setAsking(true) : start())}
      >
        <IconDownload size={14} />
        {label ?? t("export")}
      </Button>
      {asking ? (
        <ExportCostDialog total={total ?? 0} calls={calls} quota={quota.data} onStart={start} onClose={() => setAsking(false)} />
      ) : null}
    </>
  );
}
