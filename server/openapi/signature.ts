import "server-only";
import { createHash } from "node:crypto";

/**
 * bind_mac's request signature (seed 004): `X-Gizwits-Timestamp` is unix seconds, and
 * `X-Gizwits-Signature` = lower(md5(product_secret + timestamp)). Gizwits refuses a timestamp
 * more than 5 minutes off its clock (9043) and a wrong signature (9044).
 */
export function bindSignature(productSecret: string, nowMs: number = Date.now()): { timestamp: string; signature: string } {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    timestamp,
    signature: createHash("md5")
      .update(productSecret + timestamp)
      .digest("hex")
      .toLowerCase(),
  };
}
