import { AUDIT_STATUSES, type AuditStatus } from "@/lib/plain/audit";
import { zonedDayEnd, zonedDayStart } from "@/lib/zoned-time";
import type { AuditListParams } from "@/lib/queries/audit";

// Read by hand, not with zod: this runs in the browser, where zod would add ~31 KB to the page.
type Read<T> = (raw: string) => T | undefined;
const day: Read<string> = (raw) => (/^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined);
const text: Read<string> = (raw) => {
  const v = raw.trim();
  return v.length >= 1 && v.length <= 200 ? v : undefined;
};
const int: Read<number> = (raw) => {
  const n = Number(raw);
  return Number.isInteger(n) ? n : undefined;
};
const status: Read<AuditStatus> = (raw) => ((AUDIT_STATUSES as readonly string[]).includes(raw) ? (raw as AuditStatus) : undefined);

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
  const pick = <T>(read: Read<T>, key: string, fallback: T): T => {
    const raw = sp.get(key);
    return (raw === null ? undefined : read(raw)) ?? fallback;
  };
  const size = pick(int, "page_size", 50);
  return {
    user: pick(text, "user", ""),
    action: pick(text, "action", ""),
    product: pick(text, "product", ""),
    status: pick<AuditStatus | "">(status, "status", ""),
    from: pick(day, "from", ""),
    to: pick(day, "to", ""),
    q: pick(text, "q", ""),
    page: Math.max(1, pick(int, "page", 1)),
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
