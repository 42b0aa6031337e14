import { z } from "zod";

/**
 * Products and their data points as the browser sees them (GET /api/products). Built on the server
 * from the Gizwits /datapoint answer; never carries a product secret.
 */

/** W/R/N/E in the doc's table, status_writable/… in real answers. */
export const DATAPOINT_KINDS = ["writable", "readonly", "alert", "fault", "unknown"] as const;
export type DatapointKind = (typeof DATAPOINT_KINDS)[number];

export const datapointSchema = z.object({
  /** Identifier used in control `attrs`, history `attrs` and agg_data. */
  name: z.string(),
  displayName: z.string(),
  kind: z.enum(DATAPOINT_KINDS),
  /** bool | uint8 | uint16 | uint32 | enum | binary (kept as sent for anything newer). */
  dataType: z.string(),
  desc: z.string().nullable(),
  /** Enum labels, index = raw value. */
  enumValues: z.array(z.string()).nullable(),
  /** Numeric range: raw = min..max, shown value = raw × ratio + addition. */
  numeric: z
    .object({
      min: z.number(),
      max: z.number(),
      ratio: z.number(),
      addition: z.number(),
      realMin: z.number(),
      realMax: z.number(),
    })
    .nullable(),
  /** Length in bytes for binary data points (control values must be padded to it), else null. */
  byteLength: z.number().int().nullable(),
});
export type Datapoint = z.infer<typeof datapointSchema>;

export const productSchema = z.object({
  productKey: z.string(),
  /** Product name from Gizwits; null when it could not be fetched (e.g. quota spent). */
  name: z.string().nullable(),
  datapoints: z.array(datapointSchema).nullable(),
});
export type Product = z.infer<typeof productSchema>;

export const productsResponseSchema = z.array(productSchema);
