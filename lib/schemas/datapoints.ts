import { z } from "zod";

/**
 * Browser-facing DTOs for a product's datapoint definitions (GET /v1/products/{pk}/datapoint),
 * keeping the upstream's snake_case attr shape so the API doc's example parses unchanged.
 * Parsing normalises: the read/write `type` always comes out as one of DATAPOINT_KINDS (the
 * table documents the letters W/R/N/E, the example shows "status_writable"), data_type is lower
 * case, `enum` is always an array, and `display_name` falls back to `name`.
 */

import { DATA_TYPES, type DatapointKind } from "../plain/datapoints";

export {
  DATAPOINT_KINDS,
  DATA_TYPES,
  NUMERIC_DATA_TYPES,
  type DatapointKind,
  type DataType,
  type NumericDataType,
} from "../plain/datapoints";

const KIND_ALIASES: Record<string, DatapointKind> = {
  w: "status_writable",
  r: "status_readonly",
  n: "alert",
  e: "fault",
  status_writable: "status_writable",
  status_readonly: "status_readonly",
  alert: "alert",
  fault: "fault",
};

export const datapointKindSchema = z.string().transform((v, ctx): DatapointKind => {
  const kind = KIND_ALIASES[v.trim().toLowerCase()];
  if (!kind) {
    ctx.addIssue({ code: "custom", message: `unknown datapoint type "${v}"` });
    return z.NEVER;
  }
  return kind;
});

export const dataTypeSchema = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(DATA_TYPES));

/** Raw (wire) range and the linear map to real values: real = raw · ratio + addition. */
export const uintSpecSchema = z.object({
  min: z.number(),
  max: z.number(),
  ratio: z
    .number()
    .refine((r) => r !== 0, "ratio must not be 0")
    .default(1),
  addition: z.number().default(0),
});
export type UintSpec = z.output<typeof uintSpecSchema>;

export const positionSchema = z.object({
  byte_offset: z.number().int().nonnegative().optional(),
  bit_offset: z.number().int().nonnegative().optional(),
  len: z.number().int().nonnegative(),
  unit: z.string().optional(),
});
export type Position = z.output<typeof positionSchema>;

export const datapointSchema = z
  .object({
    id: z.number().int().optional(),
    name: z.string().min(1),
    display_name: z.string().optional(),
    desc: z.string().optional(),
    type: datapointKindSchema,
    data_type: dataTypeSchema,
    uint_spec: uintSpecSchema.optional(),
    enum: z.array(z.union([z.string(), z.number().transform(String)])).default([]),
    position: positionSchema.optional(),
  })
  .transform((dp) => ({ ...dp, display_name: dp.display_name?.trim() || dp.name }));
/** One datapoint definition as the browser sees it. */
export type Datapoint = z.output<typeof datapointSchema>;

/** What the console's own datapoints route serves for a product. */
export const productDatapointsSchema = z.object({
  productKey: z.string(),
  name: z.string(),
  datapoints: z.array(datapointSchema),
});
export type ProductDatapoints = z.output<typeof productDatapointsSchema>;

/**
 * The upstream document shape (`{name, product_key, entities: [{attrs}]}`) read straight into the
 * DTO. Products have a single entity in every known example; attrs of further entities are kept.
 */
export const datapointDocumentSchema = z
  .object({
    name: z.string().default(""),
    product_key: z.string(),
    entities: z.array(z.object({ attrs: z.array(datapointSchema).default([]) })).default([]),
  })
  .transform(
    (doc): ProductDatapoints => ({
      productKey: doc.product_key,
      name: doc.name,
      datapoints: doc.entities.flatMap((e) => e.attrs),
    }),
  );

/**
 * A datapoint value as /data reports it: real numbers for uint types, the enum label, 0/1 (or
 * true/false) for bool, a hex string for binary.
 */
export const attrValueSchema = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.null(),
  // Anything else (an array or object from a newer firmware) is kept as JSON text rather than
  // failing the whole page of records.
  z.unknown().transform((v): string => JSON.stringify(v) ?? ""),
]);
export type AttrValue = z.output<typeof attrValueSchema>;
export const attrMapSchema = z.record(z.string(), attrValueSchema);
export type AttrMap = z.output<typeof attrMapSchema>;

/** One /data record: `ts` in unix seconds. */
export const dataRecordSchema = z.object({ ts: z.number(), attrs: attrMapSchema });
export type DataRecord = z.output<typeof dataRecordSchema>;
