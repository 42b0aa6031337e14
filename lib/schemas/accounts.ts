import { z } from "zod";
import { ACCOUNT_NAME_MAX, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from "../plain/accounts";
import { roleSchema } from "../roles";

// The same rules, zod-free, for the browser's form checks: lib/plain/accounts.ts.

/** Lower-case login name: letters, digits, dot, dash, underscore; 2-32 characters. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, "2-32 characters: letters, digits, dot, dash, underscore");

/** bcrypt reads only the first 72 bytes, so longer passwords are refused rather than silently cut. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters`)
  .refine((p) => new TextEncoder().encode(p).length <= PASSWORD_MAX_BYTES, `At most ${PASSWORD_MAX_BYTES} bytes`);

export const accountNameSchema = z.string().trim().min(1).max(ACCOUNT_NAME_MAX);

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  provider: z.enum(["local", "oidc"]),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastLoginAt: z.string().nullable(),
  /** Unix ms until which password sign-ins for this username wait after repeated failures; null when free. */
  signInDelayedUntil: z.number().int().nullable().default(null),
});
export type Account = z.infer<typeof accountSchema>;

export const accountListSchema = z.object({ items: z.array(accountSchema) });
export type AccountList = z.infer<typeof accountListSchema>;

export const createAccountSchema = z.object({
  username: usernameSchema,
  name: accountNameSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type CreateAccountInput = z.infer<typeof createAccountSchema>;

export const updateAccountSchema = z
  .object({
    name: accountNameSchema.optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Nothing to change");
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;
