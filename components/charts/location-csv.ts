import { toCsv, type CsvColumn } from "@/lib/csv";
import { LOCATION_LEVELS, levelAt, valueOf, type LocationPath, type Measure } from "@/lib/location-tree";
import type { LocationRow } from "./location-rows";

export { locationRows, type LocationRow } from "./location-rows";

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
