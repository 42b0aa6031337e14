import { z } from "zod";
import { rawBytesSchema } from "./payload";

// The control form model is zod-free in lib/plain/control.ts (client code imports that); this
// module adds the route's body schema.
export * from "./plain/control";

/**
 * Route input of POST …/control: data point values, or raw bytes as a decimal array or as a
 * hex/base64 string with `binary_coding` — never two forms at once (strict objects). Values are
 * re-checked against the product with validateControlAttrs, raw strings decoded with controlRawBytes.
 */
export const controlBodySchema = z.union([
  z.strictObject({
    attrs: z
      .record(z.string().min(1).max(64), z.union([z.boolean(), z.number(), z.string().max(2048)]))
      .refine((a) => Object.keys(a).length > 0, "attrs must not be empty"),
  }),
  z.strictObject({ raw: rawBytesSchema.max(1024) }),
  z.strictObject({ raw: z.string().min(1).max(4096), binary_coding: z.enum(["hex", "base64"]) }),
]);
export type ControlBodyInput = z.output<typeof controlBodySchema>;
