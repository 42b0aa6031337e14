import { z } from "zod";

export { MAP_FILES, type MapKind } from "./map-files";

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
