import "server-only";
import { attrMapSchema } from "@/lib/schemas/datapoints";
import type { LatestStatus } from "@/lib/schemas/device-detail";
import { tags, TTL } from "@/server/gizwits/cache";
import { getDataLog } from "@/server/gizwits/history";
import { getDeviceLatest } from "@/server/openapi/devices";
import { HISTORY_CAPABILITY, openApiAppidConfigured, withCapability } from "./product-capabilities";

/**
 * A device's live status (issue 12), for the Status tab and the control read-back alike:
 * - with an Open API AppID configured for the product, GET /app/devdata/{did}/latest — it needs
 *   only the AppID and answers for published products too;
 * - otherwise the newest record of the Enterprise /data log (last two days), which a published
 *   product answers only once Gizwits enabled it (else NOT_ENABLED with the explanation).
 * The Open API answer is cached for TTL.deviceLatest under the device's tag, which a control
 * invalidates. `fresh` (the read-back) is never answered from the cache: the Open API read goes
 * upstream (and refreshes the cached status), the /data read names its window's end to the
 * second, so it gets a cache key of its own and sees what the device reports now.
 */
export async function readLiveStatus(pk: string, did: string, opts: { fresh?: boolean } = {}): Promise<LatestStatus> {
  const appid = openApiAppidConfigured(pk);
  if (appid) {
    const latest = await getDeviceLatest(appid, did, {
      priority: "interactive",
      cache: { ttlMs: TTL.deviceLatest, tags: [tags.device(pk, did)] },
      fresh: opts.fresh,
    });
    return { source: "openapi", ts: latest.updatedAt, attrs: attrMapSchema.parse(latest.attrs), readAt: Date.now() };
  }
  const now = Math.floor(Date.now() / 1000);
  const window = opts.fresh ? { startTs: now - 2 * 86_400, endTs: now } : {};
  const page = await withCapability(pk, HISTORY_CAPABILITY.data, () =>
    getDataLog(pk, did, { ...window, sort: "desc", limit: 1, priority: "interactive" }),
  );
  const newest = page.objects[0];
  return { source: "enterprise", ts: newest?.ts ?? null, attrs: newest?.attrs ?? {}, readAt: Date.now() };
}
