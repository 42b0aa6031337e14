import "server-only";
import { z } from "zod";
import type { LocationReport } from "@/lib/location-tree";
import { LocationTreeError, readLocationReport } from "@/lib/schemas/location-report";

/**
 * Building blocks shared by the per-resource schemas. Gizwits' documentation and its real answers
 * disagree on primitive types (booleans as 0/1, coordinates as strings, counters omitted when
 * zero), so these accept every documented variant and hand callers one shape.
 */

/** true/false, 0/1, "0"/"1", "true"/"false" → boolean. */
export const boolish = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.enum(["0", "1", "true", "false", "True", "False"])])
  .transform((v) => v === true || v === 1 || v === "1" || v === "true" || v === "True");

/** A number that may arrive as a numeric string. */
export const numberish = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, "not a number")
    .transform(Number),
]);

/** Like numberish, but null, "" and absence become null (e.g. coordinates of a device never located). */
export const optionalNumberish = z
  .union([numberish, z.literal(""), z.null(), z.undefined()])
  .transform((v) => (v === "" || v === null || v === undefined ? null : v));

export const nullableString = z.union([z.string(), z.null(), z.undefined()]).transform((v) => v ?? null);

/** `meta` of paginated answers (`{limit, skip, total, next, previous}`); `next`/`previous` are relative paths or null. */
export const pageMetaSchema = z.object({
  total: numberish.optional(),
  limit: numberish.optional(),
  skip: numberish.optional(),
  previous: nullableString.optional(),
  next: nullableString.optional(),
});

/** `{ meta, objects }`. Some old answers send `objects` as a map; its values are the items. */
export function pagedSchema<T extends z.ZodType>(item: T) {
  return z
    .object({
      meta: pageMetaSchema.optional(),
      objects: z.union([z.array(item), z.record(z.string(), item).transform((r) => Object.values(r))]),
    })
    .transform((r) => ({
      objects: r.objects as z.output<T>[],
      total: r.meta?.total ?? r.objects.length,
      limit: r.meta?.limit ?? null,
      skip: r.meta?.skip ?? 0,
      next: r.meta?.next ?? null,
      previous: r.meta?.previous ?? null,
    }));
}

/**
 * A report answer's location tree, read by lib/location-tree (shared with the browser) so server
 * and UI agree on one normalized shape; its errors become schema issues.
 */
export const locationReportSchema = z.unknown().transform((raw, ctx): LocationReport => {
  try {
    return readLocationReport(raw);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: e instanceof LocationTreeError ? e.message : "unreadable location report" });
    return z.NEVER;
  }
});

/** A counter object whose zero keys may be missing. */
export function countsSchema<K extends string>(keys: readonly K[]) {
  return z.record(z.string(), numberish).transform((c) => {
    const out = {} as Record<K, number>;
    for (const k of keys) out[k] = c[k] ?? 0;
    return out;
  });
}

/** `gid` echoed as null when absent. */
export const gidEcho = nullableString.optional().transform((v) => v ?? null);
