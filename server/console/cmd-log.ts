import "server-only";
import { nextHistoryCursor } from "@/lib/history";
import type { CmdPage } from "@/lib/schemas/device-detail";
import { AppError } from "@/server/errors";
import { HISTORY_MAX_LIMIT } from "@/server/gizwits/history";
import type { CmdRecord, HistoryPage } from "@/server/gizwits/history.schema";

export type CmdCursor = { context: string } | { skip: number };

/** A filtered page reads at most this many upstream pages looking for matches, then hands back a cursor. */
export const MAX_FILTER_PAGES = 5;

/**
 * One page of the communication log. Without a direction it is one upstream page, as asked.
 * With one (the API cannot filter), upstream pages of 100 are read from the cursor and only the
 * matching records kept, until `limit` matches, the end of the window or MAX_FILTER_PAGES
 * pages; `next` is the cursor after the last page read, so nothing is skipped or repeated.
 * The upstream total counts both directions, so a filtered page has none.
 */
export async function readCmdPage(
  load: (q: { limit: number } & Partial<{ context: string; skip: number }>) => Promise<HistoryPage<CmdRecord>>,
  q: { limit: number; cursor: CmdCursor | null; type?: "app2dev" | "dev2app" },
): Promise<CmdPage> {
  const toDto = (r: CmdRecord) => ({ timestamp: r.timestamp, type: r.type, payload: r.payload });
  if (!q.type) {
    const page = await load({ limit: q.limit, ...(q.cursor ?? {}) });
    return { records: page.objects.map(toDto), total: page.total, next: nextHistoryCursor(page) };
  }
  const records: CmdPage["records"] = [];
  let cursor = q.cursor;
  for (let i = 0; i < MAX_FILTER_PAGES; i++) {
    const page = await load({ limit: HISTORY_MAX_LIMIT, ...(cursor ?? {}) });
    records.push(...page.objects.filter((r) => r.type === q.type).map(toDto));
    cursor = nextHistoryCursor(page);
    if (!cursor || records.length >= q.limit) break;
  }
  return { records, total: null, next: cursor };
}

/**
 * readCmdPage, and when the `context` cursor asked with is refused (5002: Gizwits keeps a cursor
 * for one hour, and says only "form invalid" once it expired) the window's first page again,
 * marked `cursorExpired`, so the page says so and restarts its paging instead of reporting a
 * "window longer than 2 days" it never asked for.
 */
export async function readCmdPageRestarting(
  load: (q: { limit: number } & Partial<{ context: string; skip: number }>) => Promise<HistoryPage<CmdRecord>>,
  q: { limit: number; cursor: CmdCursor | null; type?: "app2dev" | "dev2app" },
): Promise<CmdPage> {
  try {
    return await readCmdPage(load, q);
  } catch (e) {
    if (!(q.cursor && "context" in q.cursor && e instanceof AppError && e.upstreamCode === 5002)) throw e;
    return { ...(await readCmdPage(load, { ...q, cursor: null })), cursorExpired: true };
  }
}
