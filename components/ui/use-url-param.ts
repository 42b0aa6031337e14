"use client";

import { useCallback } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

/**
 * Reads and writes search params, so filters, tabs and pages survive reload and can be shared
 * as a link. Setting a value to null or "" removes it; `resetPage` drops `page` (a new filter
 * starts at page 1).
 */
export function useUrlParams() {
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = useCallback(
    (changes: Record<string, string | number | null | undefined>, opts: { resetPage?: boolean; push?: boolean } = {}) => {
      const next = new URLSearchParams(sp.toString());
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === undefined || v === "") next.delete(k);
        else next.set(k, String(v));
      }
      if (opts.resetPage) next.delete("page");
      const qs = next.toString();
      const url = qs ? `${pathname}?${qs}` : pathname;
      if (opts.push) router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [sp, router, pathname],
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
