// Plain TypeScript, no zod: the account rules the add-account form checks in the browser; the
// schemas in lib/schemas/accounts.ts are built from the same constants (see bench/bundle-budget.ts,
// "keeping a route light").
import { ROLES } from "./roles";

/** Lower-case login name: letters, digits, dot, dash, underscore; 2-32 characters (after trim and lower-casing). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt reads only the first 72 bytes, so longer passwords are refused rather than silently cut. */
export const PASSWORD_MAX_BYTES = 72;
export const ACCOUNT_NAME_MAX = 80;

export function isUsername(value: string): boolean {
  return USERNAME_PATTERN.test(value.trim().toLowerCase());
}

export function passwordProblem(value: string): "tooShort" | "tooLong" | null {
  if (value.length < PASSWORD_MIN_LENGTH) return "tooShort";
  return new TextEncoder().encode(value).length > PASSWORD_MAX_BYTES ? "tooLong" : null;
}

export function isAccountName(value: string): boolean {
  const v = value.trim();
  return v.length >= 1 && v.length <= ACCOUNT_NAME_MAX;
}

export function isRole(value: string): boolean {
  return (ROLES as readonly string[]).includes(value);
}
