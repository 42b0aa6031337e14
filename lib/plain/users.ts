// Plain TypeScript, no zod: the users/bindings constants and helpers client code needs; the
// schemas are in lib/schemas/users.ts, which re-exports all of this (see bench/bundle-budget.ts,
// "keeping a route light").
import type { BoundSearch, RegisteredSearch, UserRow } from "../schemas/users";
import { MAX_PAGE, PAGE_SIZES } from "./paging";
import { int, oneOf, readParams, text } from "./url-read";

export const USER_PAGE_SIZES = PAGE_SIZES;

/** Fields /v1/users/search filters on (the appid filter is separate: it combines with them). */
export const REGISTERED_FIELDS = ["username", "phone", "email"] as const;
export type RegisteredField = (typeof REGISTERED_FIELDS)[number];

/** Fields products/{pk}/users/search takes as `type`. */
export const BOUND_FIELDS = ["uid", "username", "phone", "email", "did", "mac", "device_sn"] as const;
export type BoundField = (typeof BOUND_FIELDS)[number];

/** Gizwits uids, dids and appids: 1-64 URL-safe characters once trimmed (uidSchema, didSchema, appidSchema). */
export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const readId = text(64, ID_PATTERN);

/** A user page lists at most this many devices (one upstream call). */
export const USER_DEVICES_LIMIT = 100;

/** One bind/unbind request: a console limit, so one call stays small and its audit entry readable. */
export const MAX_DIDS_PER_BINDING = 100;

/**
 * DIDs pasted by a person: split on whitespace, commas and semicolons, deduplicated in order.
 * Entries that cannot be a did come back in `invalid` so the form can name them.
 */
export function parseDidList(text: string): { dids: string[]; invalid: string[] } {
  const dids: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\s,;，；]+/)) {
    const s = raw.trim();
    if (!s || seen.has(s)) continue;
    seen.add(s);
    (readId(s) !== undefined ? dids : invalid).push(s);
  }
  return { dids, invalid };
}

/** The best name to show for a user. */
export function userDisplayName(u: Pick<UserRow, "username" | "name" | "phone" | "email">): string | null {
  return u.username ?? u.name ?? u.phone ?? u.email ?? null;
}

const paging = { page: int({ min: 1, max: MAX_PAGE }), page_size: int({ sizes: USER_PAGE_SIZES }) };
const val = text(128);

/** The users page's URL as registeredSearchSchema reads it, leniently: a bad parameter is dropped (its test checks they agree). */
export function readRegisteredSearch(sp: URLSearchParams, product: string): RegisteredSearch {
  const { page, page_size, ...rest } = readParams(sp, {
    type: oneOf(REGISTERED_FIELDS),
    val,
    username: val,
    phone: val,
    email: val,
    appid: readId,
    ...paging,
  });
  return { product, ...rest, page: page ?? 1, page_size: page_size ?? USER_PAGE_SIZES[0] };
}

/** The users page's URL as boundSearchSchema reads it, leniently. */
export function readBoundSearch(sp: URLSearchParams): BoundSearch {
  const { page, page_size, ...rest } = readParams(sp, { type: oneOf(BOUND_FIELDS), val, gid: text(64), ...paging });
  return { ...rest, page: page ?? 1, page_size: page_size ?? USER_PAGE_SIZES[0] };
}
