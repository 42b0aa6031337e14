// Plain TypeScript, no zod: lenient readers for page URLs in the browser (see bench/bundle-budget.ts,
// "keeping a route light"). Each reader takes one raw search-param value and returns the value the
// matching zod field of lib/schemas would produce, or undefined where that field would refuse it;
// the schema tests check both agree. A bad or stale parameter is dropped, never an error page.

export type Reader<T> = (raw: string) => T | undefined;

/** `z.string().trim().min(1).max(max)` (and `.regex(pattern)` on the trimmed text). */
export const text =
  (max: number, pattern?: RegExp): Reader<string> =>
  (raw) => {
    const v = raw.trim();
    return v.length >= 1 && v.length <= max && (!pattern || pattern.test(v)) ? v : undefined;
  };

/** `z.enum(values)`. */
export const oneOf =
  <T extends string>(values: readonly T[]): Reader<T> =>
  (raw) =>
    (values as readonly string[]).includes(raw) ? (raw as T) : undefined;

/** `z.enum(["1", "0"]).transform((v) => v === "1")`. */
export const flag: Reader<boolean> = (raw) => (raw === "1" ? true : raw === "0" ? false : undefined);

/** `z.coerce.number().int()` within [min, max], or one of `sizes`. */
export const int =
  (rule: { min?: number; max?: number; sizes?: readonly number[] } = {}): Reader<number> =>
  (raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n)) return undefined;
    if (rule.sizes) return rule.sizes.includes(n) ? n : undefined;
    return n >= (rule.min ?? Number.MIN_SAFE_INTEGER) && n <= (rule.max ?? Number.MAX_SAFE_INTEGER) ? n : undefined;
  };

/** The first reader that accepts the value (`z.union`). */
export const either =
  <T>(...readers: Reader<T>[]): Reader<T> =>
  (raw) => {
    for (const r of readers) {
      const v = r(raw);
      if (v !== undefined) return v;
    }
    return undefined;
  };

/** `z.string().regex(pattern)` without trimming. */
export const matching =
  (pattern: RegExp): Reader<string> =>
  (raw) =>
    pattern.test(raw) ? raw : undefined;

type Read<R> = { -readonly [K in keyof R]?: R[K] extends Reader<infer T> ? T : never };

/** Every parameter of `readers` that is present, non-empty and valid; the others are left out. */
export function readParams<R extends Record<string, Reader<unknown>>>(sp: URLSearchParams, readers: R): Read<R> {
  const out: Record<string, unknown> = {};
  for (const [key, read] of Object.entries(readers)) {
    const raw = sp.get(key);
    if (raw === null || raw === "") continue;
    const v = read(raw);
    if (v !== undefined) out[key] = v;
  }
  return out as Read<R>;
}
