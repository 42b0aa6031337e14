/**
 * Reading a whole paged list for an export, in the browser, through the console's own routes.
 * The walk follows what each page says: it ends on an empty page, when no further cursor is
 * given, or once a known total is reached — never on a page that is merely shorter than asked
 * (an upstream may answer fewer rows than the limit mid-way). When it cannot finish (an error,
 * the quota floor, the row cap) it says so, and what it read so far is kept.
 */

export interface Page<T, C> {
  items: readonly T[];
  /** Where the next page starts; null when the source says there is none. */
  next: C | null;
  /** Total rows when the source tells it. */
  total?: number | null;
}

export type StopReason = "error" | "cap" | "aborted";

export interface Collected<T> {
  items: T[];
  pages: number;
  /** True when the list was read to its end. */
  complete: boolean;
  stopped: StopReason | null;
  error: unknown;
  /** The total the source gave last, if any. */
  total: number | null;
}

export async function collectPages<T, C>(
  fetchPage: (cursor: C | null, signal?: AbortSignal) => Promise<Page<T, C>>,
  opts: { maxItems?: number; signal?: AbortSignal; onProgress?: (read: number, total: number | null) => void } = {},
): Promise<Collected<T>> {
  const items: T[] = [];
  let cursor: C | null = null;
  let pages = 0;
  let total: number | null = null;
  const end = (complete: boolean, stopped: StopReason | null, error: unknown = null): Collected<T> => ({
    items,
    pages,
    complete,
    stopped,
    error,
    total,
  });
  for (;;) {
    if (opts.signal?.aborted) return end(false, "aborted");
    let page: Page<T, C>;
    try {
      page = await fetchPage(cursor, opts.signal);
    } catch (e) {
      return end(false, opts.signal?.aborted ? "aborted" : "error", e);
    }
    pages++;
    if (page.total !== undefined && page.total !== null) total = page.total;
    items.push(...page.items);
    opts.onProgress?.(items.length, total);
    if (page.items.length === 0 || page.next === null || (total !== null && items.length >= total)) return end(true, null);
    if (opts.maxItems !== undefined && items.length >= opts.maxItems) return end(false, "cap");
    cursor = page.next;
  }
}

/** A cursor that is an offset: the next page starts after the rows that actually came back. */
export function offsetPager<T>(
  fetchAt: (skip: number, signal?: AbortSignal) => Promise<{ items: readonly T[]; total?: number | null }>,
): (cursor: number | null, signal?: AbortSignal) => Promise<Page<T, number>> {
  return async (cursor, signal) => {
    const skip = cursor ?? 0;
    const r = await fetchAt(skip, signal);
    return { items: r.items, total: r.total, next: skip + r.items.length };
  };
}

/** Upstream calls a list of `total` rows costs (lib/plain/export-cost.ts: the pages that say the cost before loading this module). */
export { callsFor } from "./plain/export-cost";

/** A cursor that is a page number of fixed-size pages (the console's `?page=&page_size=` lists). */
export function pageNumberPager<T>(
  fetchPage: (page: number, signal?: AbortSignal) => Promise<{ items: readonly T[]; total?: number | null }>,
): (cursor: number | null, signal?: AbortSignal) => Promise<Page<T, number>> {
  return async (cursor, signal) => {
    const page = cursor ?? 1;
    const r = await fetchPage(page, signal);
    return { items: r.items, total: r.total, next: page + 1 };
  };
}
