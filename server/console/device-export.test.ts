import { describe, expect, it } from "vitest";
import { SEARCH_MAX_LIMIT, type DeviceRow } from "@/lib/schemas/devices";
import { AppError } from "@/server/errors";
import { countUpstreamCall, withUpstreamMeter } from "@/server/gizwits/meter";
import { deviceExportStream, type FetchPage } from "./device-export";

const device = (i: number): DeviceRow => ({
  did: `did${i}`,
  mac: `mac${i}`,
  isOnline: i % 2 === 0,
  isFaulty: false,
  isAlert: false,
  isDisabled: false,
  country: "China",
  region: "Guangdong",
  city: i === 0 ? '=HYPERLINK("x")' : "Guangzhou",
  longitude: 113.2,
  latitude: 23.1,
  onlineLatest: 1_700_000_000,
  createdAt: null,
  mcuHardVersion: null,
  mcuSoftVersion: "04020001",
  wifiHardVersion: null,
  wifiSoftVersion: null,
});

/**
 * A fake devices/search over `total` devices; each page counts as one upstream call. `perPage`
 * is how many rows it answers at most (an upstream may answer fewer than the limit asked).
 */
function pages(
  total: number,
  failAt?: { skip: number; error: unknown },
  perPage: number = SEARCH_MAX_LIMIT,
): { fetchPage: FetchPage; skips: number[] } {
  const skips: number[] = [];
  const fetchPage: FetchPage = async (skip) => {
    skips.push(skip);
    if (failAt && skip === failAt.skip) throw failAt.error;
    countUpstreamCall();
    const n = Math.max(0, Math.min(perPage, total - skip));
    return { devices: Array.from({ length: n }, (_, k) => device(skip + k)), total };
  };
  return { fetchPage, skips };
}

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  // Response.text() would strip the BOM; keep it, it is part of what is tested.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

const base = { productKey: "pk1", locale: "en" as const, timeZone: "Asia/Shanghai", now: Date.UTC(2026, 4, 14, 5, 0, 0) };

describe("deviceExportStream", () => {
  it("writes a BOM, the filter, time and planned calls, every page, and the calls spent", async () => {
    const { fetchPage, skips } = pages(2500);
    const { result: csv, calls } = await withUpstreamMeter(async () =>
      read(await deviceExportStream({ ...base, filter: { country: "China", is_online: true }, fetchPage })),
    );
    expect(csv.startsWith("\uFEFF# Gizwits device export\r\n")).toBe(true);
    expect(csv).toContain("# Filter: country=China&is_online=1\r\n");
    expect(csv).toContain("# Exported at: 2026-05-14 13:00:00 (Asia/Shanghai)\r\n");
    expect(csv).toContain("# Devices: 2500; upstream calls planned: 3\r\n");
    expect(skips).toEqual([0, 1000, 2000]);
    const dataLines = csv.split("\r\n").filter((l) => l.startsWith("did") && !l.startsWith("did,"));
    expect(dataLines).toHaveLength(2500);
    expect(new Set(dataLines.map((l) => l.split(",")[0])).size).toBe(2500);
    expect(csv.trimEnd().split("\r\n").at(-1)).toBe("# Done: 2500 devices exported; 3 upstream calls spent");
    // The route's own meter is told about the calls made while streaming.
    expect(calls).toBe(3);
  });

  it("guards spreadsheet formulas and formats times in the console's zone", async () => {
    const csv = await read(await deviceExportStream({ ...base, filter: {}, fetchPage: pages(1).fetchPage }));
    expect(csv).toContain("# Filter: none\r\n");
    const row = csv.split("\r\n").find((l) => l.startsWith("did0,"));
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain("2023-11-15 06:13:20");
  });

  it("ends with a line saying why when the quota floor stops it mid-way", async () => {
    const quota = new AppError(
      "QUOTA_EXHAUSTED",
      { en: "Quota reserved for interactive use.", "zh-CN": "额度已保留给交互操作。" },
      { retryAfter: 60 },
    );
    const { fetchPage } = pages(3000, { skip: 2000, error: quota });
    const csv = await read(await deviceExportStream({ ...base, locale: "zh-CN", filter: {}, fetchPage }));
    const last = csv.trimEnd().split("\r\n").at(-1);
    expect(last).toBe("# 已停止：导出 2000 台设备、调用上游 API 2 次后中止：额度已保留给交互操作。");
    expect(csv).toContain("设备数：3000；预计调用上游 API 3 次");
  });

  it("fails before streaming when the first page fails, so the route answers with an error status", async () => {
    const notFound = new AppError("NOT_FOUND", { en: "Product x is not configured.", "zh-CN": "未配置产品 x。" });
    await expect(deviceExportStream({ ...base, filter: {}, fetchPage: pages(10, { skip: 0, error: notFound }).fetchPage })).rejects.toBe(
      notFound,
    );
  });

  it("writes only the header and the closing line for an empty result", async () => {
    const csv = await read(await deviceExportStream({ ...base, filter: { gid: "g1" }, fetchPage: pages(0).fetchPage }));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines.at(-2)?.startsWith("did,mac,")).toBe(true);
    expect(lines.at(-1)).toBe("# Done: 0 devices exported; 1 upstream calls spent");
  });

  it("reads on past a page shorter than asked, advancing by what came back", async () => {
    const { fetchPage, skips } = pages(2500, undefined, 600);
    const csv = await read(await deviceExportStream({ ...base, filter: {}, fetchPage }));
    expect(skips).toEqual([0, 600, 1200, 1800, 2400]);
    const dataLines = csv.split("\r\n").filter((l) => l.startsWith("did") && !l.startsWith("did,"));
    expect(new Set(dataLines.map((l) => l.split(",")[0])).size).toBe(2500);
    expect(csv.trimEnd().split("\r\n").at(-1)).toBe("# Done: 2500 devices exported; 5 upstream calls spent");
  });

  it("says it stopped early when the upstream runs dry before the total it announced", async () => {
    // The search announces 2500 but has only 1500 rows to give (e.g. devices deregistered meanwhile).
    const skips: number[] = [];
    const fetchPage: FetchPage = async (skip) => {
      skips.push(skip);
      countUpstreamCall();
      const n = Math.max(0, Math.min(SEARCH_MAX_LIMIT, 1500 - skip));
      return { devices: Array.from({ length: n }, (_, k) => device(skip + k)), total: 2500 };
    };
    const csv = await read(await deviceExportStream({ ...base, filter: {}, fetchPage }));
    expect(skips).toEqual([0, 1000, 1500]);
    expect(csv.trimEnd().split("\r\n").at(-1)).toBe(
      "# Stopped after 1500 devices and 3 upstream calls: the search returned no more devices before the 2500 it announced",
    );
  });
});
