import { describe, expect, it } from "vitest";
import { collectSearchMacs, fillPage, statesForMacs, type FetchSearchPage } from "./search-walk";

const mac = (i: number) => `aabbcc${i.toString(16).padStart(6, "0")}`;

/** devices/search over `total` devices that answers at most `perPage` rows per call, whatever the limit. */
function search(total: number, perPage: number): { fetchAt: FetchSearchPage<{ mac: string }>; skips: number[] } {
  const skips: number[] = [];
  const fetchAt: FetchSearchPage<{ mac: string }> = async (skip, limit) => {
    skips.push(skip);
    const n = Math.max(0, Math.min(perPage, limit, total - skip));
    return { objects: Array.from({ length: n }, (_, k) => ({ mac: mac(skip + k).toUpperCase() })), total };
  };
  return { fetchAt, skips };
}

describe("collectSearchMacs", () => {
  it("advances by what each page returned, so no device is skipped", async () => {
    const { fetchAt, skips } = search(1800, 600);
    const macs = await collectSearchMacs(fetchAt);
    expect(skips).toEqual([0, 600, 1200]);
    expect(macs).toEqual(Array.from({ length: 1800 }, (_, i) => mac(i)));
  });
  it("reads full pages in as few calls as before", async () => {
    const { fetchAt, skips } = search(2500, 1000);
    expect(await collectSearchMacs(fetchAt)).toHaveLength(2500);
    expect(skips).toEqual([0, 1000, 2000]);
  });
  it("lets the caller refuse a search that is too large", async () => {
    const { fetchAt } = search(30_000, 1000);
    await expect(
      collectSearchMacs(fetchAt, (total) => {
        if (total > 20_000) throw new Error("too many");
      }),
    ).rejects.toThrow("too many");
  });
  it("ends on an empty page even when the total promised more", async () => {
    const skips: number[] = [];
    const macs = await collectSearchMacs(async (skip) => {
      skips.push(skip);
      return { objects: skip === 0 ? [{ mac: mac(0) }] : [], total: 5 };
    });
    expect(macs).toEqual([mac(0)]);
    expect(skips).toEqual([0, 1]);
  });
});

describe("statesForMacs", () => {
  it("finds members beyond a short first page", async () => {
    const { fetchAt, skips } = search(1500, 700);
    const rows = await statesForMacs(fetchAt, [mac(10), mac(800), mac(1450)], 5);
    expect([...rows.keys()].filter((m) => [mac(10), mac(800), mac(1450)].includes(m))).toHaveLength(3);
    expect(skips).toEqual([0, 700, 1400]);
  });
  it("stops as soon as every MAC of the page is found, and after maxPages", async () => {
    const a = search(5000, 1000);
    await statesForMacs(a.fetchAt, [mac(5)], 5);
    expect(a.skips).toEqual([0]);
    const b = search(50_000, 1000);
    await statesForMacs(b.fetchAt, [mac(49_000)], 3);
    expect(b.skips).toEqual([0, 1000, 2000]);
  });
});

describe("fillPage", () => {
  it("completes a page the upstream cut short, from where each answer stopped", async () => {
    const { fetchAt, skips } = search(1000, 30);
    const page = await fillPage(fetchAt, 40, 100);
    expect(page.objects.map((d) => d.mac.toLowerCase())).toEqual(Array.from({ length: 100 }, (_, i) => mac(40 + i)));
    expect(page.total).toBe(1000);
    expect(skips).toEqual([40, 70, 100, 130]);
  });
  it("stops at the end of the results and on an empty answer", async () => {
    const a = search(150, 30);
    expect((await fillPage(a.fetchAt, 120, 100)).objects).toHaveLength(30);
    expect(a.skips).toEqual([120]);
    const b = await fillPage(async () => ({ objects: [], total: 500 }), 0, 100);
    expect(b.objects).toEqual([]);
  });
});
