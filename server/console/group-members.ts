import "server-only";
import { SEARCH_MAX_LIMIT } from "@/lib/schemas/devices";
import type { Priority } from "@/server/gizwits/client";
import { searchDevices } from "@/server/gizwits/devices";
import type { SearchedDevice } from "@/server/gizwits/devices.schema";
import { getGroupMacs } from "@/server/gizwits/groups";

export interface GroupMembers {
  /** Every MAC of the group, lower case, each once: the MAC list's order, then any it left out. */
  macs: string[];
  /** Search rows read on the way (by lower-case MAC): states the caller need not ask for again. */
  rows: Map<string, SearchedDevice>;
}

/**
 * A group's members. The MAC list (device_groups/{gid}) is the membership of record, but the doc
 * states no size limit for it and it has no paging: an upstream that cuts it short would hide
 * devices. devices/search?gid= (direct members, show_disabled) reports the real total, so when
 * it counts more devices than the list holds, the search is walked — page by page as far as the
 * upstream actually answered — and the members it adds are appended. One extra call per group
 * (the first search page, which a group page reads for states anyway).
 */
export async function groupMembers(pk: string, gid: string, priority: Priority = "interactive"): Promise<GroupMembers> {
  const fetchAt = (skip: number) => searchDevices(pk, { gid, showDisabled: true, limit: SEARCH_MAX_LIMIT, skip }, { priority });
  const [list, first] = await Promise.all([getGroupMacs(pk, gid, { priority }), fetchAt(0)]);
  const rows = new Map<string, SearchedDevice>();
  for (const d of first.objects) rows.set(d.mac.toLowerCase(), d);
  const seen = new Set<string>();
  const macs: string[] = [];
  const add = (m: string) => {
    const l = m.toLowerCase();
    if (!seen.has(l)) {
      seen.add(l);
      macs.push(l);
    }
  };
  for (const m of list) add(m);
  if (first.total > seen.size) {
    let skip = first.objects.length;
    while (first.objects.length > 0 && skip < first.total) {
      const r = await fetchAt(skip);
      if (r.objects.length === 0) break;
      for (const d of r.objects) rows.set(d.mac.toLowerCase(), d);
      skip += r.objects.length;
    }
    for (const m of rows.keys()) add(m);
  }
  return { macs, rows };
}
