import { describe, expect, it } from "vitest";
import { groupTreeSchema } from "@/server/gizwits/groups.schema";
import { findGroup, treeGids } from "@/lib/schemas/groups";
import { demoGroupNames, joinMeta } from "./groups";

describe("group tree", () => {
  it("reads nested subtrees", () => {
    const tree = groupTreeSchema.parse({ r: { a: { a1: "" }, b: "" } });
    expect(tree).toEqual([
      {
        gid: "r",
        children: [
          { gid: "a", children: [{ gid: "a1", children: [] }] },
          { gid: "b", children: [] },
        ],
      },
    ]);
  });
  it("rebuilds a flat gid → parent map, and leaves the documented flat map flat", () => {
    expect(groupTreeSchema.parse({ a1: "a", r: "", a: "r" })).toEqual([
      { gid: "r", children: [{ gid: "a", children: [{ gid: "a1", children: [] }] }] },
    ]);
    expect(groupTreeSchema.parse({ x: "", y: "" })).toEqual([
      { gid: "x", children: [] },
      { gid: "y", children: [] },
    ]);
  });
  it("does not loop on a cyclic parent map", () => {
    const tree = groupTreeSchema.parse({ a: "b", b: "a" });
    expect(treeGids(tree).sort()).toEqual(["a", "b"]);
  });
  it("joins the console's names and finds nodes at any depth", () => {
    const tree = groupTreeSchema.parse({ r: { a: { a1: "" } } });
    const joined = joinMeta(tree, new Map([["a1", { name: "Floor 1", description: "east" }]]));
    expect(joined[0]!.name).toBeNull();
    expect(joined[0]!.children[0]!.children[0]).toEqual({ gid: "a1", name: "Floor 1", description: "east", children: [] });
    expect(findGroup(tree, "a1")?.gid).toBe("a1");
    expect(findGroup(tree, "zz")).toBeNull();
    expect(treeGids(tree)).toEqual(["r", "a", "a1"]);
  });
});

describe("demo group names", () => {
  const tree = groupTreeSchema.parse({ r: { e: { sh: { s1: "", s2: "" }, hz: "" }, s: { gz: "" } } });
  it("names every unnamed group by depth: nation, region, city, site (with its city)", () => {
    const names = demoGroupNames(tree, new Set());
    expect(names.size).toBe(treeGids(tree).length);
    expect(names.get("r")).toBe("全国 Nationwide");
    expect(names.get("e")).toMatch(/East China/);
    expect(names.get("s")).toMatch(/South China/);
    expect(names.get("sh")).toMatch(/Shanghai/);
    expect(names.get("s1")).toBe("上海 · 一号园区 Site 1");
    expect(names.get("s2")).toBe("上海 · 二号园区 Site 2");
  });
  it("leaves groups that already have a name alone", () => {
    const names = demoGroupNames(tree, new Set(["r", "sh"]));
    expect(names.has("r")).toBe(false);
    expect(names.has("sh")).toBe(false);
    expect(names.get("s1")).toBe("上海 · 一号园区 Site 1");
  });
  it("keeps sibling names unique past the end of the name list", () => {
    const wide = groupTreeSchema.parse({ r: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`g${i}`, ""])) });
    const names = [...demoGroupNames(wide, new Set()).entries()].filter(([gid]) => gid !== "r").map(([, n]) => n);
    expect(new Set(names).size).toBe(12);
  });
});
