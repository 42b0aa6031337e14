import "server-only";
import { z } from "zod";
import { boolish, nullableString, numberish } from "@/server/gizwits/common.schema";

/** A time the Open API sends as unix seconds (number or numeric string, ms tolerated) or an ISO string. */
export const unixSeconds = z.union([numberish, z.string(), z.null(), z.undefined()]).transform((v): number | null => {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return v > 1e12 ? Math.floor(v / 1000) : v;
  // ISO times without a zone are UTC in this API.
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
});

/**
 * GET /app/devdata/{did}/latest → `{ did, updated_at, attr }`. Values are under `attr` (singular;
 * control bodies use `attrs`). `attr` is empty or absent when nothing was reported in 24 hours.
 */
export const latestSchema = z
  .object({
    did: z.string().min(1),
    updated_at: unixSeconds.optional(),
    attr: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .transform((l) => ({ did: l.did, updatedAt: l.updated_at ?? null, attrs: l.attr ?? {} }));
/** `updatedAt` is unix seconds, null when unknown. */
export type DeviceLatest = z.output<typeof latestSchema>;

export const BINDING_ROLES = ["special", "owner", "guest", "normal"] as const;

/**
 * A device as GET /app/devices/{did}, GET /app/bindings and POST /app/bind_mac describe it. The
 * passcode and the M2M host/ports are dropped: the console does not connect to devices, and the
 * passcode must not travel further.
 */
export const appDeviceSchema = z
  .object({
    did: z.string().min(1),
    product_key: z.string().min(1),
    mac: nullableString.optional(),
    is_online: boolish.nullable().optional(),
    is_disabled: boolish.nullable().optional(),
    type: nullableString.optional(),
    dev_alias: nullableString.optional(),
    remark: nullableString.optional(),
    dev_label: z.array(z.string()).nullable().optional(),
    role: nullableString.optional(),
    proto_ver: nullableString.optional(),
    wifi_soft_version: nullableString.optional(),
    is_sandbox: boolish.nullable().optional(),
  })
  .transform((d) => ({
    did: d.did,
    productKey: d.product_key,
    mac: d.mac ?? null,
    isOnline: d.is_online ?? false,
    isDisabled: d.is_disabled ?? false,
    /** normal | center_control | sub_dev */
    type: d.type ?? "normal",
    alias: d.dev_alias ?? null,
    remark: d.remark ?? null,
    labels: d.dev_label ?? [],
    /** The caller's binding role: special | owner | guest | normal (null on an answer without one). */
    role: d.role ?? null,
    protoVer: d.proto_ver ?? null,
    wifiSoftVersion: d.wifi_soft_version ?? null,
    isSandbox: d.is_sandbox ?? null,
  }));
export type AppDevice = z.output<typeof appDeviceSchema>;

/** Control answers `{}`; an empty body is fine too. */
export const emptyAnswerSchema = z.unknown().transform(() => undefined);
