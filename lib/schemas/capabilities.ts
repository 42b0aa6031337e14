import { z } from "zod";

/** One learned capability as the settings page shows it (server/console/capabilities.ts). */
export const capabilityRecordSchema = z.object({
  /** true/false for a product capability; a variant name or object for a tenant path record. */
  value: z.json(),
  source: z.enum(["config", "learned", "probe"]),
  /** Unix ms. */
  learnedAt: z.number().int(),
  /** Older than a day: the console asks again on the next use. */
  stale: z.boolean(),
});
export type CapabilityRecordDto = z.infer<typeof capabilityRecordSchema>;

export const PRODUCT_CAPABILITY_KEYS = ["history.data", "history.cmd", "history.online", "agg_data", "control", "openapi.appid"] as const;

export const productCapabilitiesSchema = z.object({
  products: z.array(
    z.object({
      productKey: z.string(),
      /** Every key of PRODUCT_CAPABILITY_KEYS; record null = not learned yet (assumed available until refused). */
      capabilities: z.array(z.object({ key: z.string(), record: capabilityRecordSchema.nullable() })),
    }),
  ),
  /** Tenant-wide records (which variant of a doc-ambiguous path answers). */
  tenant: z.array(z.object({ key: z.string(), record: capabilityRecordSchema.nullable() })),
});
export type ProductCapabilities = z.infer<typeof productCapabilitiesSchema>;
