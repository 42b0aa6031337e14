import "server-only";
import { z } from "zod";
import { numberish } from "@/server/gizwits/common.schema";
import { appDeviceSchema } from "./devices.schema";

/** GET /app/bindings → `{ devices: [...] }` (the doc shows no meta; a `meta` with `total` is read when present). */
export const bindingsSchema = z
  .object({
    devices: z.array(appDeviceSchema),
    meta: z.object({ total: numberish.optional() }).partial().nullable().optional(),
  })
  .transform((b) => ({ devices: b.devices, total: b.meta?.total ?? null }));
export type BindingsPage = z.output<typeof bindingsSchema>;

/**
 * DELETE /app/bindings and the group member calls → `{ success: [did], failed: [did] }`; POST
 * group devices with show_detail=1 adds `detail: [{ did, error_code, error_message }]`.
 */
export const didResultSchema = z
  .object({
    success: z.array(z.string()).nullable().optional(),
    failed: z.array(z.string()).nullable().optional(),
    detail: z
      .array(
        z.object({
          did: z.string(),
          error_code: numberish.nullable().optional(),
          error_message: z.string().nullable().optional(),
        }),
      )
      .nullable()
      .optional(),
  })
  .transform((r) => ({
    success: r.success ?? [],
    failed: r.failed ?? [],
    detail: (r.detail ?? []).map((d) => ({ did: d.did, errorCode: d.error_code ?? null, errorMessage: d.error_message ?? null })),
  }));
export type DidResult = z.output<typeof didResultSchema>;
