import "server-only";
import { z } from "zod";
import { boolish, nullableString } from "@/server/gizwits/common.schema";
import { unixSeconds } from "./devices.schema";

/** An app group (GET /app/group items). Multi-product groups have an empty product_key. */
export const appGroupSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    group_name: nullableString.optional(),
    product_key: nullableString.optional(),
    verbose_name: nullableString.optional(),
    created_at: unixSeconds.optional(),
    updated_at: unixSeconds.optional(),
  })
  .transform((g) => ({
    id: g.id,
    name: g.group_name ?? "",
    /** Set for a single-product group (the only kind group control accepts). */
    productKey: g.product_key || null,
    productName: g.verbose_name || null,
    createdAt: g.created_at ?? null,
    updatedAt: g.updated_at ?? null,
  }));
export type AppGroup = z.output<typeof appGroupSchema>;
export const appGroupsSchema = z.array(appGroupSchema);

/** `{ id }` of a created group or schedule. */
export const idAnswerSchema = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) }).transform((r) => r.id);

/** GET /app/group/{id}/devices items. */
export const groupDeviceSchema = z
  .object({
    did: z.string().min(1),
    type: nullableString.optional(),
    dev_alias: nullableString.optional(),
    product_key: nullableString.optional(),
    verbose_name: nullableString.optional(),
  })
  .transform((d) => ({
    did: d.did,
    type: d.type ?? "normal",
    alias: d.dev_alias ?? null,
    productKey: d.product_key || null,
    productName: d.verbose_name || null,
  }));
export type GroupDevice = z.output<typeof groupDeviceSchema>;
export const groupDevicesSchema = z.array(groupDeviceSchema);

/** POST /app/group/{id}/control → `[{ did, result }]`: one entry per member, false when it was not controlled. */
export const groupControlSchema = z.array(z.object({ did: z.string().min(1), result: boolish }));
export type GroupControlResult = z.output<typeof groupControlSchema>;
