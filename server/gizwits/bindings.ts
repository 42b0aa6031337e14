import "server-only";
import { errors } from "@/server/errors";
import { gizwits } from "./client";
import { tags } from "./cache";
import { batchResultSchema, type BatchResult } from "./groups.schema";
import { productPath } from "./paths";
import { serverText } from "@/server/text";

export interface Binding {
  uid: string;
  appid: string;
  dids: string[];
}

function checked(b: Binding): Binding {
  if (!b.uid || !b.appid || b.dids.length === 0) {
    throw errors.validation(serverText("bindingIncomplete"));
  }
  return b;
}

function bindingWrite(productKey: string, method: "POST" | "DELETE", b: Binding): Promise<BatchResult> {
  const { uid, appid, dids } = checked(b);
  return gizwits({
    productKey,
    method,
    path: productPath(productKey, "devices", "bindings"),
    body: { uid, appid, dids },
    schema: batchResultSchema,
    invalidates: [
      tags.bindings(productKey),
      tags.users(productKey),
      tags.devices(productKey),
      ...dids.map((d) => tags.device(productKey, d)),
    ],
  });
}

// POST /v1/products/{pk}/devices/bindings — `success`/`failed` list DIDs.
export function bindDevices(productKey: string, b: Binding): Promise<BatchResult> {
  return bindingWrite(productKey, "POST", b);
}

// DELETE /v1/products/{pk}/devices/bindings (with a JSON body)
export function unbindDevices(productKey: string, b: Binding): Promise<BatchResult> {
  return bindingWrite(productKey, "DELETE", b);
}
