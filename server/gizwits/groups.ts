import "server-only";
import { z } from "zod";
import { errors } from "@/server/errors";
import { gizwits, type Priority } from "./client";
import { tags, TTL } from "./cache";
import { batchResultSchema, createdGroupSchema, groupMacsSchema, groupTreeSchema, type BatchResult, type GroupNode } from "./groups.schema";
import { productPath } from "./paths";
import { serverText } from "@/server/text";

/** Gizwits takes at most this many MACs per assign/unassign call. */
export const MAX_MACS_PER_CALL = 1000;

// GET /v1/products/{pk}/device_groups
export function getGroupTree(productKey: string, opts: { priority?: Priority } = {}): Promise<GroupNode[]> {
  return gizwits({
    productKey,
    method: "GET",
    path: productPath(productKey, "device_groups"),
    schema: groupTreeSchema,
    cache: { ttlMs: TTL.groups, tags: [tags.groups(productKey)] },
    priority: opts.priority,
  });
}

// GET /v1/products/{pk}/device_groups/{gid}
export function getGroupMacs(productKey: string, gid: string, opts: { priority?: Priority } = {}): Promise<string[]> {
  return gizwits({
    productKey,
    method: "GET",
    path: productPath(productKey, "device_groups", gid),
    schema: groupMacsSchema,
    cache: { ttlMs: TTL.groups, tags: [tags.groups(productKey), tags.group(productKey, gid)] },
    priority: opts.priority,
  });
}

/** What a change of groups can alter: the tree, the group, device searches by gid, gid reports. */
function groupWrites(productKey: string, gid?: string): string[] {
  return [tags.groups(productKey), tags.devices(productKey), tags.reports(productKey), ...(gid ? [tags.group(productKey, gid)] : [])];
}

// POST /v1/products/{pk}/device_groups — without a parent this creates the (single) root group.
export async function createGroup(productKey: string, parentGid?: string): Promise<{ gid: string }> {
  return gizwits({
    productKey,
    method: "POST",
    path: productPath(productKey, "device_groups"),
    body: parentGid ? { parent_gid: parentGid } : {},
    schema: createdGroupSchema,
    invalidates: groupWrites(productKey, parentGid),
  });
}

// DELETE /v1/products/{pk}/device_groups/{gid} — the group must have no devices and no subgroups.
export async function deleteGroup(productKey: string, gid: string): Promise<void> {
  await gizwits({
    productKey,
    method: "DELETE",
    path: productPath(productKey, "device_groups", gid),
    schema: z.unknown(),
    invalidates: groupWrites(productKey, gid),
  });
}

export interface GroupAssignment {
  action: "assign" | "unassign";
  macs: string[];
  /** assign only: move MACs that are in another group (otherwise they fail). */
  reassign?: boolean;
}

// PUT /v1/products/{pk}/device_groups/{gid}
export async function updateGroupMacs(productKey: string, gid: string, a: GroupAssignment): Promise<BatchResult> {
  if (a.macs.length === 0) throw errors.validation(serverText("chooseDevices"));
  if (a.macs.length > MAX_MACS_PER_CALL) {
    throw errors.validation(serverText("assignTooMany", { max: MAX_MACS_PER_CALL }));
  }
  return gizwits({
    productKey,
    method: "PUT",
    path: productPath(productKey, "device_groups", gid),
    body: { action: a.action, macs: a.macs, reassign: a.action === "assign" ? (a.reassign ?? false) : false },
    schema: batchResultSchema,
    invalidates: groupWrites(productKey, gid),
  });
}
