// Plain TypeScript, no zod: paging constants client code needs (see bench/bundle-budget.ts, "keeping a route light").

/** The sizes the console's pagers offer, and the default. */
export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** The highest page number a query may ask for. */
export const MAX_PAGE = 1_000_000;

/** Page sizes: either one of a fixed list (what the pagers offer) or anything up to `max`. */
export type PageSizeRule = { sizes: readonly number[]; fallback?: number } | { max: number; fallback: number };
