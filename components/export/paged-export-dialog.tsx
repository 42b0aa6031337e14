"use client";

import { useRef, useState } from "react";
import { csvField } from "@/lib/csv";
import type { Collected } from "@/lib/paged-export";
import type { z } from "zod";
import type { quotaSchema } from "@/lib/schemas/api";
import { downloadCsv } from "@/components/charts/export";
import { useFormat, useT } from "@/components/i18n";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { type ExportCost, MAX_EXPORT_ROWS } from "./paged-export-button";

/**
 * The dialog of a PagedExportButton (components/export/paged-export-button.tsx), fetched when it
 * first opens: the cost and the quota left, then the read page after page with progress and a
 * stop button, and the saved CSV. A list it could not finish is still saved, with a last line
 * saying where and why it stopped.
 */
export function PagedExportDialog<T>({
  filename,
  cost,
  quota: q,
  collect,
  toCsv,
  onClose,
  testId,
}: {
  filename: string;
  cost: ExportCost;
  quota: z.output<typeof quotaSchema> | undefined;
  collect: (signal: AbortSignal, onProgress: (read: number, total: number | null) => void) => Promise<Collected<T>>;
  toCsv: (rows: readonly T[]) => string | Promise<string>;
  onClose: () => void;
  testId: string;
}) {
  const t = useT("exports");
  const f = useFormat();
  const { toast } = useToast();
  const [progress, setProgress] = useState<{ read: number; total: number | null } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const backgroundLeft = q?.known ? Math.max(0, q.remaining - q.reserved) : null;
  const running = progress !== null;

  const run = async () => {
    const ac = new AbortController();
    abort.current = ac;
    setProgress({ read: 0, total: null });
    try {
      const r = await collect(ac.signal, (read, total) => setProgress({ read, total }));
      const reason =
        r.stopped === "cap"
          ? t("stoppedCap", { max: f.number(MAX_EXPORT_ROWS) })
          : r.stopped === "aborted"
            ? t("stoppedAborted")
            : r.error instanceof Error && r.error.message
              ? r.error.message
              : t("stoppedError");
      const tail = r.complete
        ? `${csvField(`# ${t("csvDone", { rows: r.items.length })}`)}\r\n`
        : `${csvField(`# ${t("csvStopped", { rows: r.items.length, reason })}`)}\r\n`;
      if (r.items.length > 0 || r.complete) downloadCsv(filename, (await toCsv(r.items)) + tail);
      if (r.complete) toast({ tone: "success", title: t("done", { rows: f.number(r.items.length) }) });
      else toast({ tone: "warning", title: t("stoppedEarly", { rows: f.number(r.items.length), reason }) });
    } finally {
      abort.current = null;
      setProgress(null);
      onClose();
    }
  };

  return (
    <Dialog
      open
      onClose={() => (running ? abort.current?.abort() : onClose())}
      title={t("title")}
      size="sm"
      dismissible={!running}
      footer={
        running ? (
          <Button variant="ghost" onClick={() => abort.current?.abort()}>
            {t("stop")}
          </Button>
        ) : (
          <>
            <Button variant="ghost" onClick={onClose}>
              {t("cancel")}
            </Button>
            <Button variant="primary" data-testid={`${testId}-start`} onClick={() => void run()}>
              {t("start")}
            </Button>
          </>
        )
      }
    >
      <div className="space-y-2 text-[13px]" data-testid={`${testId}-preview`}>
        <p>
          {cost.kind === "rows"
            ? t("costRows", { rows: f.number(cost.rows), calls: f.number(cost.calls) })
            : cost.kind === "atLeast"
              ? t("costAtLeast", { calls: f.number(cost.calls), perCall: f.number(cost.perCall) })
              : t("costFree")}
        </p>
        {cost.kind !== "free" ? (
          <p className="text-ink-muted">
            {q?.known ? t("quota", { remaining: f.number(q.remaining), reserved: f.number(q.reserved) }) : t("quotaUnknown")}
          </p>
        ) : null}
        {cost.kind !== "free" && backgroundLeft !== null && cost.calls > backgroundLeft ? (
          <p className="text-warn">{t("tooLarge")}</p>
        ) : null}
        {progress ? (
          <p className="tabular text-ink-muted" role="status">
            {progress.total === null
              ? t("progress", { read: f.number(progress.read) })
              : t("progressOf", { read: f.number(progress.read), total: f.number(progress.total) })}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
