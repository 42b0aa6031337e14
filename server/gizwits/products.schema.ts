import "server-only";
import { z } from "zod";
import type { Datapoint, DatapointKind } from "@/lib/schemas/products";
import { nullableString, numberish } from "./common.schema";

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

const KIND_BY_TYPE: Record<string, DatapointKind> = {
  W: "writable",
  status_writable: "writable",
  R: "readonly",
  status_readonly: "readonly",
  N: "alert",
  alert: "alert",
  E: "fault",
  fault: "fault",
};

const attrSchema = z.object({
  id: numberish.optional(),
  name: z.string().min(1),
  display_name: nullableString.optional(),
  desc: nullableString.optional(),
  type: z.string().optional(),
  data_type: z.string(),
  position: z
    .object({
      bit_offset: numberish.optional(),
      byte_offset: numberish.optional(),
      len: numberish.optional(),
      unit: z.string().optional(),
    })
    .optional(),
  uint_spec: z
    .object({
      min: numberish,
      max: numberish,
      ratio: numberish.optional(),
      addition: numberish.optional(),
    })
    .optional(),
  enum: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
});
export type RawDatapointAttr = z.output<typeof attrSchema>;

/** GET /v1/products/{pk}/datapoint. The UI section (`ui`) is app-specific and left as is. */
export const datapointResponseSchema = z.object({
  name: z.string(),
  product_key: z.string().optional(),
  protocolType: z.string().optional(),
  packetVersion: z.string().optional(),
  entities: z.array(
    z.object({
      id: numberish.optional(),
      name: z.string().optional(),
      display_name: nullableString.optional(),
      attrs: z.array(attrSchema),
    }),
  ),
  ui: z.unknown().optional(),
});
export type DatapointResponse = z.output<typeof datapointResponseSchema>;

/** The browser-facing shape of one attribute. */
export function toDatapoint(a: RawDatapointAttr): Datapoint {
  const spec = a.uint_spec;
  const ratio = spec?.ratio ?? 1;
  const addition = spec?.addition ?? 0;
  const len = a.position?.len;
  return {
    name: a.name,
    displayName: a.display_name ?? a.name,
    kind: (a.type && KIND_BY_TYPE[a.type]) || "unknown",
    dataType: a.data_type,
    desc: a.desc ?? null,
    enumValues: a.enum ?? null,
    numeric: spec
      ? { min: spec.min, max: spec.max, ratio, addition, realMin: spec.min * ratio + addition, realMax: spec.max * ratio + addition }
      : null,
    byteLength: a.data_type === "binary" && len !== undefined ? (a.position?.unit === "bit" ? Math.ceil(len / 8) : len) : null,
  };
}
