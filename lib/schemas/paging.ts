import { z } from "zod";
import { MAX_PAGE, type PageSizeRule } from "../plain/paging";

/**
 * Paging, spelled one way. In URLs (the console's /api and the pages' own addresses) a page is
 * `?page=&page_size=`, snake_case like every other URL parameter (is_online, show_disabled); in
 * JSON answers it is `{ total, page, pageSize }`, camelCase like every other DTO field.
 */

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export { DEFAULT_PAGE_SIZE, MAX_PAGE, PAGE_SIZES, type PageSizeRule } from "../plain/paging";

/** The `page` and `page_size` query parameters; an empty value means the default. */
export function pagingQuery(rule: PageSizeRule) {
  const size =
    "sizes" in rule
      ? z.coerce
          .number()
          .int()
          .refine((n) => rule.sizes.includes(n), { message: `one of ${rule.sizes.join(", ")}` })
          .default(rule.fallback ?? rule.sizes[0]!)
      : z.coerce.number().int().min(1).max(rule.max).default(rule.fallback);
  return z.object({
    page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(MAX_PAGE).default(1)),
    page_size: z.preprocess(emptyToUndefined, size),
  });
}
export type PagingQuery = z.output<ReturnType<typeof pagingQuery>>;

/** The paging fields of a paged answer; extend a DTO with `...pageFields`. */
export const pageFields = {
  total: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
};

/** `skip`/`limit` of the upstream call (or the slice) that serves a page. */
export function pageWindow(q: PagingQuery): { skip: number; limit: number } {
  return { skip: (q.page - 1) * q.page_size, limit: q.page_size };
}
