import "server-only";
import { z } from "zod";
import { errors } from "@/server/errors";
import { gizwits } from "./client";
import { tags } from "./cache";
import { productPath } from "./paths";
import { serverText } from "@/server/text";

/** Either data point values or raw bytes (decimal array), as the control endpoint takes them. */
export const controlCommandSchema = z.union([
  z.strictObject({ attrs: z.record(z.string().min(1), z.union([z.number(), z.string(), z.boolean()])) }),
  z.strictObject({ raw: z.array(z.number().int().min(0).max(255)).min(1) }),
]);
export type ControlCommand = z.output<typeof controlCommandSchema>;

/** Control answers 200 `{}`; anything else that is not an error is accepted as success too. */
const controlAnswerSchema = z.unknown();

/**
 * POST /v1/products/{pk}/devices/{did}/control. A write: sent once and never retried (an upstream
 * timeout is reported as "result unknown"), not cached, and it invalidates what shows the device.
 * Authorization and the audit record are the route handler's job.
 */
export async function controlDevice(productKey: string, did: string, command: ControlCommand): Promise<void> {
  const parsed = controlCommandSchema.safeParse(command);
  if (!parsed.success || ("attrs" in parsed.data && Object.keys(parsed.data.attrs).length === 0)) {
    throw errors.validation(serverText("commandAttrsOrRaw"));
  }
  await gizwits({
    productKey,
    method: "POST",
    path: productPath(productKey, "devices", did, "control"),
    body: parsed.data,
    schema: controlAnswerSchema,
    priority: "interactive",
    invalidates: [tags.device(productKey, did), tags.devices(productKey)],
  });
}
