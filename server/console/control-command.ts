import "server-only";
import { controlRawBytes, validateControlAttrs, type ControlBodyInput } from "@/lib/control";
import type { Datapoint } from "@/lib/schemas/datapoints";
import { errors } from "@/server/errors";
import type { ControlCommand } from "@/server/gizwits/control";
import { getProduct } from "@/server/gizwits/products";

/**
 * A control command as the console sends it, from what an operator entered: data point values
 * checked against the product's data points (writable, in range, of the right type), or raw
 * text (hex / base64 / decimal) decoded to the documented decimal array. The one check used by
 * device control, jobs and schedules; bad input is a 400 naming the field, before anything is sent.
 */
export async function checkedControlCommand(
  pk: string,
  body: ControlBodyInput,
): Promise<{ command: ControlCommand; datapoints: Datapoint[] }> {
  const datapoints = (await getProduct(pk)).datapoints ?? [];
  if ("attrs" in body) {
    const r = validateControlAttrs(datapoints, body.attrs);
    if (!r.ok) {
      const [name, text] = Object.entries(r.errors)[0]!;
      throw errors.validation(text, [{ path: name === "attrs" ? "attrs" : `attrs.${name}`, message: text.en }]);
    }
    return { command: { attrs: r.value }, datapoints };
  }
  const bytes = controlRawBytes(body);
  if (!bytes.ok) throw errors.validation(bytes.reason);
  return { command: { raw: bytes.value }, datapoints };
}
