import "server-only";
import { zonedDayStart } from "@/lib/format";
import type { DeviceFilter, DeviceRow } from "@/lib/schemas/devices";
import { env } from "@/server/env";
import { errors } from "@/server/errors";
import type { DeviceSearch } from "@/server/gizwits/devices";
import type { SearchedDevice } from "@/server/gizwits/devices.schema";
import { serverText } from "@/server/text";

/** Turns the console's filter (URL names, a day or seconds for liveness_start) into the client's. */
export function toUpstreamSearch(f: DeviceFilter): DeviceSearch {
  let livenessStart: number | undefined;
  if (f.liveness_start !== undefined) {
    if (/^\d+$/.test(f.liveness_start)) livenessStart = Number(f.liveness_start);
    else {
      const ms = zonedDayStart(f.liveness_start, env().CONSOLE_TIMEZONE);
      if (ms === null) throw errors.validation(serverText("livenessStartInvalid"));
      livenessStart = Math.floor(ms / 1000);
    }
  }
  return {
    gid: f.gid,
    country: f.country,
    region: f.country ? f.region : undefined,
    city: f.country && f.region ? f.city : undefined,
    isOnline: f.is_online,
    isFaulty: f.is_faulty,
    isAlert: f.is_alert,
    showDisabled: f.show_disabled,
    livenessStart,
    type: f.val ? (f.type ?? "mac") : undefined,
    val: f.val,
  };
}

/** The browser's shape of a device; it is the client's DTO, restated so the browser schema is checked against it. */
export function toDeviceRow(d: SearchedDevice): DeviceRow {
  return {
    did: d.did,
    mac: d.mac,
    isOnline: d.isOnline,
    isFaulty: d.isFaulty,
    isAlert: d.isAlert,
    isDisabled: d.isDisabled,
    country: d.country,
    region: d.region,
    city: d.city,
    longitude: d.longitude,
    latitude: d.latitude,
    onlineLatest: d.onlineLatest,
    createdAt: d.createdAt,
    mcuHardVersion: d.mcuHardVersion,
    mcuSoftVersion: d.mcuSoftVersion,
    wifiHardVersion: d.wifiHardVersion,
    wifiSoftVersion: d.wifiSoftVersion,
  };
}
