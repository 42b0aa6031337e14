import { defineRoute } from "@/server/http/route";
import { deviceParams } from "@/server/http/params";
import { controlBodySchema, type ControlResult } from "@/lib/schemas/device-detail";
import { validateControlValue } from "@/lib/datapoints";
import { audited } from "@/server/audit";
import { errors } from "@/server/errors";
import { controlDevice } from "@/server/gizwits/control";
import { getProduct } from "@/server/gizwits/products";
import { idempotencyKeyOf, withIdempotency } from "@/server/idempotency";

/**
 * POST: sends one command to the device, once. The Idempotency-Key is required so that a double
 * click or a retried request is answered from the first result instead of reaching the device
 * twice; the attempt is in the audit log before it is sent, and it is never retried.
 */
export const POST = defineRoute(
  { permission: "control", params: deviceParams, body: controlBodySchema },
  async ({ req, user, params, body }): Promise<ControlResult> => {
    const key = idempotencyKeyOf(req);
    if (!key) {
      throw errors.validation({
        en: "A command needs an Idempotency-Key header, so that a retry cannot send it twice.",
        "zh-CN": "控制指令需要 Idempotency-Key 请求头，以免重试时重复发送。",
      });
    }
    if ("attrs" in body) {
      const product = await getProduct(params.pk);
      const dps = product.datapoints ?? [];
      const attrs: Record<string, boolean | number | string> = {};
      for (const [name, value] of Object.entries(body.attrs)) {
        const dp = dps.find((d) => d.name === name);
        if (!dp) throw errors.validation({ en: `The product has no data point "${name}".`, "zh-CN": `该产品没有数据点“${name}”。` });
        const checked = validateControlValue(dp, value);
        if (!checked.ok) throw errors.validation(checked.reason);
        attrs[name] = checked.value;
      }
      body = { attrs };
    }
    const command = body;
    return withIdempotency(user.id, key, { pk: params.pk, did: params.did, command }, () =>
      audited(
        { user, action: "device.control", productKey: params.pk, target: params.did, payload: { command, operator: user.name } },
        async () => {
          await controlDevice(params.pk, params.did, command);
          return { sentAt: Date.now() };
        },
      ),
    );
  },
);
