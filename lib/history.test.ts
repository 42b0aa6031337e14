import { describe, expect, it } from "vitest";
import {
  DAY_SEC,
  MAX_WINDOW_SEC,
  OFFLINE_REASONS,
  clampToLookback,
  coverageLabel,
  dayCoverage,
  heartbeatSummary,
  mergeDataPages,
  mergeEventPages,
  missingWindows,
  nextHistoryCursor,
  offlineReasonText,
  sessionsFromOnline,
  splitWindows,
  unionWindows,
  type OnlineEvent,
} from "./history";

const H = 3600;
/** Unix seconds of a Shanghai wall-clock time. */
const cst = (y: number, mo: number, d: number, h = 0) => Date.UTC(y, mo - 1, d, h - 8) / 1000;

describe("splitWindows", () => {
  it("splits a long range into two-day windows", () => {
    expect(splitWindows(0, 5 * DAY_SEC)).toEqual([
      { start: 0, end: 2 * DAY_SEC },
      { start: 2 * DAY_SEC, end: 4 * DAY_SEC },
      { start: 4 * DAY_SEC, end: 5 * DAY_SEC },
    ]);
  });
  it("keeps a range of exactly the maximum in one window", () => {
    expect(splitWindows(100, 100 + MAX_WINDOW_SEC)).toEqual([{ start: 100, end: 100 + MAX_WINDOW_SEC }]);
  });
  it("returns nothing for an empty or inverted range", () => {
    expect(splitWindows(10, 10)).toEqual([]);
    expect(splitWindows(10, 5)).toEqual([]);
    expect(splitWindows(0, 10, 0)).toEqual([]);
  });
  it("puts inner boundaries on the anchor's grid", () => {
    expect(splitWindows(H, 3 * DAY_SEC, MAX_WINDOW_SEC, 0)).toEqual([
      { start: H, end: 2 * DAY_SEC },
      { start: 2 * DAY_SEC, end: 3 * DAY_SEC },
    ]);
    expect(splitWindows(0, 3 * DAY_SEC, MAX_WINDOW_SEC, DAY_SEC)).toEqual([
      { start: 0, end: DAY_SEC },
      { start: DAY_SEC, end: 3 * DAY_SEC },
    ]);
    // A start on a grid line makes no empty window.
    expect(splitWindows(2 * DAY_SEC, 3 * DAY_SEC, MAX_WINDOW_SEC, 0)).toEqual([{ start: 2 * DAY_SEC, end: 3 * DAY_SEC }]);
  });
  it("always tiles the range with windows no longer than the maximum", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 200; i++) {
      const start = Math.floor(rnd() * 40 * DAY_SEC);
      const end = start + 1 + Math.floor(rnd() * 31 * DAY_SEC);
      const anchor = Math.floor(rnd() * 60 * DAY_SEC);
      const ws = splitWindows(start, end, MAX_WINDOW_SEC, anchor);
      expect(ws[0].start).toBe(start);
      expect(ws.at(-1)?.end).toBe(end);
      for (const [j, w] of ws.entries()) {
        expect(w.end - w.start).toBeGreaterThan(0);
        expect(w.end - w.start).toBeLessThanOrEqual(MAX_WINDOW_SEC);
        if (j > 0) expect(w.start).toBe(ws[j - 1].end);
        if (j > 0) expect(Math.abs((w.start - anchor) % MAX_WINDOW_SEC)).toBe(0);
      }
    }
  });
});

describe("clampToLookback", () => {
  const now = 100 * DAY_SEC;
  it("cuts a range to the lookback and to now", () => {
    expect(clampToLookback({ start: now - 40 * DAY_SEC, end: now + H }, now, 30)).toEqual({
      ok: true,
      value: { start: now - 30 * DAY_SEC + 300, end: now, clamped: true },
    });
  });
  it("leaves a range inside the lookback alone", () => {
    const r = { start: now - 3 * DAY_SEC, end: now - DAY_SEC };
    expect(clampToLookback(r, now, 7)).toEqual({ ok: true, value: { ...r, clamped: false } });
  });
  it("refuses a range wholly outside, with the lookback in the reason", () => {
    const r = clampToLookback({ start: now - 20 * DAY_SEC, end: now - 10 * DAY_SEC }, now, 7);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.en).toContain("last 7 days");
      expect(r.reason["zh-CN"]).toContain("最近 7 天");
    }
    expect(clampToLookback({ start: now + H, end: now + 2 * H }, now).ok).toBe(false);
  });
  it("refuses an inverted range", () => {
    const r = clampToLookback({ start: now - H, end: now - 2 * H }, now);
    expect(r.ok ? null : r.reason.en).toBe("The end must be after the start");
  });
});

describe("unionWindows and missingWindows", () => {
  it("joins overlapping and touching windows", () => {
    expect(
      unionWindows([
        { start: 50, end: 60 },
        { start: 0, end: 10 },
        { start: 10, end: 20 },
        { start: 55, end: 70 },
        { start: 30, end: 30 },
      ]),
    ).toEqual([
      { start: 0, end: 20 },
      { start: 50, end: 70 },
    ]);
  });
  it("lists what is left to load", () => {
    const loaded = [
      { start: 10, end: 20 },
      { start: 40, end: 120 },
    ];
    expect(missingWindows({ start: 0, end: 100 }, loaded)).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 40 },
    ]);
    expect(missingWindows({ start: 0, end: 100 }, [{ start: -5, end: 200 }])).toEqual([]);
    expect(missingWindows({ start: 0, end: 100 }, [])).toEqual([{ start: 0, end: 100 }]);
  });
});

describe("dayCoverage", () => {
  const range = { start: cst(2024, 3, 1, 12), end: cst(2024, 3, 4, 6) };

  it("classifies each local day of the range", () => {
    const loaded = [
      { start: cst(2024, 3, 1, 12), end: cst(2024, 3, 3) },
      { start: cst(2024, 3, 4), end: cst(2024, 3, 4, 3) },
    ];
    const days = dayCoverage(range, loaded);
    expect(days.map((d) => [d.day, d.state])).toEqual([
      ["2024-03-01", "full"],
      ["2024-03-02", "full"],
      ["2024-03-03", "none"],
      ["2024-03-04", "partial"],
    ]);
    expect(days[0]).toMatchObject({ start: range.start, end: cst(2024, 3, 2), loadedSec: 12 * H });
    expect(days[3]).toMatchObject({ start: cst(2024, 3, 4), end: range.end, loadedSec: 3 * H });
  });
  it("counts overlapping loaded windows once", () => {
    const loaded = [
      { start: cst(2024, 3, 3, 1), end: cst(2024, 3, 3, 5) },
      { start: cst(2024, 3, 3, 2), end: cst(2024, 3, 3, 4) },
    ];
    expect(dayCoverage(range, loaded)[2]).toMatchObject({ state: "partial", loadedSec: 4 * H });
  });
  it("follows the given time zone's calendar", () => {
    expect(dayCoverage(range, [], "UTC").map((d) => d.day)).toEqual(["2024-03-01", "2024-03-02", "2024-03-03"]);
    expect(dayCoverage(range, []).every((d) => d.state === "none")).toBe(true);
  });
  it("is empty for an empty range, and labels states in both languages", () => {
    expect(dayCoverage({ start: 5, end: 5 }, [])).toEqual([]);
    expect(coverageLabel("partial", "en")).toBe("Partly loaded");
    expect(coverageLabel("full", "zh-CN")).toBe("已加载");
  });
});

describe("merging pages", () => {
  it("sorts /data records and drops the copies two windows both returned", () => {
    const a = { ts: 100, attrs: { t: 1, mode: "制冷" } };
    const b = { ts: 200, attrs: { t: 2 } };
    const c = { ts: 300, attrs: { t: 3 } };
    const merged = mergeDataPages([[c, b], [b, a], [{ ts: 100, attrs: { mode: "制冷", t: 1 } }]]);
    expect(merged).toEqual([a, b, c]);
    expect(mergeDataPages([[a, c], [b]], "desc").map((r) => r.ts)).toEqual([300, 200, 100]);
  });
  it("keeps different records that share a timestamp", () => {
    expect(mergeDataPages([[{ ts: 1, attrs: { t: 1 } }], [{ ts: 1, attrs: { t: 2 } }]])).toHaveLength(2);
  });
  it("merges online and cmd records by timestamp", () => {
    const x = { timestamp: 1517384252.294, type: "app2dev", payload: "00" };
    const y = { timestamp: 1517384243.044, type: "dev2app", payload: "01" };
    expect(mergeEventPages([[x], [y, x]])).toEqual([y, x]);
    expect(mergeEventPages([[y], [x]], "desc")).toEqual([x, y]);
  });
});

describe("nextHistoryCursor", () => {
  it("follows a context cursor while one is returned", () => {
    expect(nextHistoryCursor({ objects: [1], context: "abc", skip: null })).toEqual({ context: "abc" });
  });
  it("pages with skip when the meta says there is more", () => {
    expect(nextHistoryCursor({ objects: [1, 2], total: 5, skip: 0 })).toEqual({ skip: 2 });
    expect(nextHistoryCursor({ objects: [1, 2], total: null, skip: 20, next: "/v1/...&skip=22" })).toEqual({ skip: 22 });
  });
  it("stops at the end", () => {
    expect(nextHistoryCursor({ objects: [1, 2], total: 4, skip: 2, next: null })).toBeNull();
    expect(nextHistoryCursor({ objects: [], total: 10, skip: 10, context: "" })).toBeNull();
    expect(nextHistoryCursor({ objects: [1], context: null })).toBeNull();
  });
});

describe("sessionsFromOnline", () => {
  // The API doc's example (desc order as the API sends it): the offline has no online before it.
  const seed: OnlineEvent[] = [
    { timestamp: 1517384124.229, type: "dev_online", payload: { keep_alive: 130 } },
    {
      timestamp: 1517298056.201,
      type: "dev_offline",
      payload: { duration: 1391, heartbeat: { count: 21, max: 60, avg: 60, last: 130, min: 60 }, reason: "no_heartbeat" },
    },
  ];

  it("reads the API doc's example: an inferred start and an ongoing session", () => {
    const now = 1517384124.229 + 600;
    const [first, second] = sessionsFromOnline(seed, now);
    expect(first).toEqual({
      start: 1517298056.201 - 1391,
      startInferred: true,
      end: 1517298056.201,
      ongoing: false,
      durationSec: 1391,
      reason: "no_heartbeat",
      heartbeat: { count: 21, max: 60, avg: 60, last: 130, min: 60 },
      keepAlive: null,
    });
    expect(second).toMatchObject({ start: 1517384124.229, end: null, ongoing: true, durationSec: 600, keepAlive: 130 });
  });
  it("pairs online with offline and measures when no duration is given", () => {
    const s = sessionsFromOnline([
      { timestamp: 400, type: "dev_offline", payload: { reason: "tcp_closed" } },
      { timestamp: 100, type: "dev_online", payload: { keep_alive: 65 } },
    ]);
    expect(s).toEqual([
      {
        start: 100,
        startInferred: false,
        end: 400,
        ongoing: false,
        durationSec: 300,
        reason: "tcp_closed",
        heartbeat: null,
        keepAlive: 65,
      },
    ]);
  });
  it("leaves the start unknown when an offline has neither an online nor a duration", () => {
    expect(sessionsFromOnline([{ timestamp: 50, type: "dev_offline", payload: null }])[0]).toMatchObject({
      start: null,
      end: 50,
      durationSec: null,
      startInferred: false,
    });
  });
  it("closes nothing when two onlines follow each other (a missing offline record)", () => {
    const s = sessionsFromOnline([
      { timestamp: 100, type: "dev_online" },
      { timestamp: 200, type: "dev_online" },
    ]);
    expect(s.map((x) => [x.start, x.end, x.ongoing, x.durationSec])).toEqual([
      [100, null, false, null],
      [200, null, true, null],
    ]);
  });
  it("orders an offline before an online of the same second", () => {
    const s = sessionsFromOnline(
      [
        { timestamp: 500, type: "dev_online" },
        { timestamp: 500, type: "dev_offline", payload: { duration: 400, reason: "offline_force" } },
        { timestamp: 100, type: "dev_online" },
        { timestamp: 300, type: "something_else" },
      ],
      700,
    );
    expect(s.map((x) => [x.start, x.end, x.durationSec, x.ongoing])).toEqual([
      [100, 500, 400, false],
      [500, null, 200, true],
    ]);
  });
  it("returns no sessions for no events", () => {
    expect(sessionsFromOnline([])).toEqual([]);
  });
});

describe("heartbeatSummary", () => {
  const events: OnlineEvent[] = [
    { timestamp: 0, type: "dev_online", payload: { keep_alive: 65 } },
    {
      timestamp: 1000,
      type: "dev_offline",
      payload: { duration: 1000, reason: "no_heartbeat", heartbeat: { count: 21, max: 60, min: 60, avg: 60, last: 130 } },
    },
    { timestamp: 1100, type: "dev_online", payload: { keep_alive: 135 } },
    {
      timestamp: 1200,
      type: "dev_offline",
      payload: { duration: 100, reason: "tcp_closed", heartbeat: { count: 1, max: 0, min: 0, avg: 0, last: 10 } },
    },
    { timestamp: 1300, type: "dev_online" },
    {
      timestamp: 1600,
      type: "dev_offline",
      payload: { duration: 300, reason: "no_heartbeat", heartbeat: { count: 3, max: 40, min: 20, avg: 30, last: 50 } },
    },
  ];

  it("summarises durations, heartbeat intervals and reasons", () => {
    const s = heartbeatSummary(sessionsFromOnline(events));
    expect(s).toEqual({
      sessions: 3,
      completed: 3,
      onlineSec: 1400,
      averageSessionSec: 1400 / 3,
      longestSessionSec: 1000,
      heartbeats: 25,
      // The session with one heartbeat reports 0s (per the doc) and is left out.
      intervalMin: 20,
      intervalMax: 60,
      intervalAvg: (60 * 21 + 30 * 3) / 24,
      lastGapMax: 130,
      keepAlive: 135,
      reasons: [
        { reason: "no_heartbeat", count: 2 },
        { reason: "tcp_closed", count: 1 },
      ],
    });
  });
  it("has nulls, not zeros, when nothing was measured", () => {
    const s = heartbeatSummary(sessionsFromOnline([{ timestamp: 5, type: "dev_online" }]));
    expect(s).toMatchObject({ sessions: 1, completed: 0, onlineSec: 0, averageSessionSec: null, intervalAvg: null, keepAlive: null });
  });
});

describe("offlineReasonText", () => {
  it("explains every documented reason in both languages", () => {
    const en = new Set<string>();
    const zh = new Set<string>();
    for (const r of OFFLINE_REASONS) {
      en.add(offlineReasonText(r, "en"));
      zh.add(offlineReasonText(r, "zh-CN"));
      expect(offlineReasonText(r, "en")).not.toBe(r);
      expect(offlineReasonText(r, "zh-CN")).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(en.size).toBe(OFFLINE_REASONS.length);
    expect(zh.size).toBe(OFFLINE_REASONS.length);
    expect(offlineReasonText("no_heartbeat", "en")).toMatch(/heartbeat/i);
    expect(offlineReasonText("no_heartbeat", "zh-CN")).toContain("心跳");
  });
  it("shows an undocumented reason as sent", () => {
    expect(offlineReasonText("cosmic_ray", "en")).toBe("cosmic_ray");
    expect(offlineReasonText("cosmic_ray", "zh-CN")).toBe("cosmic_ray");
  });
});
