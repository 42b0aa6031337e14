import "server-only";
import type { UserRow } from "@/lib/schemas/users";
import { env } from "@/server/env";
import { errors } from "@/server/errors";
import type { GizwitsUser } from "@/server/gizwits/users.schema";
import { type ConsoleServiceUsers, consoleServiceUsers } from "@/server/openapi/service-user";
import { serverText } from "@/server/text";

/**
 * The browser's shape of a user: the client's DTO restated, so the browser schema is checked against it.
 * `service` (consoleServiceUsers()) marks the console's own Open API user, so nobody takes it for a customer.
 */
export function toUserRow(u: GizwitsUser, service: ConsoleServiceUsers): UserRow {
  return {
    uid: u.uid,
    username: u.username,
    name: u.name,
    phone: u.phone,
    email: u.email,
    remark: u.remark,
    gender: u.gender,
    birthday: u.birthday,
    address: u.address,
    isAnonymous: u.isAnonymous,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    isOwner: u.isOwner,
    consoleServiceUser: service.has(u),
  };
}

/** toUserRow for a list, with the console's service users marked. */
export async function toUserRows(users: GizwitsUser[]): Promise<UserRow[]> {
  const service = await consoleServiceUsers();
  return users.map((u) => toUserRow(u, service));
}

/** The appids this console may use for a product: those configured for it, or for every product. */
export function appidsOf(pk: string): string[] {
  return env()
    .GIZWITS_APPIDS.filter((a) => a.productKey === null || a.productKey === pk)
    .map((a) => a.appid);
}

/** 400 unless `appid` is one of the product's configured appids (checked before any upstream call). */
export function requireAppid(pk: string, appid: string): void {
  if (!appidsOf(pk).includes(appid)) {
    throw errors.validation(serverText("appidNotConfigured", { appid }));
  }
}
