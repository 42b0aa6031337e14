import { z } from "zod";
import { datapointSchema } from "./datapoints";

/**
 * Configured products as the browser sees them (GET /api/products). Never carries a product
 * secret. Data points use the shared datapoint DTO of lib/schemas/datapoints.ts.
 */
export const productSchema = z.object({
  productKey: z.string(),
  /** Product name from Gizwits' /datapoint; null when it could not be fetched (e.g. quota spent). */
  name: z.string().nullable(),
  datapoints: z.array(datapointSchema).nullable(),
});
export type Product = z.output<typeof productSchema>;

export const productsResponseSchema = z.array(productSchema);
