import "server-only";
import { didResultSchema, type DidResult } from "./bindings.schema";
import { appPath, invalidInput, openapi, type OpenApiCaller, type Priority } from "./client";
import { checkedCommand, type ControlCommand } from "./control";
import { emptyAnswerSchema } from "./devices.schema";
import {
  appGroupsSchema,
  groupControlSchema,
  groupDevicesSchema,
  idAnswerSchema,
  type AppGroup,
  type GroupControlResult,
  type GroupDevice,
} from "./groups.schema";

/*
 * App groups (/app/group): the calling user's own groups of devices bound to them. Not the
 * Enterprise API's device groups (server/gizwits/groups.ts). Every write is sent once.
 */

function groupName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 64) throw invalidInput("openApiGroupName");
  return n;
}

function didList(dids: string[]): string[] {
  const unique = [...new Set(dids.filter(Boolean))];
  if (unique.length === 0) throw invalidInput("openApiNameDevice");
  return unique;
}

// GET /app/group
export function listAppGroups(caller: OpenApiCaller, opts: { priority?: Priority } = {}): Promise<AppGroup[]> {
  return openapi({ caller, userContext: true, method: "GET", path: appPath("group"), schema: appGroupsSchema, priority: opts.priority });
}

// POST /app/group → id. `productKey` makes a single-product group (needed for group control).
export async function createAppGroup(caller: OpenApiCaller, g: { name: string; productKey?: string }): Promise<string> {
  return openapi({
    caller,
    userContext: true,
    method: "POST",
    path: appPath("group"),
    body: { group_name: groupName(g.name), product_key: g.productKey },
    schema: idAnswerSchema,
  });
}

// PUT /app/group/{id}
export async function renameAppGroup(caller: OpenApiCaller, id: string, name: string): Promise<void> {
  await openapi({
    caller,
    userContext: true,
    method: "PUT",
    path: appPath("group", id),
    body: { group_name: groupName(name) },
    schema: emptyAnswerSchema,
  });
}

// DELETE /app/group/{id}
export async function deleteAppGroup(caller: OpenApiCaller, id: string): Promise<void> {
  await openapi({ caller, userContext: true, method: "DELETE", path: appPath("group", id), schema: emptyAnswerSchema });
}

// GET /app/group/{id}/devices
export function listAppGroupDevices(caller: OpenApiCaller, id: string, opts: { priority?: Priority } = {}): Promise<GroupDevice[]> {
  return openapi({
    caller,
    userContext: true,
    method: "GET",
    path: appPath("group", id, "devices"),
    schema: groupDevicesSchema,
    priority: opts.priority,
  });
}

// POST /app/group/{id}/devices?show_detail=1 — per-did result with the reason of each failure.
export async function addAppGroupDevices(caller: OpenApiCaller, id: string, dids: string[]): Promise<DidResult> {
  return openapi({
    caller,
    userContext: true,
    method: "POST",
    path: appPath("group", id, "devices"),
    query: { show_detail: 1 },
    body: { dids: didList(dids) },
    schema: didResultSchema,
  });
}

// DELETE /app/group/{id}/devices
export async function removeAppGroupDevices(caller: OpenApiCaller, id: string, dids: string[]): Promise<DidResult> {
  return openapi({
    caller,
    userContext: true,
    method: "DELETE",
    path: appPath("group", id, "devices"),
    body: { dids: didList(dids) },
    schema: didResultSchema,
  });
}

// POST /app/group/{id}/control — one command to every member of a single-product group; the
// answer says per device whether it was controlled (offline, disabled or remote control off → false).
// A write: sent once, never retried; authorize and audit it in the route. `invalidates`: the cache
// tags of what the command changes (the members' live status).
export async function controlAppGroup(
  caller: OpenApiCaller,
  id: string,
  command: ControlCommand,
  invalidates?: string[],
): Promise<GroupControlResult> {
  return openapi({
    caller,
    userContext: true,
    method: "POST",
    path: appPath("group", id, "control"),
    body: checkedCommand(command),
    schema: groupControlSchema,
    invalidates,
  });
}
