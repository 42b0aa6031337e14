import "server-only";
import { z } from "zod";
import { datapointSchema, type Datapoint } from "@/lib/schemas/datapoints";
import { numberish } from "./common.schema";

const DAY_SEC = 86_400;

/**
 * POST /v1/products/{pk}/access_token → 201 `{ token, expire_at }`. The doc's example says
 * `expired_at`, real answers and clients `expire_at`: both accepted (unix seconds; ms tolerated).
 */
export const tokenResponseSchema = z
  .object({
    token: z.string().min(1),
    expire_at: numberish.optional(),
    expired_at: numberish.optional(),
  })
  .transform((r) => {
    const raw = r.expire_at ?? r.expired_at;
    // Without an expiry, assume a day: a 5011 would still trigger a renewal earlier.
    const sec = raw === undefined ? Math.floor(Date.now() / 1000) + DAY_SEC : raw > 1e12 ? Math.floor(raw / 1000) : raw;
    return { token: r.token, expireAt: sec };
  });

/**
 * GET /v1/products/{pk}/datapoint. Attributes stay unparsed here and are read one by one into the
 * shared DTO (toDatapoints), so one attribute of an unknown kind cannot hide the whole product.
 */
export const datapointResponseSchema = z.object({
  name: z.string(),
  product_key: z.string().optional(),
  protocolType: z.string().optional(),
  packetVersion: z.string().optional(),
  entities: z.array(z.object({ attrs: z.array(z.record(z.string(), z.unknown())).default([]) }).loose()).default([]),
});
export type DatapointResponse = z.output<typeof datapointResponseSchema>;

/** Attributes the shared DTO accepts; the rest are reported by name so a log shows what was skipped. */
export function toDatapoints(doc: DatapointResponse): { datapoints: Datapoint[]; skipped: string[] } {
  const datapoints: Datapoint[] = [];
  const skipped: string[] = [];
  for (const attr of doc.entities.flatMap((e) => e.attrs)) {
    // Upstream sends null for absent optional fields; the DTO expects them absent.
    const clean = Object.fromEntries(Object.entries(attr).filter(([, v]) => v !== null));
    const r = datapointSchema.safeParse(clean);
    if (r.success) datapoints.push(r.data);
    else skipped.push(typeof attr.name === "string" ? attr.name : "?");
  }
  return { datapoints, skipped };
}
