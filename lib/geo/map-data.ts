import { z } from "zod";

/** The two map files under public/maps, written by server/cli/build-maps.ts. */
export const MAP_FILES = { world: "/maps/world.json", china: "/maps/china-provinces.json" } as const;
export type MapKind = keyof typeof MAP_FILES;

const position = z.tuple([z.number(), z.number()]);
const polygon = z.array(z.array(position));

/** GeoJSON as the console's map files hold it: polygons named by `properties.name`. */
export const mapGeoJsonSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      properties: z.object({ name: z.string() }),
      geometry: z.discriminatedUnion("type", [
        z.object({ type: z.literal("Polygon"), coordinates: polygon }),
        z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(polygon) }),
      ]),
    }),
  ),
});
export type MapGeoJson = z.infer<typeof mapGeoJsonSchema>;
