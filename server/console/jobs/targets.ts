import "server-only";
import { findGroup, treeGids } from "@/lib/schemas/groups";
import { MAX_JOB_DEVICES, type JobTarget } from "@/lib/schemas/jobs";
import { SEARCH_MAX_LIMIT } from "@/lib/schemas/devices";
import { AppError, errors } from "@/server/errors";
import type { Priority } from "@/server/gizwits/client";
import { type DeviceSearch, getDeviceDetail, searchDevices } from "@/server/gizwits/devices";
import type { SearchedDevice } from "@/server/gizwits/devices.schema";
import { getGroupTree } from "@/server/gizwits/groups";
import { serverText } from "@/server/text";
import { toUpstreamSearch } from "../device-search";
import { groupMembers } from "../group-members";
import { groupNotFound } from "../groups";
import { collectSearchMacs } from "../search-walk";

/** A device a job targets, with its state as the upstream reported it when the job was created. */
export interface TargetDevice {
  did: string;
  mac: string;
  online: boolean;
  disabled: boolean;
}

export interface ResolvedTargets {
  devices: TargetDevice[];
  /** Input MACs or dids the product does not know. */
  notFound: string[];
}

const PRIORITY: Priority = "interactive";

function toTarget(d: SearchedDevice): TargetDevice {
  return { did: d.did, mac: d.mac.toLowerCase(), online: d.isOnline, disabled: d.isDisabled };
}

function tooMany(n: number): never {
  throw errors.validation(serverText("jobTooManyDevices", { max: MAX_JOB_DEVICES, n }));
}

/** Every row of a search, page by page; `onTotal` may refuse a search that is too large. */
async function walkSearch(pk: string, search: DeviceSearch, onTotal: (total: number) => void = () => {}): Promise<SearchedDevice[]> {
  const rows: SearchedDevice[] = [];
  await collectSearchMacs(async (skip, limit) => {
    const r = await searchDevices(pk, { ...search, skip, limit }, { priority: PRIORITY });
    rows.push(...r.objects);
    return r;
  }, onTotal);
  return rows;
}

/**
 * Every device a search matches (the filters are the ones given now, frozen in the job). devices/search
 * rows need not say whether a device is disabled, so with show_disabled the search is also walked
 * without it: a device only the first walk lists is disabled.
 */
async function searchTargets(pk: string, target: Extract<JobTarget, { kind: "search" }>): Promise<TargetDevice[]> {
  const search = toUpstreamSearch(target.filters);
  const rows = await walkSearch(pk, search, (total) => {
    if (total > MAX_JOB_DEVICES) tooMany(total);
  });
  if (!search.showDisabled) return rows.map(toTarget);
  const enabled = new Set((await walkSearch(pk, { ...search, showDisabled: false })).map((d) => d.did));
  return rows.map((d) => ({ ...toTarget(d), disabled: d.isDisabled || !enabled.has(d.did) }));
}

/**
 * Devices by did or MAC: the product's enabled devices are walked until every one asked for is
 * found, one call per 1000 devices; the rest are disabled or unknown: a MAC is asked for alone
 * (device_detail says whether it is disabled), dids are looked for among the disabled devices.
 */
async function lookupTargets(pk: string, keys: readonly string[], by: "did" | "mac"): Promise<ResolvedTargets> {
  const wanted = new Set(keys.map((k) => (by === "mac" ? k.toLowerCase() : k)));
  const found = new Map<string, TargetDevice>();
  const walk = async (showDisabled: boolean, disabled: boolean) => {
    for (let skip = 0; [...wanted].some((k) => !found.has(k)); ) {
      const r = await searchDevices(pk, { showDisabled, skip, limit: SEARCH_MAX_LIMIT }, { priority: PRIORITY });
      for (const d of r.objects) {
        const t = toTarget(d);
        const k = by === "mac" ? t.mac : t.did;
        if (wanted.has(k) && !found.has(k)) found.set(k, { ...t, disabled: t.disabled || disabled });
      }
      skip += r.objects.length;
      if (r.objects.length === 0 || skip >= r.total) break;
    }
  };
  await walk(false, false);
  if (by === "did" && found.size < wanted.size) await walk(true, true);
  const notFound: string[] = [];
  for (const k of wanted) {
    if (found.has(k)) continue;
    if (by === "mac") {
      const d = await getDeviceDetail(pk, k, { priority: PRIORITY }).catch(() => null);
      if (d) {
        found.set(k, { did: d.did, mac: k, online: d.isOnline, disabled: d.isDisabled });
        continue;
      }
    }
    notFound.push(k);
  }
  return { devices: [...wanted].flatMap((k) => found.get(k) ?? []), notFound };
}

/** A group's members (and, when asked, its sub-groups' members), with states from devices/search?gid=. */
async function groupTargets(pk: string, gid: string, includeSubgroups: boolean): Promise<ResolvedTargets> {
  let gids = [gid];
  if (includeSubgroups) {
    const node = findGroup(await getGroupTree(pk, { priority: PRIORITY }), gid);
    if (!node) throw groupNotFound(gid);
    gids = [gid, ...treeGids(node.children)];
  }
  const macs: string[] = [];
  const rows = new Map<string, SearchedDevice>();
  const enabled = new Set<string>();
  for (const g of gids) {
    let m: Awaited<ReturnType<typeof groupMembers>>;
    let searched: SearchedDevice[];
    try {
      m = await groupMembers(pk, g, PRIORITY);
      // The group's enabled members (search rows need not say which devices are disabled).
      searched = await walkSearch(pk, { gid: g });
    } catch (err) {
      // A sub-group deleted since the tree was read (5206) has no devices to send to; the chosen group must exist.
      if (g !== gid && err instanceof AppError && err.upstreamCode === 5206) continue;
      throw err;
    }
    macs.push(...m.macs);
    for (const [k, v] of m.rows) rows.set(k, v);
    if (new Set(macs).size > MAX_JOB_DEVICES) tooMany(new Set(macs).size);
    for (const d of searched) {
      enabled.add(d.mac.toLowerCase());
      rows.set(d.mac.toLowerCase(), d);
    }
  }
  for (const [mac, d] of rows) if (!enabled.has(mac)) rows.set(mac, { ...d, isDisabled: true });
  const unique = [...new Set(macs)];
  const missing = unique.filter((m) => !rows.has(m));
  if (missing.length === 0) return { devices: unique.map((m) => toTarget(rows.get(m)!)), notFound: [] };
  const looked = await lookupTargets(pk, missing, "mac");
  const byMac = new Map(looked.devices.map((d) => [d.mac, d]));
  return {
    devices: unique.flatMap((m) => {
      const r = rows.get(m);
      return r ? [toTarget(r)] : (byMac.get(m) ?? []);
    }),
    notFound: looked.notFound,
  };
}

/** Resolves a job's targets into devices (reads only). */
export async function resolveTargets(pk: string, target: JobTarget): Promise<ResolvedTargets> {
  let r: ResolvedTargets;
  switch (target.kind) {
    case "search":
      r = { devices: await searchTargets(pk, target), notFound: [] };
      break;
    case "group":
      r = await groupTargets(pk, target.gid, target.includeSubgroups);
      break;
    case "dids":
      r = await lookupTargets(pk, target.dids, "did");
      break;
    case "macs":
      r = await lookupTargets(pk, target.macs, "mac");
      break;
  }
  // One row per device.
  const seen = new Set<string>();
  const devices = r.devices.filter((d) => {
    if (seen.has(d.did)) return false;
    seen.add(d.did);
    return true;
  });
  if (devices.length > MAX_JOB_DEVICES) tooMany(devices.length);
  return { devices, notFound: r.notFound };
}
