// Plain TypeScript, no zod (see bench/bundle-budget.ts, "keeping a route light"): what an export
// costs is said on the button's page, while the paging loop itself (lib/paged-export.ts) loads on
// the click that starts it.

/** Upstream calls a list of `total` rows costs at `perCall` rows per call (at least one). */
export function callsFor(total: number, perCall: number): number {
  return Math.max(1, Math.ceil(total / perCall));
}
