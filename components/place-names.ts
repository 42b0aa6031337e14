"use client";

import { useSyncExternalStore } from "react";
import { placeNamesNow, subscribePlaceNames, type PlaceNames } from "@/lib/geo/place-names";

const serverSnapshot = (): PlaceNames | null => null;

/**
 * The place-name module (lib/geo/aliases), loaded on first use (lib/geo/place-names.ts); null
 * until it arrives, on the server and during hydration. Tables showing places treat null as
 * loading, so a name never appears first in one spelling and then in another.
 */
export function usePlaceNames(): PlaceNames | null {
  return useSyncExternalStore(subscribePlaceNames, placeNamesNow, serverSnapshot);
}
