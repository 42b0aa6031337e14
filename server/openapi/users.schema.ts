import "server-only";
import { z } from "zod";
import { boolish, nullableString, numberish } from "@/server/gizwits/common.schema";

/**
 * POST /app/users and POST /app/login → `{ token, uid, expire_at }` (unix seconds). Old answers
 * spell it `expired_at`, as the Enterprise token does; both are accepted.
 */
export const sessionSchema = z
  .object({
    token: z.string().min(1),
    uid: z.string().min(1),
    expire_at: numberish.optional(),
    expired_at: numberish.optional(),
  })
  .transform((s, ctx) => {
    const expireAt = s.expire_at ?? s.expired_at;
    if (expireAt === undefined) {
      ctx.addIssue({ code: "custom", message: "expire_at is missing" });
      return z.NEVER;
    }
    // A timestamp in ms (13 digits) is read as such.
    return { token: s.token, uid: s.uid, expireAt: expireAt > 1e12 ? Math.floor(expireAt / 1000) : expireAt };
  });
/** An app user's session. `expireAt` is unix seconds. */
export type AppSession = z.output<typeof sessionSchema>;

/** GET /app/users: the caller's own profile. */
export const appUserSchema = z
  .object({
    uid: z.string().min(1),
    username: nullableString.optional(),
    phone: nullableString.optional(),
    email: nullableString.optional(),
    name: nullableString.optional(),
    gender: nullableString.optional(),
    birthday: nullableString.optional(),
    address: nullableString.optional(),
    lang: nullableString.optional(),
    remark: nullableString.optional(),
    is_anonymous: boolish.nullable().optional(),
  })
  .transform((u) => ({
    uid: u.uid,
    username: u.username ?? null,
    phone: u.phone ?? null,
    email: u.email ?? null,
    name: u.name ?? null,
    remark: u.remark ?? null,
    lang: u.lang ?? null,
    isAnonymous: u.is_anonymous ?? false,
  }));
export type AppUser = z.output<typeof appUserSchema>;
