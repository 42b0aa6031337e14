/**
 * MAC lists for group assignment: what people paste or upload (any case, with ":" "-" "."
 * separators, one per line or comma separated, CSV cells) becomes the list Gizwits takes —
 * 12 lowercase hex characters, or a virtual device's "name:site" id as-is.
 */

/** Gizwits takes at most this many MACs per assign/unassign call. */
export const MAX_MACS_PER_CHUNK = 1000;

const HEX12 = /^[0-9a-f]{12}$/;
// Virtual devices (the API's own example is "virtual:site") are named, not numbered.
const VIRTUAL = /^virtual:[A-Za-z0-9_.-]{1,64}$/;

/** The canonical form of one MAC, or null when it is not a MAC the API could know. */
export function normalizeMac(raw: string): string | null {
  const s = raw
    .trim()
    .replace(/^["']|["']$/g, "")
    .trim();
  if (!s) return null;
  if (VIRTUAL.test(s)) return s;
  const compact = s.toLowerCase().replace(/[:\-.\s]/g, "");
  return HEX12.test(compact) ? compact : null;
}

export interface ParsedMacs {
  /** Valid MACs in first-seen order, each once. */
  macs: string[];
  /** Entries that are not MACs, as typed (trimmed). */
  invalid: string[];
  /** How many valid entries repeated an earlier one. */
  duplicates: number;
}

/**
 * Reads a pasted list or an uploaded CSV: entries are split on line breaks, commas, semicolons
 * and tabs. A first line that is a header (e.g. "mac") is skipped rather than reported invalid.
 */
export function parseMacList(text: string): ParsedMacs {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const seen = new Set<string>();
  const macs: string[] = [];
  const invalid: string[] = [];
  let duplicates = 0;
  lines.forEach((line, i) => {
    for (const cell of line.split(/[,;\t]/)) {
      const entry = cell
        .trim()
        .replace(/^["']|["']$/g, "")
        .trim();
      if (!entry) continue;
      const mac = normalizeMac(entry);
      if (mac === null) {
        if (i === 0 && /^[a-z _]+$/i.test(entry)) continue;
        invalid.push(entry);
      } else if (seen.has(mac)) duplicates += 1;
      else {
        seen.add(mac);
        macs.push(mac);
      }
    }
  });
  return { macs, invalid, duplicates };
}

/** Splits a list into consecutive chunks of at most `size` (default: the API's per-call limit). */
export function chunk<T>(items: readonly T[], size: number = MAX_MACS_PER_CHUNK): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError("chunk size must be a positive integer");
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Upstream calls an assignment of `count` MACs costs: one per chunk. */
export function assignCalls(count: number): number {
  return Math.ceil(count / MAX_MACS_PER_CHUNK);
}
