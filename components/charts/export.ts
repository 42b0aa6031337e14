import { CSV_BOM } from "@/lib/csv";

/**
 * Browser downloads for chart exports. Only call from event handlers (they touch the DOM).
 */

/** `devices-by-province` → `devices-by-province-20260122-1405.csv` (local time, file-system safe). */
export function exportFileName(base: string, ext: "csv" | "png", now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
  const safe = base.replace(/[\\/:*?"<>|\s]+/g, "-").replace(/^-+|-+$/g, "") || "chart";
  return `${safe}-${stamp}.${ext}`;
}

function download(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Saves CSV text with a UTF-8 BOM so spreadsheet apps show Chinese names correctly. */
export function downloadCsv(base: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([CSV_BOM, csv], { type: "text/csv;charset=utf-8" }));
  try {
    download(url, exportFileName(base, "csv"));
  } finally {
    // The click has started the download synchronously; revoking later keeps Safari happy.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** Saves a `data:image/png;base64,...` URL (from echarts getDataURL). */
export function downloadPng(base: string, dataUrl: string): void {
  download(dataUrl, exportFileName(base, "png"));
}
