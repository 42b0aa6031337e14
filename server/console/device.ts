import "server-only";
import { macFromParam, type DeviceInfo } from "@/lib/schemas/device-detail";
import { AppError, errors } from "@/server/errors";
import { getDeviceDetail, getDeviceDid, searchDevices } from "@/server/gizwits/devices";
import { serverText } from "@/server/text";
import { groupOfMac } from "./group-index";
import { metaOf } from "./groups";

export const deviceNotFound = (id: string) => errors.notFound(serverText("deviceNotFound", { id }));

/**
 * The device's group from the product's MAC → gid index (every group, cached). The header still
 * shows the device when the index cannot be built (e.g. quota reserve): the group is then
 * "unknown", never "not in a group".
 */
async function groupOf(pk: string, mac: string): Promise<Pick<DeviceInfo, "group" | "groupLookup">> {
  const found = await groupOfMac(pk, mac);
  if (found.status !== "found") return { group: null, groupLookup: found.status };
  const meta = (await metaOf(pk)).get(found.gid);
  return { group: { gid: found.gid, name: meta?.name ?? null }, groupLookup: "found" };
}

/**
 * The device's header facts. `id` is a did, or a MAC (the page is reachable by either): a MAC
 * is resolved through /devices?mac=. /devices/search by did gives location and firmware,
 * /device_detail the disabled flag and type. `pk` is a configured product (the route's productParams).
 */
export async function loadDeviceInfo(pk: string, id: string): Promise<DeviceInfo> {
  const mac = macFromParam(id);
  let did = id;
  if (mac) {
    try {
      did = (await getDeviceDid(pk, mac)).did;
    } catch (e) {
      if (e instanceof AppError && e.upstreamCode === 5301) throw deviceNotFound(id);
      throw e;
    }
  }
  const found = await searchDevices(pk, { type: "did", val: did, showDisabled: true, limit: 1 });
  const s = found.objects.find((o) => o.did === did);
  if (!s) throw deviceNotFound(id);
  let detail: { isDisabled: boolean; type: string | null; isOnline: boolean } = {
    isDisabled: s.isDisabled,
    type: null,
    isOnline: s.isOnline,
  };
  try {
    const d = await getDeviceDetail(pk, s.mac);
    detail = { isDisabled: d.isDisabled, type: d.type, isOnline: d.isOnline };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
  return {
    did,
    mac: s.mac,
    productKey: pk,
    isOnline: detail.isOnline,
    isDisabled: detail.isDisabled,
    type: detail.type,
    isFaulty: s.isFaulty,
    isAlert: s.isAlert,
    country: s.country,
    region: s.region,
    city: s.city,
    longitude: s.longitude,
    latitude: s.latitude,
    onlineLatest: s.onlineLatest,
    createdAt: s.createdAt,
    mcuHardVersion: s.mcuHardVersion,
    mcuSoftVersion: s.mcuSoftVersion,
    wifiHardVersion: s.wifiHardVersion,
    wifiSoftVersion: s.wifiSoftVersion,
    ...(await groupOf(pk, s.mac)),
  };
}
