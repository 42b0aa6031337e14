import { z } from "zod";
import { AGG_AGGREGATORS, AGG_UNITS } from "./plain/agg";

// The aggregation helpers are zod-free in lib/plain/agg.ts (client code imports that); this module
// adds the route's query schema.
export * from "./plain/agg";

/**
 * Route input for an aggregation query: `start`/`end` in epoch ms, `attrs` as a list or the
 * API's comma-separated form, unit in any case.
 */
export const aggQuerySchema = z.object({
  start: z.coerce.number().int().nonnegative(),
  end: z.coerce.number().int().positive(),
  attrs: z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter((s) => s !== ""))
    .pipe(z.array(z.string()).min(1)),
  aggregator: z.enum(AGG_AGGREGATORS),
  unit: z
    .string()
    .transform((u) => u.toUpperCase())
    .pipe(z.enum(AGG_UNITS)),
});
export type AggQuery = z.output<typeof aggQuerySchema>;
