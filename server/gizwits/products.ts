import "server-only";
import type { Product } from "@/lib/schemas/products";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { gizwits, type Priority } from "./client";
import { tags, TTL } from "./cache";
import { productPath } from "./paths";
import { datapointResponseSchema, toDatapoints, type DatapointResponse } from "./products.schema";

// GET /v1/products/{pk}/datapoint
export function getDatapointDocument(productKey: string, opts: { priority?: Priority } = {}): Promise<DatapointResponse> {
  return gizwits({
    productKey,
    method: "GET",
    path: productPath(productKey, "datapoint"),
    schema: datapointResponseSchema,
    cache: { ttlMs: TTL.datapoint, tags: [tags.product(productKey)] },
    priority: opts.priority,
  });
}

/** A product's name and data points in the browser's shape. */
export async function getProduct(productKey: string, opts: { priority?: Priority } = {}): Promise<Product> {
  const doc = await getDatapointDocument(productKey, opts);
  const { datapoints, skipped } = toDatapoints(doc);
  if (skipped.length) console.warn(`[gizwits] product ${productKey}: skipped data points of unknown kind or type: ${skipped.join(", ")}`);
  return { productKey, name: doc.name, datapoints };
}

/**
 * Every configured product (GIZWITS_PRODUCTS, in that order). One product Gizwits cannot
 * describe right now (quota spent, upstream down, misconfigured) is listed without a name rather
 * than failing the list, because the product switcher must still work.
 */
export async function listProducts(): Promise<Product[]> {
  return Promise.all(
    env().GIZWITS_PRODUCTS.map(async ({ productKey }): Promise<Product> => {
      try {
        return await getProduct(productKey);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        return { productKey, name: null, datapoints: null };
      }
    }),
  );
}
