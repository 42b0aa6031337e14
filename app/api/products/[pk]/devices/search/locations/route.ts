import type { LocationNode } from "@/lib/location-tree";
import type { PlaceOption, PlaceOptions } from "@/lib/schemas/devices";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { getDeviceLocations } from "@/server/gizwits/reports";

function toOption(n: LocationNode): PlaceOption {
  const count = n.counts.count ?? Object.values(n.counts).reduce((a, b) => a + b, 0);
  return { name: n.name, count, children: n.children.map(toOption).sort((a, b) => b.count - a.count) };
}

// GET /api/products/{pk}/devices/search/locations — the places that have devices, for the
// country → region → city cascade (from the real-time devices/locations report).
export const GET = defineRoute({ permission: "read", params: productParams }, async ({ params }): Promise<PlaceOptions> => {
  const report = await getDeviceLocations(params.pk, {}, { priority: "interactive" });
  return { places: report.nodes.map(toOption).sort((a, b) => b.count - a.count), total: report.total ?? null };
});
