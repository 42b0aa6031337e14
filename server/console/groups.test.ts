import { describe, expect, it } from "vitest";
import { groupTreeSchema } from "@/server/gizwits/groups.schema";
import { findGroup, treeGids } from "@/lib/schemas/groups";
import { joinMeta } from "./groups";

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
