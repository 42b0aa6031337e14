"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Collected } from "@/lib/paged-export";
import { quotaOptions } from "@/lib/queries/quota";
import { useT } from "@/components/i18n";
import { Button, type ButtonProps } from "@/components/ui/button";
import { IconDownload } from "@/components/ui/icons";
import { lazyClient } from "@/components/ui/lazy-client";
import type { PagedExportDialog as PagedExportDialogType } from "./paged-export-dialog";

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

// The dialog, the CSV writer and the download helper are fetched when the dialog first opens
// (hovering or focusing the button starts it), so the pages that offer an export carry only the
// button in their first-load JS (issue 17).
const loadDialog = () => import("./paged-export-dialog");
// lazyClient cannot carry the dialog's type parameter through; the cast restores it (same props).
const PagedExportDialog = lazyClient(() => loadDialog().then((m) => m.PagedExportDialog)) as unknown as typeof PagedExportDialogType;

/**
 * An export that reads a paged list in the browser through the console's routes: a dialog says
 * what it costs (and the quota left), then it reads page after page with progress and a stop
 * button, and saves the CSV. A list it could not finish is still saved, with a last line saying
 * where and why it stopped. `collect` and `toCsv` run only once it starts: they may import the
 * paging loop and the CSV writer then (`await import("@/lib/paged-export")`).
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
  toCsv: (rows: readonly T[]) => string | Promise<string>;
  disabled?: boolean;
  label?: string;
  size?: ButtonProps["size"];
  variant?: ButtonProps["variant"];
  testId?: string;
}) {
  const t = useT("exports");
  const quota = useQuery({ ...quotaOptions(), enabled: cost.kind !== "free" });
  const [open, setOpen] = useState(false);
  const prefetch = () => void loadDialog();

  return (
    <>
      <Button
        size={size}
        variant={variant}
        disabled={disabled}
        data-testid={testId}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        onClick={() => setOpen(true)}
      >
        <IconDownload width={14} height={14} /> {label ?? t("export")}
      </Button>
      {open ? (
        <PagedExportDialog<T>
          filename={filename}
          cost={cost}
          quota={quota.data}
          collect={collect}
          toCsv={toCsv}
          onClose={() => setOpen(false)}
          testId={testId}
        />
      ) : null}
    </>
  );
}
