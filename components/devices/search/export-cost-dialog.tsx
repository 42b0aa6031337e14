"use client";

import type { z } from "zod";
import { SEARCH_MAX_LIMIT } from "@/lib/plain/devices";
import type { quotaSchema } from "@/lib/schemas/api";
import { useFormat, useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/**
 * The "this export is large" question of ExportButton (components/devices/search/export-button.tsx):
 * its cost against the remaining hourly quota. Fetched when it first opens.
 */
export function ExportCostDialog({
  total,
  calls,
  quota: q,
  onStart,
  onClose,
}: {
  total: number;
  calls: number;
  quota: z.output<typeof quotaSchema> | undefined;
  onStart: () => void;
  onClose: () => void;
}) {
  const t = useT("devices");
  const f = useFormat();
  const backgroundLeft = q?.known ? Math.max(0, q.remaining - q.reserved) : null;
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("exportTitle")}
      size="sm"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button variant="primary" onClick={onStart}>
            {t("exportStart")}
          </Button>
        </>
      }
    >
      <div className="space-y-2 text-[13px]" data-testid="export-preview">
        <p>{t("exportCost", { total: f.number(total), calls: f.number(calls), perCall: f.number(SEARCH_MAX_LIMIT) })}</p>
        <p className="text-ink-muted">
          {q?.known ? t("exportQuota", { remaining: f.number(q.remaining), reserved: f.number(q.reserved) }) : t("exportQuotaUnknown")}
        </p>
        {backgroundLeft !== null && calls > backgroundLeft ? <p className="text-warn">{t("exportTooLarge")}</p> : null}
      </div>
    </Dialog>
  );
}
