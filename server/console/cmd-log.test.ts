import { describe, expect, it } from "vitest";
import type { CmdRecord, HistoryPage } from "@/server/gizwits/history.schema";
import { readCmdPage } from "./cmd-log";

/** A cmd log of `n` records, newest first, alternating app2dev/dev2app every `run` records, paged by context. */
function log(n: number, run = 1) {
  const all: CmdRecord[] = Array.from({ length: n }, (_, i) => ({
    timestamp: 1_700_000_000 - i,
    type: Math.floor(i / run) % 2 === 0 ? "app2dev" : "dev2app",
    payload: `p${i}`,
  }));
  const calls: { limit: number; context?: string; skip?: number }[] = [];
  const load = async (q: { limit: number; context?: string; skip?: number }): Promise<HistoryPage<CmdRecord>> => {
    calls.push(q);
    const from = q.context ? Number(q.context) : 0;
    const objects = all.slice(from, from + q.limit);
    const end = from + objects.length;
    return { objects, total: n, limit: q.limit, skip: null, next: null, context: end < n ? String(end) : null };
  };
  return { all, load, calls };
}

describe("readCmdPage", () => {
  it("is one upstream page as asked without a direction", async () => {
    const { load, calls } = log(120);
    const p = await readCmdPage(load, { limit: 50, cursor: null });
    expect(p.records).toHaveLength(50);
    expect(p).toMatchObject({ total: 120, next: { context: "50" } });
    expect(calls).toEqual([{ limit: 50 }]);
  });
  it("keeps one direction, reading on until it has a page of matches, and resumes where it stopped", async () => {
    const { all, load, calls } = log(400, 10);
    const first = await readCmdPage(load, { limit: 50, cursor: null, type: "dev2app" });
    expect(first.records.every((r) => r.type === "dev2app")).toBe(true);
    expect(first.records).toHaveLength(50);
    expect(first.total).toBeNull();
    expect(calls.map((c) => c.limit)).toEqual([100]);
    const rest = await readCmdPage(load, { limit: 50, cursor: first.next, type: "dev2app" });
    const seen = [...first.records, ...rest.records].map((r) => r.payload);
    const expected = all.filter((r) => r.type === "dev2app").map((r) => r.payload);
    expect(seen).toEqual(expected.slice(0, seen.length));
    expect(new Set(seen).size).toBe(seen.length);
  });
  it("stops after a bounded number of upstream pages when matches are rare", async () => {
    const { load, calls } = log(2000, 1500);
    const p = await readCmdPage(load, { limit: 50, cursor: null, type: "dev2app" });
    expect(calls).toHaveLength(5);
    expect(p.records).toHaveLength(0);
    expect(p.next).toEqual({ context: "500" });
  });
});

describe("readCmdPageRestarting (issue 12: an expired context cursor)", () => {
  it("answers the window's first page, marked cursorExpired, when the cursor is refused with 5002", async () => {
    const { load, calls } = log(120);
    const { AppError } = await import("@/server/errors");
    const { readCmdPageRestarting } = await import("./cmd-log");
    const refusing = async (q: { limit: number; context?: string; skip?: number }) => {
      if (q.context === "expired") {
        throw new AppError("VALIDATION", { en: "Gizwits rejected the parameters", "zh-CN": "参数错误" }, { upstreamCode: 5002 });
      }
      return load(q);
    };
    const p = await readCmdPageRestarting(refusing, { limit: 50, cursor: { context: "expired" } });
    expect(p.cursorExpired).toBe(true);
    expect(p.records[0]!.payload).toBe("p0");
    expect(p.next).toEqual({ context: "50" });
    expect(calls).toEqual([{ limit: 50 }]);
  });
  it("passes other errors and cursor-less 5002s through", async () => {
    const { AppError } = await import("@/server/errors");
    const { readCmdPageRestarting } = await import("./cmd-log");
    const fail = async () => {
      throw new AppError("VALIDATION", { en: "x", "zh-CN": "x" }, { upstreamCode: 5002 });
    };
    await expect(readCmdPageRestarting(fail, { limit: 5, cursor: null })).rejects.toMatchObject({ upstreamCode: 5002 });
    await expect(readCmdPageRestarting(fail, { limit: 5, cursor: { skip: 5 } })).rejects.toMatchObject({ upstreamCode: 5002 });
  });
  it("keeps a valid cursor's page unmarked", async () => {
    const { load } = log(120);
    const { readCmdPageRestarting } = await import("./cmd-log");
    const p = await readCmdPageRestarting(load, { limit: 50, cursor: { context: "50" } });
    expect(p.cursorExpired).toBeUndefined();
    expect(p.records[0]!.payload).toBe("p50");
  });
});
