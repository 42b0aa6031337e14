import "server-only";
import { env } from "@/server/env";
import { unknownProduct } from "@/server/gizwits/errors";
import { appPath, invalidInput, openapi, type OpenApiCaller, type Priority } from "./client";
import { bindingsSchema, didResultSchema, type BindingsPage, type DidResult } from "./bindings.schema";
import { appDeviceSchema, type AppDevice } from "./devices.schema";
import { bindSignature } from "./signature";

export interface BindMac {
  productKey: string;
  mac: string;
  alias?: string;
  remark?: string;
  /** Products with sharing on: become the owner (1). The console never asks for it. */
  setOwner?: boolean;
}

function productSecret(productKey: string): string {
  const p = env().GIZWITS_PRODUCTS.find((x) => x.productKey === productKey);
  if (!p) throw unknownProduct(productKey);
  return p.productSecret;
}

// POST /app/bind_mac — binds the device to the calling user. Signed per attempt (a token replay
// gets a fresh timestamp). A write: sent once.
export async function bindMac(caller: OpenApiCaller, b: BindMac): Promise<AppDevice> {
  const mac = b.mac.trim().toLowerCase();
  if (!/^[0-9a-z:_-]{1,64}$/.test(mac)) throw invalidInput("openApiMacInvalid");
  const secret = productSecret(b.productKey);
  return openapi({
    caller,
    userContext: true,
    method: "POST",
    path: appPath("bind_mac"),
    headers: () => {
      const s = bindSignature(secret);
      return { "X-Gizwits-Timestamp": s.timestamp, "X-Gizwits-Signature": s.signature };
    },
    body: { product_key: b.productKey, mac, dev_alias: b.alias, remark: b.remark, set_owner: b.setOwner ? 1 : undefined },
    schema: appDeviceSchema,
  });
}

export interface BindingsQuery {
  limit?: number;
  skip?: number;
  showDisabled?: boolean;
  priority?: Priority;
}

// GET /app/bindings — the calling user's bound devices, each with the user's role.
export function listBindings(caller: OpenApiCaller, q: BindingsQuery = {}): Promise<BindingsPage> {
  return openapi({
    caller,
    userContext: true,
    method: "GET",
    path: appPath("bindings"),
    query: { limit: q.limit, skip: q.skip, show_disabled: q.showDisabled === undefined ? undefined : q.showDisabled ? 1 : 0 },
    schema: bindingsSchema,
    priority: q.priority,
  });
}

// DELETE /app/bindings — unbinds the calling user (and only them) from the devices.
export async function unbindDevices(caller: OpenApiCaller, dids: string[]): Promise<DidResult> {
  const unique = [...new Set(dids.filter(Boolean))];
  if (unique.length === 0) throw invalidInput("openApiNameDeviceToUnbind");
  return openapi({
    caller,
    userContext: true,
    method: "DELETE",
    path: appPath("bindings"),
    body: { devices: unique.map((did) => ({ did })) },
    schema: didResultSchema,
  });
}
