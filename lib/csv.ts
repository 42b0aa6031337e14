/**
 * CSV for the console's exports (charts, device lists, audit). RFC 4180: comma separated,
 * CRLF line ends, fields quoted when they hold a comma, quote or line break.
 */

/** Excel only detects UTF-8 (and so shows Chinese names correctly) when the file starts with a BOM. */
export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | boolean | bigint | Date | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection,
// OWASP); tab and CR are included because some spreadsheets strip them and then see "=".
const FORMULA_START = /^[=+\-@\t\r]/;

function text(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString();
  return String(v);
}

/** One field, guarded and quoted. Only strings are guarded: a real negative number stays a number. */
export function csvField(v: CsvValue): string {
  let s = text(v);
  if (typeof v === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The header line and one line per row, CRLF-terminated; without the BOM (add CSV_BOM when saving a file). */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
