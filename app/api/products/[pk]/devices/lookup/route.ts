import { checks, guarded } from "@/lib/schemas/guards";
import { lookupQuerySchema, type LookupResult } from "@/lib/schemas/devices";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { getDeviceDid } from "@/server/gizwits/devices";

// GET /api/products/{pk}/devices/lookup?mac= → { did, mac } (devices?mac; the passcode never leaves the server)
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(lookupQuerySchema, { mac: checks.mac }) },
  async ({ params, query }): Promise<LookupResult> => {
    const { did } = await getDeviceDid(params.pk, query.mac, { priority: "interactive" });
    return { did, mac: query.mac };
  },
);
