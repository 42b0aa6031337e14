"use client";

import { useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { csvField } from "@/lib/csv";
import type { Collected } from "@/lib/paged-export";
import { quotaOptions } from "@/lib/queries/quota";
import { downloadCsv } from "@/components/charts/export";
import { useFormat, useT } from "@/components/i18n";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { IconDownload } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";

/** What an export will cost, said before it starts. */
export type ExportCost =
  /** Rows known: about `calls` upstream calls. */
  | { kind: "rows"; rows: number; calls: number }
  /** Rows unknown (logs): at least `calls`, one per page of `perCall`. */
  | { kind: "atLeast"; calls: number; perCall: number }
  /** Already loaded on the page. */
  | { kind: "free" };

/** Rows an export keeps at most, so a runaway list cannot fill the browser's memory. */
export const MAX_EXPORT_ROWS = 100_000;

/**
 * An export that reads a paged list in the browser through the console's routes: a dialog says
 * what it costs (and the quota left), then it reads page after page with progress and a stop
 * button, and saves the CSV. A list it could not finish is still saved, with a last line saying
 * where and why it stopped.
 */
export function PagedExportButton<T>({
  filename,
  cost,
  collect,
  toCsv,
  disabled,
  label,
  size = "sm",
  variant = "ghost",
  testId = "paged-export",
}: {
  filename: string;
  cost: ExportCost;
  collect: (signal: AbortSignal, onProgress: (read: number, total: number | null) => void) => Promise<Collected<T>>;
  toCsv: (rows: readonly T[]) => string;
  disabled?: boolean;
  label?: string;
  size?: ButtonProps["size"];
  variant?: ButtonProps["variant"];
  testId?: string;
}) {
  const t = useT("exports");
  const f = useFormat();
  const { toast } = useToast();
  const quota = useQuery({ ...quotaOptions(), enabled: cost.kind !== "free" });
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState<{ read: number; total: number | null } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const q = quota.data;
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
      if (r.items.length > 0 || r.complete) downloadCsv(filename, toCsv(r.items) + tail);
      if (r.complete) toast({ tone: "success", title: t("done", { rows: f.number(r.items.length) }) });
      else toast({ tone: "warning", title: t("stoppedEarly", { rows: f.number(r.items.length), reason }) });
    } finally {
      abort.current = null;
      setProgress(null);
      setOpen(false);
    }
  };

  return (
    <>
      <Button size={size} variant={variant} disabled={disabled} data-testid={testId} onClick={() => setOpen(true)}>
        <IconDownload width={14} height={14} /> {label ?? t("export")}
      </Button>
      <Dialog
        open={open}
        onClose={() => (running ? abort.current?.abort() : setOpen(false))}
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
              <Button variant="ghost" onClick={() => setOpen(false)}>
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
    </>
  );
}
