import { describe, expect, it } from "vitest";
import { olderPosition, type CmdPosition } from "./cmd-paging";

describe("olderPosition", () => {
  it("follows the window's cursor, then moves to the next older window, then ends", () => {
    let at: CmdPosition = { w: 0, cursor: null };
    const answers = [{ context: "c1" }, null, { skip: 50 }, null];
    const path: (CmdPosition | null)[] = [];
    for (const next of answers) {
      const o = olderPosition(at, next, 2);
      path.push(o);
      if (o) at = o;
    }
    expect(path).toEqual([{ w: 0, cursor: { context: "c1" } }, { w: 1, cursor: null }, { w: 1, cursor: { skip: 50 } }, null]);
  });
});
