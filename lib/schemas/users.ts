import { z } from "zod";
import { deviceRowSchema } from "./devices";
import { BOUND_FIELDS, MAX_DIDS_PER_BINDING, REGISTERED_FIELDS, type RegisteredField, USER_PAGE_SIZES } from "../plain/users";
import { pageFields, pagingQuery } from "./paging";

// The zod-free part (field lists, limits, parseDidList, userDisplayName, URL readers) is in
// lib/plain/users.ts for client code.
export * from "../plain/users";

/**
 * Users and bindings: URL / API parameter names shared by the pages, the console's /api and links
 * from other pages (the device page links to /users/<uid>?product=<pk>).
 */

export const productKeySchema = z.string().trim().min(1).max(64);
/** Gizwits uids and dids are 22-32 URL-safe characters; looser bounds keep another tenant's format working. */
export const uidSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "uid");
export const didSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "did");
export const appidSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "appid");

const paging = pagingQuery({ sizes: USER_PAGE_SIZES }).shape;
const val = z.string().trim().min(1).max(128);

/**
 * GET /api/users?product=&type=&val=&username=&phone=&email=&appid=&page=&page_size= — `type`/`val`
 * is the main criterion; username, phone and email may be added and all of them combine (AND),
 * as /v1/users/search takes them together.
 */
export const registeredSearchSchema = z.object({
  product: productKeySchema,
  type: z.enum(REGISTERED_FIELDS).optional(),
  val: val.optional(),
  username: val.optional(),
  phone: val.optional(),
  email: val.optional(),
  appid: appidSchema.optional(),
  ...paging,
});
export type RegisteredSearch = z.output<typeof registeredSearchSchema>;

/** The username, phone and email a registered-user search filters on: the extra fields, and `val` for its `type`. */
export function registeredCriteria(q: Pick<RegisteredSearch, "type" | "val" | RegisteredField>): Partial<Record<RegisteredField, string>> {
  const out: Partial<Record<RegisteredField, string>> = {};
  for (const f of REGISTERED_FIELDS) if (q[f]) out[f] = q[f];
  if (q.val) out[q.type ?? "username"] = q.val;
  return out;
}

/** GET /api/products/{pk}/users/search?type=&val=&gid=&page=&page_size= */
export const boundSearchSchema = z.object({
  type: z.enum(BOUND_FIELDS).optional(),
  val: val.optional(),
  gid: z.string().trim().min(1).max(64).optional(),
  ...paging,
});
export type BoundSearch = z.output<typeof boundSearchSchema>;

/** A user as the console's /api serves it. Times are unix seconds. */
export const userRowSchema = z.object({
  uid: z.string(),
  username: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  remark: z.string().nullable(),
  gender: z.string().nullable(),
  birthday: z.string().nullable(),
  address: z.string().nullable(),
  isAnonymous: z.boolean(),
  createdAt: z.number().nullable(),
  updatedAt: z.number().nullable(),
  /** Only when bound users are searched by did or MAC: whether the user owns the device. */
  isOwner: z.boolean().nullable(),
  /** The console's own Open API app user (server/openapi/service-user.ts), not a customer. */
  consoleServiceUser: z.boolean(),
});
export type UserRow = z.output<typeof userRowSchema>;

export const userSearchResultSchema = z.object({
  users: z.array(userRowSchema),
  ...pageFields,
});
export type UserSearchResult = z.output<typeof userSearchResultSchema>;

/** The user page: the profile (null when the user has no device bound in this product) and their devices. */
export const userDetailSchema = z.object({
  uid: z.string(),
  user: userRowSchema.nullable(),
  devices: z.array(deviceRowSchema),
  devicesTotal: z.number().int().nonnegative(),
});
export type UserDetail = z.output<typeof userDetailSchema>;

export const bindingSchema = z.object({
  uid: uidSchema,
  appid: appidSchema,
  dids: z
    .array(didSchema)
    .min(1)
    .max(MAX_DIDS_PER_BINDING)
    .transform((d) => [...new Set(d)]),
});
export type BindingInput = z.input<typeof bindingSchema>;

export const bindingResultSchema = z.object({ success: z.array(z.string()), failed: z.array(z.string()) });
export type BindingResult = z.output<typeof bindingResultSchema>;

export const appidListSchema = z.object({ appids: z.array(z.object({ appid: z.string() })) });
export type AppidList = z.output<typeof appidListSchema>;
