/**
 * Regenerates public/maps/world.json and public/maps/china-provinces.json (committed data).
 *
 *   npx tsx server/cli/build-maps.ts
 *
 * World: world-atlas countries-110m (ISC; Natural Earth, public domain), TopoJSON → GeoJSON.
 * China: `esm/countries/china.geojson` of @superset-ui/legacy-plugin-chart-country-map (Apache-2.0),
 * read from the registry tarball with `npm pack` — the package itself is not a dependency (it pulls
 * d3@3 and React 16 peers). Needs the npm registry. Licences: public/maps/LICENSES.md.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";

const SUPERSET_SPEC = "@superset-ui/legacy-plugin-chart-country-map@0.20.3";
const CHINA_FILE = "package/esm/countries/china.geojson";
const OUT_DIR = path.resolve(import.meta.dirname, "../../public/maps");
const DECIMALS = 3;

type Rings = Position[][];
type Polygons = Rings[];
interface MapFeature {
  type: "Feature";
  properties: { name: string };
  geometry: Polygon | MultiPolygon;
}

function polygonsOf(g: Geometry | null): Polygons {
  if (!g) return [];
  if (g.type === "Polygon") return [g.coordinates];
  if (g.type === "MultiPolygon") return g.coordinates;
  throw new Error(`unexpected geometry ${g.type}`);
}

const round = (v: number) => {
  const f = 10 ** DECIMALS;
  return Math.round(v * f) / f;
};

/** Rounds, then drops the points that rounding made identical; rings too small to draw go away. */
function cleanRing(ring: Position[]): Position[] | null {
  const out: Position[] = [];
  for (const [x, y] of ring) {
    const p: Position = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out.length >= 4 ? out : null;
}

/**
 * ECharts joins a ring's points in order, so a ring with points on both sides of ±180° (Fiji,
 * Chukotka) is drawn as a streak across the whole map: move its western half east by 360°.
 */
function fixAntimeridian(ring: Position[]): Position[] {
  const xs = ring.map((p) => p[0]);
  if (Math.min(...xs) < -170 && Math.max(...xs) > 170) return ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]);
  return ring;
}

function toGeometry(polygons: Polygons): Polygon | MultiPolygon {
  const cleaned: Polygons = [];
  for (const rings of polygons) {
    const [outer, ...holes] = rings.map((r) => cleanRing(fixAntimeridian(r)));
    if (!outer) continue;
    cleaned.push([outer, ...holes.filter((h): h is Position[] => h !== null)]);
  }
  if (cleaned.length === 0) throw new Error("a feature lost all its polygons");
  return cleaned.length === 1 ? { type: "Polygon", coordinates: cleaned[0] } : { type: "MultiPolygon", coordinates: cleaned };
}

function collection(features: MapFeature[]): FeatureCollection<Polygon | MultiPolygon, { name: string }> {
  return { type: "FeatureCollection", features };
}

function buildWorld(): FeatureCollection {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve("world-atlas/countries-110m.json"), "utf8")) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const fc = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const byName = new Map<string, Feature<Geometry, { name: string }>>(fc.features.map((f) => [f.properties.name, f]));
  const out: MapFeature[] = [];
  for (const f of fc.features) {
    const name = f.properties.name;
    // Antarctica only stretches the projection; the API never reports it.
    if (name === "Antarctica") continue;
    // Upstream counts Taiwan as a region of China (the China list has 34 provincial divisions),
    // so the world view draws it as part of China's shape.
    if (name === "Taiwan") continue;
    let polygons = polygonsOf(f.geometry);
    if (name === "China") polygons = [...polygons, ...polygonsOf(byName.get("Taiwan")?.geometry ?? null)];
    out.push({ type: "Feature", properties: { name }, geometry: toGeometry(polygons) });
  }
  return collection(out);
}

function buildChina(): FeatureCollection {
  const tmp = mkdtempSync(path.join(tmpdir(), "build-maps-"));
  try {
    execFileSync("npm", ["pack", SUPERSET_SPEC, "--pack-destination", tmp, "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
    const tgz = readdirSync(tmp).find((f) => f.endsWith(".tgz"));
    if (!tgz) throw new Error(`npm pack ${SUPERSET_SPEC} produced no tarball`);
    execFileSync("tar", ["-xzf", path.join(tmp, tgz), "-C", tmp, "package/package.json", CHINA_FILE]);
    const pkg = JSON.parse(readFileSync(path.join(tmp, "package/package.json"), "utf8")) as { license?: string };
    if (pkg.license !== "Apache-2.0") throw new Error(`unexpected licence ${pkg.license ?? "(none)"} for ${SUPERSET_SPEC}`);
    const fc = JSON.parse(readFileSync(path.join(tmp, CHINA_FILE), "utf8")) as FeatureCollection<Geometry, { NAME_1: string }>;
    return collection(
      fc.features.map((f) => ({
        type: "Feature",
        properties: { name: f.properties.NAME_1 },
        geometry: toGeometry(polygonsOf(f.geometry)),
      })),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function write(file: string, data: FeatureCollection): void {
  const target = path.join(OUT_DIR, file);
  const json = JSON.stringify(data);
  writeFileSync(target, `${json}\n`);
  console.log(`${path.relative(process.cwd(), target)}: ${data.features.length} features, ${(json.length / 1024).toFixed(1)} KiB`);
}

mkdirSync(OUT_DIR, { recursive: true });
write("world.json", buildWorld());
write("china-provinces.json", buildChina());
