import type * as Aliases from "./aliases";

/**
 * lib/geo/aliases and its tables (aliases-data, ~6 KB gzip) on demand, so they stay out of the
 * first-load JavaScript of every page that shows a place (issue 17). Both locales need them: the
 * upstream prints English/pinyin names, zh-CN shows the Chinese ones, en folds the spellings of
 * China's divisions ("Guangdong Sheng" → "Guangdong"), and isChina() decides the drill levels.
 *
 * `loadPlaceNames()` starts the import once (a failed load is retried by the next call);
 * `placeNamesNow()` is the loaded module or null; components read it with usePlaceNames()
 * (components/place-names.ts) and treat null as still loading. Code that writes names somewhere
 * lasting (a CSV) awaits loadPlaceNames() instead of writing the upstream spelling.
 */
export type PlaceNames = typeof Aliases;

let loaded: PlaceNames | null = null;
let pending: Promise<PlaceNames> | null = null;
const listeners = new Set<() => void>();

export function loadPlaceNames(): Promise<PlaceNames> {
  pending ??= import("./aliases").then(
    (m) => {
      loaded = m;
      for (const l of listeners) l();
      return m;
    },
    (e: unknown) => {
      pending = null;
      throw e;
    },
  );
  return pending;
}

export function placeNamesNow(): PlaceNames | null {
  return loaded;
}

/** Calls `onLoad` once the names are loaded; starts loading them. Returns the unsubscribe. */
export function subscribePlaceNames(onLoad: () => void): () => void {
  listeners.add(onLoad);
  if (!loaded) loadPlaceNames().catch(() => {});
  return () => {
    listeners.delete(onLoad);
  };
}
