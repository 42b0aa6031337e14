"use client";

import { useCallback, useEffect } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

type Changes = Record<string, string | number | null | undefined>;
type SetOptions = { resetPage?: boolean; push?: boolean };

/** `base` (a path with its query) with `changes` applied: null or "" removes a param. */
export function applyParams(base: string, changes: Changes, opts: SetOptions = {}): string {
  const q = base.indexOf("?");
  const pathname = q < 0 ? base : base.slice(0, q);
  const next = new URLSearchParams(q < 0 ? "" : base.slice(q + 1));
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") next.delete(k);
    else next.set(k, String(v));
  }
  if (opts.resetPage) next.delete("page");
  const qs = next.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

/**
 * The URLs asked of the router that it has not shown yet, oldest first. A router navigation is a
 * transition: until it commits, `useSearchParams()` still holds the old URL, so a second change
 * made in that moment (pick an app, then click Search at once) must build on the first one's URL,
 * not on the stale params — or it silently drops the first change.
 */
let pending: string[] = [];

/** What is left pending once the router shows `shown`: the URLs asked after it (none if it is not ours). */
export function settlePending(queue: readonly string[], shown: string): string[] {
  const i = queue.indexOf(shown);
  return i < 0 ? [] : queue.slice(i + 1);
}

/**
 * Reads and writes search params, so filters, tabs and pages survive reload and can be shared
 * as a link. Setting a value to null or "" removes it; `resetPage` drops `page` (a new filter
 * starts at page 1). Changes made before the router showed the previous one build on it.
 */
export function useUrlParams() {
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const qs = sp.toString();
  const shown = qs ? `${pathname}?${qs}` : pathname;
  useEffect(() => {
    pending = settlePending(pending, shown);
  }, [shown]);
  const set = useCallback(
    (changes: Changes, opts: SetOptions = {}) => {
      const latest = pending.at(-1);
      // A pending URL of another page (navigation elsewhere began) is not a base for this one.
      const base = latest !== undefined && latest.split("?")[0] === pathname ? latest : shown;
      const url = applyParams(base, changes, opts);
      pending = [...pending, url];
      if (opts.push) router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [shown, router, pathname],
  );
  return { params: sp, set };
}

/** One search param as state: `const [tab, setTab] = useUrlParam("tab", "overview")`. */
export function useUrlParam(name: string, fallback: string): [string, (value: string | null) => void] {
  const { params, set } = useUrlParams();
  const value = params.get(name) ?? fallback;
  const setValue = useCallback((v: string | null) => set({ [name]: v === fallback ? null : v }), [set, name, fallback]);
  return [value, setValue];
}
