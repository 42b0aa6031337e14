import "server-only";
import type { UserRow } from "@/lib/schemas/users";
import { env } from "@/server/env";
import { errors } from "@/server/errors";
import type { GizwitsUser } from "@/server/gizwits/users.schema";

/** The browser's shape of a user: the client's DTO restated, so the browser schema is checked against it. */
export function toUserRow(u: GizwitsUser): UserRow {
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
  };
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
    throw errors.validation({
      en: `App ID ${appid} is not configured for this product in the console.`,
      "zh-CN": `本控制台未给该产品配置应用 ID ${appid}。`,
    });
  }
}
