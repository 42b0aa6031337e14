// Plain TypeScript, no zod (the browser fetches these): where the map files are. Their zod schema
// (lib/geo/map-data.ts) checks them where they are written and in tests; the browser takes them typed.

/** The two map files under public/maps, written by server/cli/build-maps.ts. */
export const MAP_FILES = { world: "/maps/world.json", china: "/maps/china-provinces.json" } as const;
export type MapKind = keyof typeof MAP_FILES;
