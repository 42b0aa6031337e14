import { checks, guarded } from "@/lib/schemas/guards";
import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import type { ControlResult } from "@/lib/schemas/device-detail";
import { controlBodySchema, controlRawBytes } from "@/lib/control";
import { validateControlValue } from "@/lib/datapoints";
import { audited } from "@/server/audit";
import { errors } from "@/server/errors";
import { controlDevice, type ControlCommand } from "@/server/gizwits/control";
import { getProduct } from "@/server/gizwits/products";
import { PRODUCT_CAPABILITIES } from "@/server/console/capabilities";
import { withCapability } from "@/server/console/product-capabilities";
import { idempotencyKeyOf, withIdempotency } from "@/server/idempotency";
import { serverText } from "@/server/text";

/**
 * POST: sends one command to the device, once. The Idempotency-Key is required so that a double
 * click or a retried request is answered from the first result instead of reaching the device
 * twice; the attempt is in the audit log before it is sent, and it is never retried.
 */
export const POST = defineRoute(
  { permission: "control", params: deviceParams, body: guarded(controlBodySchema, {}, { attrs: checks.attr }) },
  async ({ req, user, params, body }): Promise<ControlResult> => {
    const key = idempotencyKeyOf(req);
    if (!key) {
      throw errors.validation(serverText("idempotencyKeyRequired"));
    }
    let command: ControlCommand;
    if ("attrs" in body) {
      const product = await getProduct(params.pk);
      const dps = product.datapoints ?? [];
      const attrs: Record<string, boolean | number | string> = {};
      for (const [name, value] of Object.entries(body.attrs)) {
        const dp = dps.find((d) => d.name === name);
        if (!dp) throw errors.validation(serverText("noSuchDatapoint", { name }));
        const checked = validateControlValue(dp, value);
        if (!checked.ok) throw errors.validation(checked.reason);
        attrs[name] = checked.value;
      }
      command = { attrs };
    } else {
      // Hex and base64 are decoded here: the API is sent (and the audit log shows) the documented decimal array.
      const bytes = controlRawBytes(body);
      if (!bytes.ok) throw errors.validation(bytes.reason);
      command = { raw: bytes.value };
    }
    return withIdempotency(user.id, key, { pk: params.pk, did: params.did, command }, () =>
      audited(
        { user, action: "device.control", productKey: params.pk, target: params.did, payload: { command, operator: user.name } },
        async () => {
          // Never gated (the operator asked; Gizwits may have switched it on): 5404 becomes the explanation.
          await withCapability(params.pk, PRODUCT_CAPABILITIES.control, () => controlDevice(params.pk, params.did, command), {
            gate: false,
          });
          return { sentAt: Date.now() };
        },
      ),
    );
  },
);
