import { describe, expect, it } from "vitest";
import { assignCalls, chunk, normalizeMac, parseMacList } from "./mac";

describe("normalizeMac", () => {
  it("lowercases and strips separators", () => {
    expect(normalizeMac("AA:BB:CC:DD:EE:0F")).toBe("aabbccddee0f");
    expect(normalizeMac("aa-bb-cc-dd-ee-0f")).toBe("aabbccddee0f");
    expect(normalizeMac("aabb.ccdd.ee0f")).toBe("aabbccddee0f");
    expect(normalizeMac("  AABBCCDDEE0F ")).toBe("aabbccddee0f");
  });
  it("keeps virtual device ids as they are", () => {
    expect(normalizeMac("virtual:site")).toBe("virtual:site");
  });
  it("rejects wrong lengths and non-hex", () => {
    expect(normalizeMac("aabbccddee")).toBeNull();
    expect(normalizeMac("aabbccddee0f11")).toBeNull();
    expect(normalizeMac("gabbccddee0f")).toBeNull();
    expect(normalizeMac("")).toBeNull();
  });
});

describe("parseMacList", () => {
  it("splits lines and commas, dedupes after normalizing, keeps order, reports invalid entries", () => {
    const r = parseMacList("AA:BB:CC:DD:EE:01, aabbccddee02\nnot-a-mac\naa-bb-cc-dd-ee-01\r\n\n  aabbccddee03;virtual:site");
    expect(r.macs).toEqual(["aabbccddee01", "aabbccddee02", "aabbccddee03", "virtual:site"]);
    expect(r.invalid).toEqual(["not-a-mac"]);
    expect(r.duplicates).toBe(1);
  });
  it("skips a CSV header row and quoted cells", () => {
    const r = parseMacList('\uFEFFmac,name\n"aabbccddee01",kitchen\n');
    expect(r.macs).toEqual(["aabbccddee01"]);
    expect(r.invalid).toEqual(["kitchen"]);
  });
});

describe("chunk", () => {
  it("makes chunks of at most 1000 by default, none empty", () => {
    const items = Array.from({ length: 2500 }, (_, i) => i);
    const parts = chunk(items);
    expect(parts.map((p) => p.length)).toEqual([1000, 1000, 500]);
    expect(parts.flat()).toEqual(items);
    expect(chunk([])).toEqual([]);
    expect(chunk([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
  it("costs one upstream call per chunk", () => {
    expect(assignCalls(0)).toBe(0);
    expect(assignCalls(1000)).toBe(1);
    expect(assignCalls(1001)).toBe(2);
    expect(assignCalls(2500)).toBe(3);
  });
});
