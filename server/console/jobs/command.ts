import "server-only";
import { controlRawBytes, type ControlBodyInput } from "@/lib/control";
import { validateControlValue } from "@/lib/datapoints";
import type { Datapoint } from "@/lib/schemas/datapoints";
import { errors } from "@/server/errors";
import type { ControlCommand } from "@/server/gizwits/control";
import { getProduct } from "@/server/gizwits/products";
import { serverText } from "@/server/text";

/**
 * A job's command as it will be sent: data point values checked against the product (as the
 * device control route does), raw text decoded to the documented decimal array. Bad input → 400.
 */
export async function checkedJobCommand(pk: string, body: ControlBodyInput): Promise<{ command: ControlCommand; datapoints: Datapoint[] }> {
  const product = await getProduct(pk);
  const datapoints = product.datapoints ?? [];
  if ("attrs" in body) {
    const attrs: Record<string, boolean | number | string> = {};
    for (const [name, value] of Object.entries(body.attrs)) {
      const dp = datapoints.find((d) => d.name === name);
      if (!dp) throw errors.validation(serverText("noSuchDatapoint", { name }));
      const checked = validateControlValue(dp, value);
      if (!checked.ok) throw errors.validation(checked.reason);
      attrs[name] = checked.value;
    }
    return { command: { attrs }, datapoints };
  }
  const bytes = controlRawBytes(body);
  if (!bytes.ok) throw errors.validation(bytes.reason);
  return { command: { raw: bytes.value }, datapoints };
}
