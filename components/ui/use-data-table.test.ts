import { describe, expect, it } from "vitest";
import { toggleAllSelection, toggleRowSelection, type SelectionRows } from "./use-data-table";

type Row = { id: string; locked?: boolean };
const rows: Row[] = ["a", "b", "c", "d", "e"].map((id) => ({ id, locked: id === "c" }));
const table: SelectionRows<Row> = { rows, rowKey: (r) => r.id, isSelectable: (r) => !r.locked };
const keys = (s: Set<string>) => [...s].sort();

describe("row selection", () => {
  it("toggles one row on a plain click and keeps keys from other pages", () => {
    const on = toggleRowSelection(new Set(["other-page"]), table, 1, null, false);
    expect(keys(on)).toEqual(["b", "other-page"]);
    expect(keys(toggleRowSelection(on, table, 1, 1, false))).toEqual(["other-page"]);
  });
  it("a shift-click sets the range from the last click to the clicked row's new state, skipping unselectable rows", () => {
    expect(keys(toggleRowSelection(new Set(["a"]), table, 4, 0, true))).toEqual(["a", "b", "d", "e"]);
    // Backwards, and switching off: the clicked row was on, so the range goes off.
    expect(keys(toggleRowSelection(new Set(["a", "b", "d", "e"]), table, 1, 4, true))).toEqual(["a"]);
  });
  it("a shift-click without an earlier click is a plain toggle", () => {
    expect(keys(toggleRowSelection(new Set<string>(), table, 3, null, true))).toEqual(["d"]);
  });
  it("does not mutate the caller's set", () => {
    const before = new Set(["a"]);
    toggleRowSelection(before, table, 1, null, false);
    expect(keys(before)).toEqual(["a"]);
  });
});

describe("select all", () => {
  it("selects every selectable row on the page, then clears them, keeping other pages", () => {
    const all = toggleAllSelection(new Set(["x", "a"]), table);
    expect(keys(all)).toEqual(["a", "b", "d", "e", "x"]);
    expect(keys(toggleAllSelection(all, table))).toEqual(["x"]);
  });
  it("changes nothing when no row is selectable", () => {
    expect(keys(toggleAllSelection(new Set(["x"]), { ...table, isSelectable: () => false }))).toEqual(["x"]);
  });
});
