import "server-only";
import { z } from "zod";

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

export const nullableString = z
  .union([z.string(), z.null(), z.undefined()])
  .transform((v) => v ?? null);

/** `meta` of paginated answers (§2.7); `next`/`previous` are relative paths or null. */
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

export type Counts = number | Record<string, number>;

/** One level of a report's location tree (country → region → city), normalized. */
export interface LocationNode {
  name: string;
  count: Counts;
  /** Per-datapoint counters of fault/alert event reports. */
  detail?: Record<string, Record<string, number>>;
  children: LocationNode[];
}

function fillCounts(c: Record<string, number>, keys: readonly string[] | undefined): Record<string, number> {
  if (!keys) return c;
  const out: Record<string, number> = { ...c };
  for (const k of keys) out[k] ??= 0;
  return out;
}

function sumCounts(children: LocationNode[], keys: readonly string[] | undefined): Counts {
  if (children.every((c) => typeof c.count === "number")) return children.reduce((s, c) => s + (c.count as number), 0);
  const out: Record<string, number> = {};
  for (const c of children) {
    if (typeof c.count === "number") continue;
    for (const [k, v] of Object.entries(c.count)) out[k] = (out[k] ?? 0) + v;
  }
  return fillCounts(out, keys);
}

const countValue = z.union([numberish, z.record(z.string(), numberish)]);
const detailValue = z.record(z.string(), z.record(z.string(), numberish));

/**
 * Parses `{ "China": { "count": …, "Guangdong": { "count": …, "Guangzhou": 3 } } }`. A city leaf
 * may be a bare number (/devices/locations) or `{count}`; counter objects may omit zero keys,
 * which are filled from `countKeys`.
 */
export function locationChildren(raw: Record<string, unknown>, countKeys: readonly string[] | undefined, ctx: z.RefinementCtx, path: (string | number)[] = []): LocationNode[] {
  const out: LocationNode[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (name === "count" || name === "detail") continue;
    const at = [...path, name];
    const bare = numberish.safeParse(value);
    if (bare.success) {
      out.push({ name, count: bare.data, children: [] });
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      ctx.addIssue({ code: "custom", path: at, message: "expected a number or an object" });
      continue;
    }
    const obj = value as Record<string, unknown>;
    const children = locationChildren(obj, countKeys, ctx, at);
    let count: Counts;
    if ("count" in obj) {
      const c = countValue.safeParse(obj.count);
      if (!c.success) {
        ctx.addIssue({ code: "custom", path: [...at, "count"], message: "expected a number or counters" });
        continue;
      }
      count = typeof c.data === "number" ? c.data : fillCounts(c.data, countKeys);
    } else {
      count = sumCounts(children, countKeys);
    }
    const node: LocationNode = { name, count, children };
    if ("detail" in obj) {
      const d = detailValue.safeParse(obj.detail);
      if (d.success) node.detail = d.data;
      else ctx.addIssue({ code: "custom", path: [...at, "detail"], message: "expected per-datapoint counters" });
    }
    out.push(node);
  }
  return out;
}

export function locationTreeSchema(countKeys?: readonly string[]) {
  return z.record(z.string(), z.unknown()).transform((raw, ctx) => locationChildren(raw, countKeys, ctx));
}

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
