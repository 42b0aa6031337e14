import "server-only";
import { CSV_BOM, csvField, toCsv } from "@/lib/csv";
import { deviceCsvColumns } from "@/lib/device-csv";
import { formatDateTime } from "@/lib/format";
import { translator, type Locale } from "@/lib/i18n/core";
import { devices as messages } from "@/lib/i18n/messages/devices";
import { exportCalls, filterEntries, type DeviceFilter, type DeviceRow } from "@/lib/schemas/devices";
import { AppError } from "@/server/errors";
import { currentMeter, withUpstreamMeter } from "@/server/gizwits/meter";

/** One page of devices/search at `skip` (SEARCH_MAX_LIMIT per page). */
export type FetchPage = (skip: number) => Promise<{ devices: DeviceRow[]; total: number }>;

export interface ExportOptions {
  productKey: string;
  filter: DeviceFilter;
  locale: Locale;
  timeZone: string;
  fetchPage: FetchPage;
  now?: number;
}

/** A page fetch and the upstream calls it cost (0 when served from the console's cache). */
async function metered(fetchPage: FetchPage, skip: number) {
  const m = await withUpstreamMeter(() => fetchPage(skip));
  // The caller's own meter (the route's X-Upstream-Calls) sees the calls too.
  const outer = currentMeter();
  if (outer) outer.calls += m.calls;
  return { page: m.result, calls: m.calls };
}

/**
 * The CSV export as a stream: a commented preamble (product, filter, time, planned calls), the
 * column header, one line per device, then a closing line with the calls actually spent. The
 * first page is read before the stream is returned, so a bad product or an empty quota is an
 * ordinary error answer; a failure later (typically the background quota floor) ends the file
 * with a line saying so, since the status line has already been sent.
 */
export async function deviceExportStream(o: ExportOptions): Promise<ReadableStream<Uint8Array>> {
  const t = translator(messages, o.locale);
  const dt = (s: number | null) => (s === null ? "" : formatDateTime(s * 1000, { timeZone: o.timeZone }));
  const columns = deviceCsvColumns(t, dt);
  const rowsCsv = (rows: DeviceRow[]) => (rows.length ? toCsv(rows, columns).split("\r\n").slice(1).join("\r\n") : "");
  const line = (text: string) => `${csvField(`# ${text}`)}\r\n`;

  const first = await metered(o.fetchPage, 0);
  const total = first.page.total;
  let calls = first.calls;
  let rows = first.page.devices.length;
  let skip = first.page.devices.length;
  const filter = filterEntries(o.filter);
  const preamble =
    CSV_BOM +
    line(t("csvTitle")) +
    line(`${t("csvProduct")}: ${o.productKey}`) +
    line(`${t("csvFilter")}: ${filter.length ? new URLSearchParams(filter).toString() : t("csvNoFilter")}`) +
    line(`${t("csvExportedAt")}: ${formatDateTime(o.now ?? Date.now(), { timeZone: o.timeZone })} (${o.timeZone})`) +
    line(t("csvPlanned", { total, calls: exportCalls(total) })) +
    toCsv(first.page.devices, columns);

  const enc = new TextEncoder();
  let latestTotal = total;
  // Pages are followed by what they returned: only an empty page or the announced total ends the
  // walk (an upstream may answer fewer rows than asked mid-way). An empty page before the total
  // is an early stop, and the closing line says so.
  const closing = () =>
    skip >= latestTotal
      ? line(t("csvSpent", { rows, calls }))
      : line(t("csvStopped", { rows, calls, reason: t("csvRanDry", { total: latestTotal }) }));
  let done = first.page.devices.length === 0 || skip >= total;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(enc.encode(preamble));
      if (done) {
        controller.enqueue(enc.encode(closing()));
        controller.close();
      }
    },
    async pull(controller) {
      if (done || cancelled) return;
      try {
        const next = await metered(o.fetchPage, skip);
        calls += next.calls;
        const got = next.page.devices;
        rows += got.length;
        skip += got.length;
        latestTotal = next.page.total;
        if (got.length) controller.enqueue(enc.encode(`${rowsCsv(got)}\r\n`));
        if (got.length === 0 || skip >= latestTotal) {
          done = true;
          controller.enqueue(enc.encode(closing()));
          controller.close();
        }
      } catch (err) {
        done = true;
        const reason = err instanceof AppError ? err.text[o.locale] : t("csvInternalError");
        if (!(err instanceof AppError)) console.error("[export] device export failed:", err instanceof Error ? err.message : String(err));
        controller.enqueue(enc.encode(line(t("csvStopped", { rows, calls, reason }))));
        controller.close();
      }
    },
    cancel() {
      cancelled = true;
    },
  });
}
