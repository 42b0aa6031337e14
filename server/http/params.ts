import "server-only";
import { z } from "zod";
import { deviceIdSchema } from "@/lib/schemas/device-detail";
import { gidSchema } from "@/lib/schemas/groups";
import { productKeySchema, uidSchema } from "@/lib/schemas/users";
import { env } from "@/server/env";
import { errors } from "@/server/errors";

/**
 * Route input fragments that need the server's configuration. A product key of the wrong shape is
 * a 400 (zod); a well-formed key that this console does not serve is a 404, thrown from the
 * transform so the caller gets the same answer from every route with a [pk] segment (or a
 * `product` query parameter), before the handler runs and before any upstream call.
 */
export const configuredProductKey = productKeySchema.transform((pk) => {
  if (!env().GIZWITS_PRODUCTS.some((p) => p.productKey === pk)) {
    throw errors.notFound({ en: `Product ${pk} is not configured in this console.`, "zh-CN": `本控制台未配置产品 ${pk}。` });
  }
  return pk;
});

/** Params of every route under app/api/products/[pk]. */
export const productParams = z.object({ pk: configuredProductKey });
/** …/devices/[did]: a did, or (for the detail route) a MAC. */
export const deviceParams = productParams.extend({ did: deviceIdSchema });
/** …/groups/[gid]. */
export const groupParams = productParams.extend({ gid: gidSchema });
/** …/users/[uid]. */
export const userParams = productParams.extend({ uid: uidSchema });
/** The `product` query parameter of routes outside app/api/products/[pk] (merge it into the route's query schema). */
export const productQuery = z.object({ product: configuredProductKey });
