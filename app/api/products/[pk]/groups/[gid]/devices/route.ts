import {
  groupAssignSchema,
  groupDevicesQuerySchema,
  type FailReason,
  type GroupAssignResult,
  type GroupDevices,
} from "@/lib/schemas/groups";
import type { DeviceRow } from "@/lib/schemas/devices";
import { audited } from "@/server/audit";
import { searchDevices } from "@/server/gizwits/devices";
import { updateGroupMacs } from "@/server/gizwits/groups";
import { defineRoute } from "@/server/http/route";
import { groupParams } from "@/server/http/params";
import { idempotencyKeyOf, withIdempotency } from "@/server/idempotency";
import { toDeviceRow } from "@/server/console/device-search";
import { requireGroup } from "@/server/console/groups";
import { statesForMacs } from "@/server/console/search-walk";
import { groupMembers } from "@/server/console/group-members";

/** A group page view reads at most this many search pages for states, so a huge group stays cheap. */
const MAX_SEARCH_PAGES = 5;

/**
 * GET /api/products/{pk}/groups/{gid}/devices?page=&page_size= — a page of the group's MACs
 * (device_groups/{gid}, the membership of record, completed from devices/search?gid= when the
 * upstream cut the list short: groupMembers) with each device's state from devices/search?gid=
 * (which includes disabled devices with show_disabled).
 */
export const GET = defineRoute(
  { permission: "read", params: groupParams, query: groupDevicesQuerySchema },
  async ({ params, query }): Promise<GroupDevices> => {
    const { macs, rows: known } = await groupMembers(params.pk, params.gid, "interactive");
    const pageMacs = macs.slice((query.page - 1) * query.page_size, query.page * query.page_size);
    const unknown = pageMacs.filter((m) => !known.has(m));
    const found = new Map(
      pageMacs.flatMap((m) => {
        const d = known.get(m);
        return d ? [[m, d] as const] : [];
      }),
    );
    if (unknown.length) {
      const more = await statesForMacs(
        (skip, limit) => searchDevices(params.pk, { gid: params.gid, showDisabled: true, limit, skip }, { priority: "interactive" }),
        unknown,
        MAX_SEARCH_PAGES,
      );
      for (const [m, d] of more) found.set(m, d);
    }
    const rows = new Map<string, DeviceRow>([...found].map(([m, d]) => [m, toDeviceRow(d)]));
    const devices: DeviceRow[] = [];
    const withoutStatus: string[] = [];
    for (const m of pageMacs) {
      const row = rows.get(m.toLowerCase());
      if (row) devices.push(row);
      else withoutStatus.push(m);
    }
    return { total: macs.length, page: query.page, pageSize: query.page_size, devices, withoutStatus };
  },
);

/**
 * PUT: one chunk (≤ 1000 MACs) of an assign or unassign — one audited upstream write, never
 * retried. An Idempotency-Key makes a double submit answer from the first result.
 */
export const PUT = defineRoute(
  { permission: "groups:write", params: groupParams, body: groupAssignSchema },
  async ({ req, user, params, body }): Promise<GroupAssignResult> => {
    await requireGroup(params.pk, params.gid);
    const macs = [...new Set(body.macs)];
    const reassign = body.action === "assign" && body.reassign;
    const reason: FailReason = body.action === "unassign" ? "notInGroup" : reassign ? "unknownDevice" : "unknownOrInOtherGroup";
    const send = () =>
      audited(
        {
          user,
          action: `group.${body.action}`,
          productKey: params.pk,
          target: params.gid,
          payload: { count: macs.length, reassign, macs },
        },
        async () => {
          const r = await updateGroupMacs(params.pk, params.gid, { action: body.action, macs, reassign });
          const failed = new Set(r.failed);
          // An answer of {} (2017 doc) lists nothing: every MAC not reported failed went through.
          const success = r.success.length || r.failed.length ? r.success : macs.filter((m) => !failed.has(m));
          return { success, failed: r.failed.map((mac) => ({ mac, reason })) };
        },
      );
    const key = idempotencyKeyOf(req);
    return key ? withIdempotency(user.id, key, { pk: params.pk, gid: params.gid, ...body, macs }, send) : send();
  },
);
