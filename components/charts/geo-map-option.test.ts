import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as echarts from "echarts/core";
import { BarChart, MapChart, ScatterChart } from "echarts/charts";
import { GeoComponent, GridComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { TooltipComponentFormatterCallbackParams } from "echarts";
import { mapGeoJsonSchema } from "@/lib/geo/map-data";
import { geoView } from "@/lib/geo/map-model";
import { readLocationTree } from "@/lib/schemas/location-report";
import { barChartOption } from "./bar-options";
import { geoMapOption, hitOf, MAP_NAMES, type MapView } from "./geo-map-option";
import type { ChartPalette } from "./option-types";

// Server-side rendering to SVG runs the real echarts pipeline in node: an option that names an
// unregistered map, or that echarts rejects, fails here instead of as a blank chart in the browser.
echarts.use([MapChart, ScatterChart, BarChart, GeoComponent, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

const root = path.resolve(import.meta.dirname, "../..");
const load = (file: string) => mapGeoJsonSchema.parse(JSON.parse(readFileSync(path.join(root, "public/maps", file), "utf8")));
echarts.registerMap(MAP_NAMES.world, load("world.json"));
echarts.registerMap(MAP_NAMES.china, load("china-provinces.json"));

const palette: ChartPalette = {
  dark: false,
  ink: "#111111",
  inkMuted: "#555555",
  line: "#dddddd",
  panel: "#ffffff",
  accent: "#2563eb",
  scale: ["#e8effd", "#2563eb"],
  empty: "#f1f3f6",
};

const tree = readLocationTree({
  gid: null,
  location: {
    China: { count: 9, Guangdong: { count: 6, Guangzhou: 4, Shenzhen: 2 }, Tibet: { count: 1 }, "Inner Mongolia": { count: 2 } },
    "United States": { count: 3 },
    Singapore: { count: 1 },
  },
});

function render(option: object): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 800, height: 500 });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function mapView(p: object): MapView {
  const v = geoView(tree, p, "count", "zh-CN");
  if (v.kind === "ranking") throw new Error("expected a map view");
  return v;
}

describe("geoMapOption renders with the real map files", () => {
  it("world view: country shapes coloured by value, small countries as points", () => {
    const view = mapView({});
    const svg = render(geoMapOption(view, { locale: "zh-CN", measureLabel: "数量" }, palette));
    expect(svg).toContain("<svg");
    // 175 country shapes: far more paths than an empty chart would have.
    expect(svg.match(/<path/g)?.length ?? 0).toBeGreaterThan(150);
    // The highest value takes the top of the scale.
    expect(svg.toLowerCase()).toContain("#2563eb");
  });

  it("China view: provinces", () => {
    const svg = render(geoMapOption(mapView({ country: "China" }), { locale: "zh-CN", measureLabel: "数量" }, palette));
    expect(svg.match(/<path/g)?.length ?? 0).toBeGreaterThan(30);
  });

  it("city ranking renders as horizontal bars", () => {
    const v = geoView(tree, { country: "China", region: "Guangdong" }, "count", "zh-CN");
    if (v.kind !== "ranking") throw new Error(v.kind);
    const svg = render(
      barChartOption(
        v.items.map((i) => i.label),
        [{ name: "数量", values: v.items.map((i) => i.value) }],
        { locale: "zh-CN", horizontal: true },
        palette,
      ),
    );
    expect(svg).toContain("广州");
    expect(svg).toContain("深圳");
  });
});

describe("geoMapOption data", () => {
  const view = mapView({ country: "China" });
  const option = geoMapOption(view, { locale: "zh-CN", measureLabel: "数量" }, palette);

  it("keys areas by feature name and scales to the largest value", () => {
    const [series] = option.series as { data: { name: string; value: number }[] }[];
    expect(series.data).toContainEqual({ name: "Xizang", value: 1 });
    expect(series.data).toContainEqual({ name: "Inner Mongol", value: 2 });
    expect((option.visualMap as { max: number }).max).toBe(6);
  });

  it("tooltips show the display name, also for shapes without data", () => {
    const fmt = (option.tooltip as { formatter: (p: TooltipComponentFormatterCallbackParams) => string }).formatter;
    expect(fmt({ name: "Xizang" } as TooltipComponentFormatterCallbackParams)).toBe("西藏<br/>数量: <b>1</b>");
    expect(fmt({ name: "Yunnan" } as TooltipComponentFormatterCallbackParams)).toBe("云南<br/>数量: <b>—</b>");
  });

  it("maps a clicked shape or point back to the upstream name", () => {
    expect(hitOf(view, "Xizang")?.name).toBe("Tibet");
    expect(hitOf(view, "Yunnan")).toBeUndefined();
    expect(hitOf(mapView({}), "Singapore")?.name).toBe("Singapore");
    expect(hitOf(mapView({}), "United States of America")?.name).toBe("United States");
  });
});
