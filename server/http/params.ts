import "server-only";
import { z } from "zod";
import { didOrMacSchema, didSchema, gidSchema, uidSchema } from "@/lib/schemas/ids";
// Any configured key is accepted whatever its shape (a tenant's keys are what they are); every
// other value is a 404 before anything is asked upstream.
import { productKeySchema } from "@/lib/schemas/users";
import { env } from "@/server/env";
import { errors } from "@/server/errors";
import { serverText } from "@/server/text";

/**
 * Route input fragments that need the server's configuration. A product key of the wrong shape is
 * a 400 (zod); a well-formed key that this console does not serve is a 404, thrown from the
 * transform so the caller gets the same answer from every route with a [pk] segment (or a
 * `product` query parameter), before the handler runs and before any upstream call.
 */
export const configuredProductKey = productKeySchema.transform((pk) => {
  if (!env().GIZWITS_PRODUCTS.some((p) => p.productKey === pk)) {
    throw errors.notFound(serverText("productNotConfigured", { pk }));
  }
  return pk;
});

/** Params of every route under app/api/products/[pk]. */
export const productParams = z.object({ pk: configuredProductKey });
/** …/devices/[did]: a did (22 base62 characters). */
export const deviceParams = productParams.extend({ did: didSchema });
/** …/devices/[did] of the detail route: a did or a MAC (normalized to 12 lower-case hex digits). */
export const deviceOrMacParams = productParams.extend({ did: didOrMacSchema });
/** …/groups/[gid]. */
export const groupParams = productParams.extend({ gid: gidSchema });
/** …/users/[uid]. */
export const userParams = productParams.extend({ uid: uidSchema });
/** The `product` query parameter of routes outside app/api/products/[pk] (merge it into the route's query schema). */
export const productQuery = z.object({ product: configuredProductKey });
