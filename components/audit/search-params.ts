import { z } from "zod";
import { AUDIT_STATUSES } from "@/lib/schemas/audit";
import { zonedDayEnd, zonedDayStart } from "@/lib/zoned-time";
import type { AuditListParams } from "@/lib/queries/audit";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = z.string().trim().min(1).max(200);

/** The audit page's URL state. Days are calendar days in the console's time zone. */
export interface AuditUrlState {
  user: string;
  action: string;
  product: string;
  status: (typeof AUDIT_STATUSES)[number] | "";
  from: string;
  to: string;
  q: string;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** Lenient: a hand-edited or stale URL drops the bad parameter instead of breaking the page. */
export function parseAuditUrl(sp: URLSearchParams): AuditUrlState {
  const pick = <T>(schema: z.ZodType<T>, key: string, fallback: T): T => {
    const r = schema.safeParse(sp.get(key) ?? undefined);
    return r.success ? r.data : fallback;
  };
  const size = pick(z.coerce.number().int(), "page_size", 50);
  return {
    user: pick(text, "user", ""),
    action: pick(text, "action", ""),
    product: pick(text, "product", ""),
    status: pick(z.enum(AUDIT_STATUSES), "status", ""),
    from: pick(day, "from", ""),
    to: pick(day, "to", ""),
    q: pick(text, "q", ""),
    page: Math.max(1, pick(z.coerce.number().int(), "page", 1)),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : 50,
  };
}

/** What the API gets: empty filters omitted, days turned into instants in `timeZone`. */
export function toAuditParams(s: AuditUrlState, timeZone: string): AuditListParams {
  return { ...toAuditFilters(s, timeZone), page: s.page, page_size: s.pageSize };
}

/** The filters alone (for the CSV export, which has no pages). */
export function toAuditFilters(s: AuditUrlState, timeZone: string): Omit<AuditListParams, "page" | "page_size"> {
  const from = s.from ? zonedDayStart(s.from, timeZone) : null;
  const to = s.to ? zonedDayEnd(s.to, timeZone) : null;
  return {
    ...(s.user ? { user: s.user } : {}),
    ...(s.action ? { action: s.action } : {}),
    ...(s.product ? { product: s.product } : {}),
    ...(s.status ? { status: s.status } : {}),
    ...(from !== null ? { from: new Date(from).toISOString() } : {}),
    ...(to !== null ? { to: new Date(to).toISOString() } : {}),
    ...(s.q ? { q: s.q } : {}),
  };
}

export function hasFilters(s: AuditUrlState): boolean {
  return Boolean(s.user || s.action || s.product || s.status || s.from || s.to || s.q);
}
