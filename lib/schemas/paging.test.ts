import { describe, expect, it } from "vitest";
import { pageWindow, pagingQuery } from "./paging";

describe("pagingQuery", () => {
  it("takes page and page_size from a fixed list of sizes, with defaults for missing or empty values", () => {
    const q = pagingQuery({ sizes: [20, 50, 100] });
    expect(q.parse({})).toEqual({ page: 1, page_size: 20 });
    expect(q.parse({ page: "", page_size: "" })).toEqual({ page: 1, page_size: 20 });
    expect(q.parse({ page: "3", page_size: "50" })).toEqual({ page: 3, page_size: 50 });
    expect(q.safeParse({ page_size: "7" }).success).toBe(false);
    expect(q.safeParse({ page: "0" }).success).toBe(false);
  });

  it("takes any size up to a maximum when the rule is a range", () => {
    const q = pagingQuery({ max: 200, fallback: 50 });
    expect(q.parse({})).toEqual({ page: 1, page_size: 50 });
    expect(q.parse({ page_size: "2" }).page_size).toBe(2);
    expect(q.safeParse({ page_size: "201" }).success).toBe(false);
    expect(q.safeParse({ pageSize: "2" }).data).toEqual({ page: 1, page_size: 50 });
  });

  it("turns a page into the upstream skip and limit", () => {
    expect(pageWindow({ page: 3, page_size: 50 })).toEqual({ skip: 100, limit: 50 });
  });
});
