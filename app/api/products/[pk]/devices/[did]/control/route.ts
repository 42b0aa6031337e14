import { checks, guarded } from "@/lib/schemas/guards";
import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import type { ControlResult } from "@/lib/schemas/device-detail";
import { controlBodySchema } from "@/lib/control";
import { audited } from "@/server/audit";
import { errors } from "@/server/errors";
import { controlDevice } from "@/server/gizwits/control";
import { checkedControlCommand } from "@/server/console/control-command";
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
    const { command } = await checkedControlCommand(params.pk, body);
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
