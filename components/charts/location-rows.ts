import type { PlaceNames } from "@/lib/geo/place-names";
import type { Locale } from "@/lib/i18n/core";
import { levelAt, nodesAt, type LocationNode, type LocationPath } from "@/lib/location-tree";

// The rows a location table shows, apart from their CSV (location-csv.ts), so the table's page
// carries no CSV writer until an export is clicked (issue 17).

export interface LocationRow {
  path: LocationPath;
  node: LocationNode;
  label: string;
}

/**
 * The rows shown at a drill path, each with the path that leads to it and its display name
 * (`names`: lib/geo/aliases, loaded on demand by the caller — lib/geo/place-names.ts).
 */
export function locationRows(
  nodes: readonly LocationNode[],
  path: LocationPath,
  locale: Locale,
  names: Pick<PlaceNames, "placeLabel">,
): LocationRow[] {
  const level = levelAt(path);
  const base: LocationPath =
    level === "country" ? {} : level === "region" ? { country: path.country } : { country: path.country, region: path.region };
  return nodesAt(nodes, path).map((node) => {
    const p: LocationPath = { ...base, [level]: node.name };
    return { path: p, node, label: names.placeLabel(p, locale) };
  });
}
