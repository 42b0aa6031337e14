import { z } from "zod";
import { MAX_MACS_PER_CHUNK, normalizeMac } from "../mac";
import { deviceRowSchema } from "./devices";
import { GROUP_PAGE_SIZES, type GroupTreeNode } from "../plain/groups";
import { pageFields, pagingQuery } from "./paging";

// The zod-free part (the tree type and walks, page sizes) is in lib/plain/groups.ts for client code.
export * from "../plain/groups";

/** A gid as the API prints it (32 hex) — loosely, so another tenant's format still passes. */
export const gidSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "gid");

export const groupTreeNodeSchema: z.ZodType<GroupTreeNode> = z.lazy(() =>
  z.object({ gid: z.string(), name: z.string().nullable(), description: z.string(), children: z.array(groupTreeNodeSchema) }),
);
export const groupTreeSchema = z.object({ groups: z.array(groupTreeNodeSchema) });
export type GroupTree = z.output<typeof groupTreeSchema>;

const name = z.string().trim().min(1).max(80);
const description = z.string().trim().max(500).default("");

export const groupCreateSchema = z.object({
  /** Absent or null: the product's root group (the API allows one). */
  parentGid: gidSchema.nullable().optional(),
  name,
  description,
});
export type GroupCreate = z.input<typeof groupCreateSchema>;
export const groupCreatedSchema = z.object({ gid: z.string() });

export const groupMetaUpdateSchema = z.object({ name, description });
export type GroupMetaUpdate = z.input<typeof groupMetaUpdateSchema>;

const macEntry = z.string().transform((raw, ctx) => {
  const mac = normalizeMac(raw);
  if (mac === null) {
    ctx.addIssue({ code: "custom", message: `not a MAC: ${raw.slice(0, 40)}` });
    return z.NEVER;
  }
  return mac;
});

/** One chunk of an assignment: at most the API's per-call limit. */
export const groupAssignSchema = z.object({
  action: z.enum(["assign", "unassign"]),
  macs: z.array(macEntry).min(1).max(MAX_MACS_PER_CHUNK),
  /** assign only: move MACs out of the group they are in; otherwise those MACs fail. */
  reassign: z.boolean().default(false),
});
export type GroupAssign = z.input<typeof groupAssignSchema>;

/**
 * Why one MAC was refused. The API only lists refused MACs, so the reason is what the request
 * leaves possible: an unknown MAC, or (assign without reassign) one already in another group.
 */
export const FAIL_REASONS = ["unknownDevice", "unknownOrInOtherGroup", "notInGroup"] as const;
export type FailReason = (typeof FAIL_REASONS)[number];

export const groupAssignResultSchema = z.object({
  success: z.array(z.string()),
  failed: z.array(z.object({ mac: z.string(), reason: z.enum(FAIL_REASONS) })),
});
export type GroupAssignResult = z.output<typeof groupAssignResultSchema>;

export const groupMacsSchema = z.object({ macs: z.array(z.string()) });

export const groupDevicesQuerySchema = pagingQuery({ sizes: GROUP_PAGE_SIZES });

/** A page of a group's MACs, each with its device's state when the search knows it. */
export const groupDevicesSchema = z.object({
  ...pageFields,
  devices: z.array(deviceRowSchema),
  /** MACs of this page that devices/search?gid= did not return (e.g. deregistered). */
  withoutStatus: z.array(z.string()),
});
export type GroupDevices = z.output<typeof groupDevicesSchema>;

/** Where each MAC is now (gid, or null for none), to undo a move. */
export const locateBodySchema = z.object({ macs: z.array(macEntry).min(1).max(10_000) });
export const locateResultSchema = z.object({ groups: z.record(z.string(), z.string().nullable()) });
export type LocateResult = z.output<typeof locateResultSchema>;
