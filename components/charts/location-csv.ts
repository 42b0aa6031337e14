import { toCsv, type CsvColumn } from "@/lib/csv";
import type { PlaceNames } from "@/lib/geo/place-names";
import type { Locale } from "@/lib/i18n/core";
import { LOCATION_LEVELS, levelAt, nodesAt, valueOf, type LocationNode, type LocationPath, type Measure } from "@/lib/location-tree";

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

/**
 * The table's numbers as CSV: the upstream names of every level down to the current one (they
 * are what filters the device list), the display name, then one column per measure.
 */
export function locationCsv(
  rows: readonly LocationRow[],
  path: LocationPath,
  measures: readonly Measure[],
  headers: { levels: Record<(typeof LOCATION_LEVELS)[number], string>; label: string; measure: (m: Measure) => string },
): string {
  const depth = LOCATION_LEVELS.indexOf(levelAt(path));
  const columns: CsvColumn<LocationRow>[] = [
    ...LOCATION_LEVELS.slice(0, depth + 1).map(
      (lvl): CsvColumn<LocationRow> => ({ header: headers.levels[lvl], value: (r) => r.path[lvl] }),
    ),
    { header: headers.label, value: (r) => r.label },
    ...measures.map((m): CsvColumn<LocationRow> => ({ header: headers.measure(m), value: (r) => valueOf(r.node, m) })),
  ];
  return toCsv(rows, columns);
}
