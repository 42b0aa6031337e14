import "server-only";
import { SEARCH_MAX_LIMIT } from "@/lib/schemas/devices";

/** One devices/search page as the walks need it. */
export interface SearchPage<T> {
  objects: readonly T[];
  total: number;
}
export type FetchSearchPage<T> = (skip: number, limit: number) => Promise<SearchPage<T>>;

/** Every MAC a search matches ("move all results"); `onTotal` may refuse a search that is too large. */
export async function collectSearchMacs(
  fetchAt: FetchSearchPage<{ mac: string }>,
  onTotal: (total: number) => void = () => {},
): Promise<string[]> {
  const macs: string[] = [];
  // The next page starts after what this one returned: an upstream may answer fewer than asked.
  for (let skip = 0; ; ) {
    const r = await fetchAt(skip, SEARCH_MAX_LIMIT);
    onTotal(r.total);
    macs.push(...r.objects.map((d) => d.mac.toLowerCase()));
    skip += r.objects.length;
    if (r.objects.length === 0 || skip >= r.total) break;
  }
  return macs;
}

/**
 * The states of a group page's MACs from devices/search?gid=, reading at most `maxPages` pages
 * and stopping once every MAC of the page is found.
 */
export async function statesForMacs<T extends { mac: string }>(
  fetchAt: FetchSearchPage<T>,
  macs: readonly string[],
  maxPages: number,
): Promise<Map<string, T>> {
  const rows = new Map<string, T>();
  const wanted = new Set(macs.map((m) => m.toLowerCase()));
  const missing = () => [...wanted].some((m) => !rows.has(m));
  let skip = 0;
  for (let i = 0; i < maxPages && wanted.size > 0 && missing(); i++) {
    const r = await fetchAt(skip, SEARCH_MAX_LIMIT);
    for (const d of r.objects) rows.set(d.mac.toLowerCase(), d);
    skip += r.objects.length;
    if (r.objects.length === 0 || skip >= r.total) break;
  }
  return rows;
}

/**
 * One page of `limit` rows from `skip`, asking again from where the answer stopped when the
 * upstream returned fewer rows than asked (a capped page) while more remain.
 */
export async function fillPage<T>(fetchAt: FetchSearchPage<T>, skip: number, limit: number): Promise<SearchPage<T>> {
  const objects: T[] = [];
  let total = 0;
  for (let at = skip; objects.length < limit; ) {
    const r = await fetchAt(at, limit - objects.length);
    total = r.total;
    objects.push(...r.objects.slice(0, limit - objects.length));
    at += r.objects.length;
    if (r.objects.length === 0 || at >= r.total) break;
  }
  return { objects, total };
}
