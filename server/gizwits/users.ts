import "server-only";
import { gizwits, type Priority } from "./client";
import { tags, TTL } from "./cache";
import { AppError } from "@/server/errors";
import { productPath } from "./paths";
import { productSecret } from "./token";
import { AMBIGUOUS_PATHS, withPathVariant, type PathVariant } from "./variants";
import { reportTtl } from "./reports";
import { activeUsersSchema, userSearchSchema, usersLocationSchema, type UserSearchPage } from "./users.schema";

export interface RegisteredUserSearch {
  appid?: string;
  username?: string;
  phone?: string;
  email?: string;
  limit?: number;
  skip?: number;
  priority?: Priority;
}

// GET /v1/users/search (enterprise headers) — users registered in the product's apps.
export function searchRegisteredUsers(productKey: string, q: RegisteredUserSearch = {}): Promise<UserSearchPage> {
  return gizwits({
    productKey,
    auth: "enterprise",
    method: "GET",
    path: "/v1/users/search",
    query: { product_key: productKey, appid: q.appid, username: q.username, phone: q.phone, email: q.email, limit: q.limit, skip: q.skip },
    schema: userSearchSchema,
    cache: { ttlMs: TTL.users, tags: [tags.users(productKey)] },
    priority: q.priority,
  });
}

export interface BoundUserSearch {
  gid?: string;
  /** Field searched by `val`. */
  type?: "uid" | "username" | "phone" | "email" | "did" | "mac" | "device_sn";
  val?: string;
  limit?: number;
  skip?: number;
  priority?: Priority;
}

// GET /v1/products/{pk}/users/search — users bound to the product's devices.
export function searchBoundUsers(productKey: string, q: BoundUserSearch = {}): Promise<UserSearchPage> {
  return gizwits({
    productKey,
    method: "GET",
    path: productPath(productKey, "users", "search"),
    query: { gid: q.gid, type: q.val ? q.type : undefined, val: q.val, limit: q.limit, skip: q.skip },
    schema: userSearchSchema,
    cache: { ttlMs: TTL.users, tags: [tags.users(productKey), tags.bindings(productKey)] },
    priority: q.priority,
  });
}

/*
 * The two header-auth reports name the product in a parameter called `product_secret` that the
 * doc describes as "产品标识码 product_key". The product key is sent first: it is what the
 * description asks for, and a secret should not travel in a URL that proxies keep. Only when the
 * tenant refuses the key as an unknown product or a wrong secret (5015/5005) is the secret sent,
 * and that answer is remembered per tenant (issue 12). The console's own logs redact it.
 */
const PRODUCT_REFUSED = new Set([5005, 5015]);
const productRefused = (err: unknown) => err instanceof AppError && err.upstreamCode !== undefined && PRODUCT_REFUSED.has(err.upstreamCode);
const productParam = (productKey: string, v: PathVariant) => (v === "documented" ? productKey : productSecret(productKey));

// GET /v1/users/liveness_total (enterprise headers) — active users per day.
export function getActiveUsersTotal(productKey: string, q: { startDate: string; endDate: string; appid?: string; priority?: Priority }) {
  return withPathVariant(
    AMBIGUOUS_PATHS.userReportsProduct,
    (v) =>
      gizwits({
        productKey,
        auth: "enterprise",
        method: "GET",
        path: "/v1/users/liveness_total",
        query: { product_secret: productParam(productKey, v), appid: q.appid, start_date: q.startDate, end_date: q.endDate },
        schema: activeUsersSchema,
        cache: { ttlMs: reportTtl(q.endDate), tags: [tags.users(productKey), tags.reports(productKey)] },
        priority: q.priority,
      }),
    productRefused,
  );
}

// GET /v1/users/location (enterprise headers) — where users are.
export function getUsersLocation(productKey: string, opts: { priority?: Priority } = {}) {
  return withPathVariant(
    AMBIGUOUS_PATHS.userReportsProduct,
    (v) =>
      gizwits({
        productKey,
        auth: "enterprise",
        method: "GET",
        path: "/v1/users/location",
        query: { product_secret: productParam(productKey, v) },
        schema: usersLocationSchema,
        cache: { ttlMs: TTL.reportCurrent, tags: [tags.users(productKey), tags.reports(productKey)] },
        priority: opts.priority,
      }),
    productRefused,
  );
}
