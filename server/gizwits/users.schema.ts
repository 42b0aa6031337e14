import "server-only";
import { z } from "zod";
import { boolish, locationReportSchema, nullableString, numberish, optionalNumberish, pagedSchema } from "./common.schema";

/** A user of /v1/users/search (registered) or /v1/products/{pk}/users/search (bound). */
export const userSchema = z
  .object({
    uid: z.string().min(1),
    username: nullableString.optional(),
    name: nullableString.optional(),
    phone: nullableString.optional(),
    email: nullableString.optional(),
    remark: nullableString.optional(),
    gender: nullableString.optional(),
    birthday: nullableString.optional(),
    address: nullableString.optional(),
    is_anonymous: boolish.nullable().optional(),
    created_at: optionalNumberish.optional(),
    updated_at: optionalNumberish.optional(),
    /** Third-party login info; shape undocumented. */
    auth_src: z.unknown().optional(),
    /** Only when searching bound users by did. */
    is_owner: boolish.nullable().optional(),
  })
  .transform((u) => ({
    uid: u.uid,
    username: u.username ?? null,
    name: u.name ?? null,
    phone: u.phone ?? null,
    email: u.email ?? null,
    remark: u.remark ?? null,
    gender: u.gender ?? null,
    birthday: u.birthday ?? null,
    address: u.address ?? null,
    isAnonymous: u.is_anonymous ?? false,
    /** Unix seconds. */
    createdAt: u.created_at ?? null,
    updatedAt: u.updated_at ?? null,
    isOwner: u.is_owner ?? null,
  }));
export type GizwitsUser = z.output<typeof userSchema>;

export const userSearchSchema = pagedSchema(userSchema);
export type UserSearchPage = z.output<typeof userSearchSchema>;

/** GET /v1/users/liveness_total → `{ data: [{ date, count }] }`. */
export const activeUsersSchema = z.object({ data: z.array(z.object({ date: z.string(), count: numberish })) }).transform((r) => r.data);

/** GET /v1/users/location: the location tree itself, without a wrapper. */
export const usersLocationSchema = locationReportSchema;
