import "server-only";
import { gizwits, type Priority } from "./client";
import { tags, TTL } from "./cache";
import {
  deviceDetailSchema,
  deviceDidSchema,
  deviceSearchSchema,
  type DeviceDetail,
  type DeviceDid,
  type DeviceSearchPage,
} from "./devices.schema";
import { productPath } from "./paths";

export interface ReadOptions {
  priority?: Priority;
}

// GET /v1/products/{pk}/devices?mac=
export function getDeviceDid(productKey: string, mac: string, opts: ReadOptions = {}): Promise<DeviceDid> {
  return gizwits({
    productKey,
    method: "GET",
    path: productPath(productKey, "devices"),
    query: { mac },
    schema: deviceDidSchema,
    cache: { ttlMs: TTL.deviceDetail, tags: [tags.devices(productKey), tags.deviceMac(productKey, mac)] },
    priority: opts.priority,
  });
}

// GET /v1/products/{pk}/device_detail?mac=
export function getDeviceDetail(productKey: string, mac: string, opts: ReadOptions = {}): Promise<DeviceDetail> {
  return gizwits({
    productKey,
    method: "GET",
    path: productPath(productKey, "device_detail"),
    query: { mac },
    schema: deviceDetailSchema,
    cache: { ttlMs: TTL.deviceDetail, tags: [tags.devices(productKey), tags.deviceMac(productKey, mac)] },
    priority: opts.priority,
  });
}

export interface DeviceSearch {
  gid?: string;
  country?: string;
  region?: string;
  city?: string;
  isOnline?: boolean;
  isFaulty?: boolean;
  isAlert?: boolean;
  /** Include disabled (deregistered) devices. */
  showDisabled?: boolean;
  /** Only devices active since this unix second. */
  livenessStart?: number;
  /** Search field for `val`. */
  type?: "did" | "mac" | "uid";
  val?: string;
  limit?: number;
  skip?: number;
}

// GET /v1/products/{pk}/devices/search
export function searchDevices(productKey: string, q: DeviceSearch = {}, opts: ReadOptions = {}): Promise<DeviceSearchPage> {
  return gizwits({
    productKey,
    method: "GET",
    path: productPath(productKey, "devices", "search"),
    query: {
      gid: q.gid,
      country: q.country,
      region: q.region,
      city: q.city,
      is_online: q.isOnline,
      is_faulty: q.isFaulty,
      is_alert: q.isAlert,
      show_disabled: q.showDisabled,
      liveness_start: q.livenessStart,
      type: q.val ? q.type : undefined,
      val: q.val,
      limit: q.limit,
      skip: q.skip,
    },
    schema: deviceSearchSchema,
    cache: { ttlMs: TTL.deviceSearch, tags: [tags.devices(productKey)] },
    priority: opts.priority,
  });
}
