import { describe, expect, it } from "vitest";
import { callsFor, collectPages, offsetPager, pageNumberPager } from "./paged-export";

/** A list of `total` rows whose source answers at most `sizes[i]` rows on the i-th call. */
function source(total: number, sizes: number[]) {
  const skips: number[] = [];
  let call = 0;
  const fetchAt = async (skip: number) => {
    skips.push(skip);
    const n = Math.max(0, Math.min(sizes[call++] ?? 100, total - skip));
    return { items: Array.from({ length: n }, (_, i) => skip + i), total };
  };
  return { fetchAt, skips };
}

describe("collectPages", () => {
  it("advances by what came back and reads past a short page", async () => {
    const { fetchAt, skips } = source(250, [100, 40, 100, 100]);
    const r = await collectPages(offsetPager(fetchAt));
    expect(skips).toEqual([0, 100, 140, 240]);
    expect(r.items).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(r).toMatchObject({ complete: true, stopped: null, pages: 4, total: 250 });
  });
  it("ends on an empty page when no total is known", async () => {
    let call = 0;
    const r = await collectPages<number, number>(async (c) => {
      call++;
      return { items: call <= 2 ? [c ?? 0] : [], next: (c ?? 0) + 1 };
    });
    expect(r).toMatchObject({ items: [0, 1], complete: true, pages: 3 });
  });
  it("follows a cursor until the source gives none", async () => {
    const pages: Record<string, { items: string[]; next: string | null }> = {
      start: { items: ["a", "b"], next: "c1" },
      c1: { items: ["c"], next: "c2" },
      c2: { items: ["d"], next: null },
    };
    const r = await collectPages<string, string>(async (c) => pages[c ?? "start"]!);
    expect(r).toMatchObject({ items: ["a", "b", "c", "d"], complete: true, pages: 3 });
  });
  it("says it stopped early on an error and keeps what it read", async () => {
    const boom = new Error("quota");
    const r = await collectPages(
      offsetPager(async (skip) => {
        if (skip >= 200) throw boom;
        return { items: Array.from({ length: 100 }, (_, i) => skip + i), total: 500 };
      }),
    );
    expect(r).toMatchObject({ complete: false, stopped: "error", error: boom, total: 500 });
    expect(r.items).toHaveLength(200);
  });
  it("stops at the row cap and says so", async () => {
    const { fetchAt } = source(1000, []);
    const r = await collectPages(offsetPager(fetchAt), { maxItems: 300 });
    expect(r).toMatchObject({ complete: false, stopped: "cap" });
    expect(r.items).toHaveLength(300);
  });
  it("stops when aborted", async () => {
    const ac = new AbortController();
    const { fetchAt } = source(1000, []);
    const r = await collectPages(offsetPager(fetchAt), { signal: ac.signal, onProgress: (n) => n >= 200 && ac.abort() });
    expect(r).toMatchObject({ complete: false, stopped: "aborted" });
    expect(r.items).toHaveLength(200);
  });
});

describe("pageNumberPager", () => {
  it("asks page after page until the total is reached", async () => {
    const asked: number[] = [];
    const r = await collectPages(
      pageNumberPager(async (page) => {
        asked.push(page);
        return { items: Array.from({ length: Math.max(0, Math.min(100, 230 - (page - 1) * 100)) }, (_, i) => i), total: 230 };
      }),
    );
    expect(asked).toEqual([1, 2, 3]);
    expect(r).toMatchObject({ complete: true, total: 230 });
    expect(r.items).toHaveLength(230);
  });
});

describe("callsFor", () => {
  it("counts one call per started page, at least one", () => {
    expect(callsFor(0, 100)).toBe(1);
    expect(callsFor(100, 100)).toBe(1);
    expect(callsFor(101, 100)).toBe(2);
  });
});
