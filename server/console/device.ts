import "server-only";
import { eq, and } from "drizzle-orm";
import { macFromParam, type DeviceInfo } from "@/lib/schemas/device-detail";
import { db, groupMeta } from "@/server/db";
import { AppError, errors } from "@/server/errors";
import { getDeviceDetail, getDeviceDid, searchDevices } from "@/server/gizwits/devices";
import { getGroupMacs, getGroupTree } from "@/server/gizwits/groups";
import { treeGids } from "@/lib/schemas/groups";
import { serverText } from "@/server/text";

/** Group membership is looked up over at most this many groups, so one page view stays cheap. */
const MAX_GROUPS_SCANNED = 20;

export const deviceNotFound = (id: string) => errors.notFound(serverText("deviceNotFound", { id }));

async function groupOf(pk: string, mac: string): Promise<DeviceInfo["group"]> {
  try {
    const gids = treeGids(await getGroupTree(pk)).slice(0, MAX_GROUPS_SCANNED);
    const lower = mac.toLowerCase();
    for (const gid of gids) {
      const macs = await getGroupMacs(pk, gid);
      if (macs.some((m) => m.toLowerCase() === lower)) {
        const d = await db();
        const [meta] = await d
          .select({ name: groupMeta.name })
          .from(groupMeta)
          .where(and(eq(groupMeta.productKey, pk), eq(groupMeta.gid, gid)))
          .limit(1);
        return { gid, name: meta?.name ?? null };
      }
    }
    return null;
  } catch (e) {
    // The header still shows the device when the group lookup fails (e.g. quota reserve).
    if (e instanceof AppError) return null;
    throw e;
  }
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
    group: await groupOf(pk, s.mac),
  };
}
