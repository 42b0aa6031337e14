"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { deviceExportUrl } from "@/lib/queries/devices";
import { quotaOptions } from "@/lib/queries/quota";
import { exportCalls, LARGE_EXPORT_CALLS, SEARCH_MAX_LIMIT } from "@/lib/plain/devices";
import type { DeviceFilter } from "@/lib/schemas/devices";
import { useFormat, useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { IconDownload } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";

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
  const f = useFormat();
  const { toast } = useToast();
  const quota = useQuery(quotaOptions());
  const [asking, setAsking] = useState(false);
  const calls = exportCalls(total ?? 0);
  const url = deviceExportUrl(productKey, filter);
  const q = quota.data;
  const backgroundLeft = q?.known ? Math.max(0, q.remaining - q.reserved) : null;

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
        onClick={() => (calls > LARGE_EXPORT_CALLS ? setAsking(true) : start())}
      >
        <IconDownload size={14} />
        {label ?? t("export")}
      </Button>
      <Dialog
        open={asking}
        onClose={() => setAsking(false)}
        title={t("exportTitle")}
        size="sm"
        footer={
          <>
            <Button variant="ghost" onClick={() => setAsking(false)}>
              {t("cancel")}
            </Button>
            <Button variant="primary" onClick={start}>
              {t("exportStart")}
            </Button>
          </>
        }
      >
        <div className="space-y-2 text-[13px]" data-testid="export-preview">
          <p>{t("exportCost", { total: f.number(total ?? 0), calls: f.number(calls), perCall: f.number(SEARCH_MAX_LIMIT) })}</p>
          <p className="text-ink-muted">
            {q?.known ? t("exportQuota", { remaining: f.number(q.remaining), reserved: f.number(q.reserved) }) : t("exportQuotaUnknown")}
          </p>
          {backgroundLeft !== null && calls > backgroundLeft ? <p className="text-warn">{t("exportTooLarge")}</p> : null}
        </div>
      </Dialog>
    </>
  );
}
