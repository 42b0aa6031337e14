import "server-only";
import { z } from "zod";
import { boolish, nullableString, optionalNumberish, pagedSchema } from "./common.schema";

/**
 * GET /v1/products/{pk}/devices?mac= → `{ did, passcode }`. The passcode lets an app bind the
 * device, so it is dropped here and never leaves the server.
 */
export const deviceDidSchema = z.object({ did: z.string().min(1) }).transform((r) => ({ did: r.did }));
export type DeviceDid = z.output<typeof deviceDidSchema>;

/** GET /v1/products/{pk}/device_detail?mac= (booleans may be 0/1). */
export const deviceDetailSchema = z
  .object({
    did: z.string().min(1),
    mac: z.string(),
    product_key: z.string().optional(),
    is_online: boolish.optional(),
    is_disabled: boolish.optional(),
    type: nullableString.optional(),
  })
  .transform((d) => ({
    did: d.did,
    mac: d.mac,
    productKey: d.product_key ?? null,
    isOnline: d.is_online ?? false,
    isDisabled: d.is_disabled ?? false,
    type: d.type ?? null,
  }));
export type DeviceDetail = z.output<typeof deviceDetailSchema>;

/**
 * One device of /devices/search. The table says integers for the flags and a string longitude,
 * the example booleans and floats; 2017 answers used `latest_online` for `online_latest`.
 */
export const searchedDeviceSchema = z
  .object({
    did: z.string().min(1),
    mac: z.string(),
    is_online: boolish.optional(),
    is_faulty: boolish.optional(),
    is_alert: boolish.optional(),
    is_disabled: boolish.optional(),
    country: nullableString.optional(),
    region: nullableString.optional(),
    city: nullableString.optional(),
    longitude: optionalNumberish.optional(),
    latitude: optionalNumberish.optional(),
    online_latest: optionalNumberish.optional(),
    latest_online: optionalNumberish.optional(),
    created_at: optionalNumberish.optional(),
    mcu_hard_version: nullableString.optional(),
    mcu_soft_version: nullableString.optional(),
    wifi_hard_version: nullableString.optional(),
    wifi_soft_version: nullableString.optional(),
  })
  .transform((d) => ({
    did: d.did,
    mac: d.mac,
    isOnline: d.is_online ?? false,
    isFaulty: d.is_faulty ?? false,
    isAlert: d.is_alert ?? false,
    isDisabled: d.is_disabled ?? false,
    country: d.country ?? null,
    region: d.region ?? null,
    city: d.city ?? null,
    longitude: d.longitude ?? null,
    latitude: d.latitude ?? null,
    /** Unix seconds of the latest login, or null if never seen. */
    onlineLatest: d.online_latest ?? d.latest_online ?? null,
    /** Unix seconds. */
    createdAt: d.created_at ?? null,
    mcuHardVersion: d.mcu_hard_version ?? null,
    mcuSoftVersion: d.mcu_soft_version ?? null,
    wifiHardVersion: d.wifi_hard_version ?? null,
    wifiSoftVersion: d.wifi_soft_version ?? null,
  }));
export type SearchedDevice = z.output<typeof searchedDeviceSchema>;

export const deviceSearchSchema = pagedSchema(searchedDeviceSchema);
export type DeviceSearchPage = z.output<typeof deviceSearchSchema>;
