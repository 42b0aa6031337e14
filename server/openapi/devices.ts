import "server-only";
import { appPath, openapi, type OpenApiCaller, type Priority } from "./client";
import { appDeviceSchema, latestSchema, type AppDevice, type DeviceLatest } from "./devices.schema";

// GET /app/devdata/{did}/latest — the values last reported within 24 hours. Needs only the AppID
// (no user, no binding) and works for published products too. Not cached unless `cache` is given
// (the caller knows the product, hence the tags a control invalidates); `fresh` skips the cache.
export function getDeviceLatest(
  appid: string,
  did: string,
  opts: { priority?: Priority; cache?: { ttlMs: number; tags?: string[] }; fresh?: boolean } = {},
): Promise<DeviceLatest> {
  return openapi({
    caller: { appid },
    method: "GET",
    path: appPath("devdata", did, "latest"),
    schema: latestSchema,
    priority: opts.priority,
    cache: opts.cache,
    fresh: opts.fresh,
  });
}

// GET /app/devices/{did} — detail of a device bound to the calling user.
export function getBoundDevice(caller: OpenApiCaller, did: string, opts: { priority?: Priority } = {}): Promise<AppDevice> {
  return openapi({
    caller,
    userContext: true,
    method: "GET",
    path: appPath("devices", did),
    schema: appDeviceSchema,
    priority: opts.priority,
  });
}
