import { z } from "zod";

/**
 * Shapes of the identifiers the console takes from a URL or a body, as the upstream documents
 * them and the real data shows (enterprise-api-facts.md; the emulator follows the same shapes).
 * Checked before anything else, so a junk id is a 400 that costs no upstream call and no query.
 * Route params arrive decoded once by Next.js: these schemas never decode again.
 */

/** Device id: 22 base62 characters ("jaUHdkYkSocBhE2xspYM5k"). */
export const DID_PATTERN = /^[A-Za-z0-9]{22}$/;
export const didSchema = z.string().trim().regex(DID_PATTERN, "did: 22 letters and digits");

/** A device MAC: 12 hex digits (separators ":" "-" "." allowed, normalized to lower case), or a virtual device's "virtual:name". */
const HEX12 = /^[0-9a-f]{12}$/;
const VIRTUAL_MAC = /^virtual:[A-Za-z0-9_.-]{1,64}$/;
export function normalizeMacId(raw: string): string | null {
  const s = raw.trim();
  if (VIRTUAL_MAC.test(s)) return s;
  const compact = s.toLowerCase().replace(/[:.-]/g, "");
  return HEX12.test(compact) && s.length <= 17 ? compact : null;
}
export const macSchema = z.string().transform((raw, ctx) => {
  const mac = normalizeMacId(raw);
  if (mac === null) {
    ctx.addIssue({ code: "custom", message: "MAC: 12 hex digits" });
    return z.NEVER;
  }
  return mac;
});

const hex32 = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{32}$/, `${what}: 32 hex digits`)
    .transform((s) => s.toLowerCase());

/** Product key: 32 hex digits. */
export const productKeySchema = hex32("product key");
/** Device group id: 32 hex digits. */
export const gidSchema = hex32("gid");
/** App user id: 32 hex digits. */
export const uidSchema = hex32("uid");
/** App id: 32 hex digits. */
export const appidSchema = hex32("appid");

/** Console account ids and saved-view ids are UUIDs (crypto.randomUUID()). */
export const accountIdSchema = z.string().trim().toLowerCase().uuid("account id: a UUID");
export const savedViewIdSchema = z.string().trim().toLowerCase().uuid("saved view id: a UUID");

/** A device in a URL: its did, or (where a route allows it) its MAC. */
export const didOrMacSchema = z.string().transform((raw, ctx) => {
  const s = raw.trim();
  if (DID_PATTERN.test(s)) return s;
  const mac = normalizeMacId(s);
  if (mac !== null) return mac;
  ctx.addIssue({ code: "custom", message: "device: a did (22 letters and digits) or a MAC (12 hex digits)" });
  return z.NEVER;
});

/**
 * Dates the database can hold and the console has a use for: PostgreSQL timestamps go from
 * 4713 BC to 294276 AD and JavaScript dates to ±275760; audit records exist from 2000 on.
 */
export const MIN_DATE = new Date("2000-01-01T00:00:00Z");
export const MAX_DATE = new Date("2100-01-01T00:00:00Z");
export const boundedDateSchema = z.coerce
  .date("date: not a valid date")
  .min(MIN_DATE, "date: not before 2000-01-01")
  .max(MAX_DATE, "date: not after 2099-12-31");
