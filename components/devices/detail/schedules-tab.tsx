"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { deviceSchedulesOptions } from "@/lib/queries/schedules";
import type { DeviceInfo } from "@/lib/schemas/device-detail";
import { useT } from "@/components/i18n";
import { SchedulesPanel } from "@/components/schedules/schedules-panel";

/** The device page's Schedules tab: the device's Open API schedules, kept by Gizwits in UTC. */
export function SchedulesTab({ pk, info, canWrite }: { pk: string; info: DeviceInfo; canWrite: boolean }) {
  const t = useT("schedules");
  const q = useQuery(deviceSchedulesOptions(pk, info.did));
  const [boundNow, setBoundNow] = useState(false);
  const bound = q.data?.bound;
  return (
    <SchedulesPanel
      owner={{ kind: "device", pk, did: info.did }}
      title={t("title")}
      targetLabel={info.mac}
      canWrite={canWrite}
      query={{ data: q.data?.schedules, isLoading: q.isLoading, error: q.error, refetch: q.refetch }}
      onSaved={(r) => {
        if (r.boundNow) setBoundNow(true);
      }}
      notes={
        boundNow ? (
          <p className="mb-1 text-xs text-ok" role="status" data-testid="schedule-bound-now">
            {t("boundNow")}
          </p>
        ) : bound === false ? (
          <p className="mb-1 text-xs text-ink-muted" data-testid="schedule-not-bound">
            {t("notBound")}
          </p>
        ) : bound ? (
          <p className="mb-1 text-xs text-ink-muted">{t("bound")}</p>
        ) : null
      }
    />
  );
}
