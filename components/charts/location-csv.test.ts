import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/core";
import { charts } from "@/lib/i18n/messages/charts";
import { readLocationTree } from "@/lib/schemas/location-report";
import { CSV_BOM } from "@/lib/csv";
import { exportFileName } from "./export";
import * as names from "@/lib/geo/aliases";
import { locationCsv, locationRows } from "./location-csv";
import { measureLabel } from "./measure-label";

const tree = readLocationTree({
  gid: null,
  location: {
    China: {
      count: { total: 3, unresolved: 1 },
      Guangdong: {
        count: { total: 3, unresolved: 1 },
        Guangzhou: { count: { total: 2 } },
        Shenzhen: { count: { total: 1, unresolved: 1 } },
      },
    },
    "=cmd": { count: { total: 1 } },
  },
});
const headers = {
  levels: { country: "Country", region: "Province", city: "City" },
  label: "Place",
  measure: (m: string) => m,
};

describe("locationRows", () => {
  it("gives each row its full path and a localized name", () => {
    expect(locationRows(tree, { country: "China", region: "Guangdong" }, "zh-CN", names).map((r) => [r.path, r.label])).toEqual([
      [{ country: "China", region: "Guangdong", city: "Guangzhou" }, "广州"],
      [{ country: "China", region: "Guangdong", city: "Shenzhen" }, "深圳"],
    ]);
    expect(locationRows(tree, {}, "en", names).map((r) => r.path)).toEqual([{ country: "China" }, { country: "=cmd" }]);
  });
});

describe("locationCsv", () => {
  it("has upstream names for every level down to the current one, then the measures", () => {
    const rows = locationRows(tree, { country: "China", region: "Guangdong" }, "zh-CN", names);
    expect(locationCsv(rows, { country: "China", region: "Guangdong" }, ["total", "unresolved"], headers)).toBe(
      "Country,Province,City,Place,total,unresolved\r\nChina,Guangdong,Guangzhou,广州,2,0\r\nChina,Guangdong,Shenzhen,深圳,1,1\r\n",
    );
  });

  it("guards names against formula injection", () => {
    const rows = locationRows(tree, {}, "en", names);
    expect(locationCsv(rows, {}, ["total"], headers)).toContain("'=cmd,'=cmd,1");
  });
});

describe("measureLabel", () => {
  it("names counters and detail measures in both languages", () => {
    const zh = translator(charts, "zh-CN");
    const en = translator(charts, "en");
    expect(measureLabel("unresolved", zh)).toBe("未解决");
    expect(measureLabel("activated", en)).toBe("Activated");
    expect(measureLabel("fault_roomtemp.total", en)).toBe("fault_roomtemp · Total");
    expect(measureLabel("fault_roomtemp.total", zh, { fault_roomtemp: "室温故障" })).toBe("室温故障 · 总数");
    expect(measureLabel("weird", en)).toBe("weird");
  });
});

describe("exportFileName", () => {
  it("stamps and sanitizes file names", () => {
    const now = new Date(2026, 0, 22, 14, 5);
    expect(exportFileName("设备分布 / 广东", "csv", now)).toBe("设备分布-广东-20260122-1405.csv");
    expect(exportFileName("  ", "png", now)).toBe("chart-20260122-1405.png");
    expect(CSV_BOM).toHaveLength(1);
  });
});
