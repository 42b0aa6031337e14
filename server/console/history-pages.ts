import "server-only";
import { nextHistoryCursor } from "@/lib/history";
import type { HistoryPage } from "@/server/gizwits/history.schema";

/** A window is read whole up to this many pages (100 records each); the rest is reported as truncated. */
export const MAX_PAGES_PER_WINDOW = 10;

type Cursor = { context: string } | { skip: number } | Record<string, never>;

/** Follows a history window's pages by `context` or `skip`, whichever the API answers with. */
export async function readAllPages<T>(
  load: (cursor: Cursor) => Promise<HistoryPage<T>>,
): Promise<{ pages: HistoryPage<T>[]; truncated: boolean }> {
  const pages: HistoryPage<T>[] = [];
  let cursor: Cursor = {};
  for (let i = 0; i < MAX_PAGES_PER_WINDOW; i++) {
    const page = await load(cursor);
    pages.push(page);
    const next = nextHistoryCursor(page);
    if (!next) return { pages, truncated: false };
    cursor = next;
  }
  return { pages, truncated: true };
}
