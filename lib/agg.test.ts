import { describe, expect, it } from "vitest";
import {
  AGG_MAX_RANGE_DAYS,
  aggQuerySchema,
  aggregatableDatapoints,
  aggregatorLabel,
  bucketEnd,
  bucketKey,
  bucketKeys,
  bucketLabel,
  bucketStart,
  dayRangeToMs,
  isoWeekMonday,
  isoWeekOf,
  mergeAggBuckets,
  splitAggRange,
  unitLabel,
  validateAggAttrs,
  validateAggQuery,
  validateAggRange,
} from "./agg";
import { allDatapoints, dp } from "./test/device-datapoints";

const DAY = 86_400_000;
/** Epoch ms of a Shanghai wall-clock time. */
const cst = (y: number, mo: number, d: number, h = 0) => Date.UTC(y, mo - 1, d, h - 8);

describe("aggQuerySchema", () => {
  it("reads the API's query form", () => {
    const q = aggQuerySchema.parse({
      start: "1485151200000",
      end: "1485153000000",
      attrs: "t1, t2,,t3",
      aggregator: "avg",
      unit: "hours",
    });
    expect(q).toEqual({ start: 1485151200000, end: 1485153000000, attrs: ["t1", "t2", "t3"], aggregator: "avg", unit: "HOURS" });
  });
  it("refuses missing attrs and unknown aggregators or units", () => {
    const base = { start: 1, end: 2, attrs: ["t1"], aggregator: "sum", unit: "DAYS" };
    expect(aggQuerySchema.safeParse(base).success).toBe(true);
    expect(aggQuerySchema.safeParse({ ...base, attrs: " , " }).success).toBe(false);
    expect(aggQuerySchema.safeParse({ ...base, aggregator: "median" }).success).toBe(false);
    expect(aggQuerySchema.safeParse({ ...base, unit: "YEARS" }).success).toBe(false);
  });
});

describe("validateAggRange", () => {
  it("allows up to 31 days", () => {
    expect(validateAggRange(0, AGG_MAX_RANGE_DAYS * DAY)).toEqual({ ok: true, value: { startMs: 0, endMs: 31 * DAY } });
  });
  it("refuses longer ranges with the span in both languages", () => {
    const r = validateAggRange(0, 31 * DAY + 1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.en).toBe("The range spans 32 days; aggregation allows at most 31 days");
      expect(r.reason["zh-CN"]).toBe("所选范围为 32 天，聚合查询最多 31 天");
    }
  });
  it("refuses an empty or inverted range", () => {
    expect(validateAggRange(5, 5).ok).toBe(false);
    expect(validateAggRange(6, 5).ok).toBe(false);
  });
});

describe("validateAggAttrs", () => {
  it("accepts numeric datapoints and drops duplicates", () => {
    expect(validateAggAttrs(allDatapoints, ["set_temp", "room_temp", "set_temp"])).toEqual({
      ok: true,
      value: ["set_temp", "room_temp"],
    });
  });
  it("refuses non-numeric, unknown and empty selections", () => {
    const bool = validateAggAttrs(allDatapoints, ["switch"]);
    expect(bool.ok ? null : bool.reason.en).toBe("“开关” is not numeric; only numeric datapoints can be aggregated");
    const unknown = validateAggAttrs(allDatapoints, ["nope"]);
    expect(unknown.ok ? null : unknown.reason["zh-CN"]).toBe("产品没有数据点“nope”");
    expect(validateAggAttrs(allDatapoints, []).ok).toBe(false);
  });
  it("lists only numeric datapoints as choices", () => {
    expect(aggregatableDatapoints(allDatapoints).map((d) => d.name)).toEqual(["set_temp", "level", "counter", "room_temp"]);
  });
  it("validates a whole query", () => {
    const q = { start: 0, end: DAY, attrs: ["level"], aggregator: "max" as const, unit: "HOURS" as const };
    expect(validateAggQuery(q, allDatapoints)).toEqual({ ok: true, value: q });
    expect(validateAggQuery({ ...q, end: 40 * DAY }, allDatapoints).ok).toBe(false);
    expect(validateAggQuery({ ...q, attrs: ["mode"] }, [dp.mode]).ok).toBe(false);
  });
});

describe("ISO weeks", () => {
  it.each([
    [2015, 30, { year: 2015, month: 7, day: 20 }],
    [2015, 29, { year: 2015, month: 7, day: 13 }],
    [2015, 1, { year: 2014, month: 12, day: 29 }],
    [2020, 53, { year: 2020, month: 12, day: 28 }],
    [2026, 1, { year: 2025, month: 12, day: 29 }],
  ])("week %d-%d starts on its Monday", (y, w, monday) => expect(isoWeekMonday(y, w)).toEqual(monday));
  it("has no week 53 in short years and no week 0", () => {
    expect(isoWeekMonday(2021, 53)).toBeNull();
    expect(isoWeekMonday(2021, 0)).toBeNull();
  });
  it("assigns days at year ends to the right week-year", () => {
    expect(isoWeekOf({ year: 2021, month: 1, day: 3 })).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf({ year: 2024, month: 12, day: 30 })).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf({ year: 2015, month: 7, day: 20 })).toEqual({ year: 2015, week: 30 });
  });
});

describe("bucketLabel", () => {
  it.each([
    ["2015072010", "HOURS", "2015-07-20 10:00", "2015年7月20日 10时"],
    ["2015072009", "HOURS", "2015-07-20 09:00", "2015年7月20日 9时"],
    ["20150720", "DAYS", "2015-07-20", "2015年7月20日"],
    ["201530", "WEEKS", "2015 week 30 (from 07-20)", "2015年第30周（7月20日起）"],
    ["201507", "MONTHS", "2015-07", "2015年7月"],
  ] as const)("labels %s (%s)", (datetime, unit, en, zh) => {
    expect(bucketLabel(datetime, unit, "en")).toBe(en);
    expect(bucketLabel(datetime, unit, "zh-CN")).toBe(zh);
  });
  it.each([
    ["20150231", "DAYS"],
    ["2015072024", "HOURS"],
    ["201554", "WEEKS"],
    ["202153", "WEEKS"],
    ["201513", "MONTHS"],
    ["2015-07", "MONTHS"],
    ["20150720", "HOURS"],
  ] as const)("returns unreadable %s (%s) unchanged", (datetime, unit) => {
    expect(bucketLabel(datetime, unit, "en")).toBe(datetime);
    expect(bucketStart(datetime, unit)).toBeNull();
  });
});

describe("bucketStart and bucketEnd", () => {
  it("read buckets in Shanghai time by default", () => {
    expect(bucketStart("2015072010", "HOURS")).toBe(cst(2015, 7, 20, 10));
    expect(bucketStart("20150720", "DAYS")).toBe(cst(2015, 7, 20));
    expect(bucketStart("201530", "WEEKS")).toBe(cst(2015, 7, 20));
    expect(bucketStart("201507", "MONTHS")).toBe(cst(2015, 7, 1));
  });
  it("follow another time zone when told", () => {
    expect(bucketStart("20150720", "DAYS", "UTC")).toBe(Date.UTC(2015, 6, 20));
    expect(bucketStart("20150720", "DAYS", "Europe/Berlin")).toBe(Date.UTC(2015, 6, 19, 22));
  });
  it("end where the next bucket starts, across day, month and year ends", () => {
    expect(bucketEnd("2015072023", "HOURS")).toBe(cst(2015, 7, 21));
    expect(bucketEnd("20150731", "DAYS")).toBe(cst(2015, 8, 1));
    expect(bucketEnd("201530", "WEEKS")).toBe(cst(2015, 7, 27));
    expect(bucketEnd("201512", "MONTHS")).toBe(cst(2016, 1, 1));
    expect(bucketEnd("nonsense", "MONTHS")).toBeNull();
  });
});

describe("bucketKey and bucketKeys", () => {
  it("put an instant in its local bucket", () => {
    const t = Date.UTC(2015, 6, 19, 16, 30); // 00:30 on 20 July in Shanghai
    expect(bucketKey(t, "HOURS")).toBe("2015072000");
    expect(bucketKey(t, "DAYS")).toBe("20150720");
    expect(bucketKey(t, "DAYS", "UTC")).toBe("20150719");
    expect(bucketKey(t, "WEEKS")).toBe("201530");
    expect(bucketKey(t, "MONTHS")).toBe("201507");
    expect(bucketKey(cst(2021, 1, 3, 12), "WEEKS")).toBe("202053");
  });
  it("list every bucket of a range, including empty ones", () => {
    expect(bucketKeys(cst(2015, 7, 20), cst(2015, 7, 23), "DAYS")).toEqual(["20150720", "20150721", "20150722"]);
    expect(bucketKeys(cst(2015, 7, 20, 22), cst(2015, 7, 21, 1), "HOURS")).toEqual(["2015072022", "2015072023", "2015072100"]);
    expect(bucketKeys(cst(2015, 11, 15), cst(2016, 2, 1), "MONTHS")).toEqual(["201511", "201512", "201601"]);
    expect(bucketKeys(cst(2020, 12, 24), cst(2021, 1, 12), "WEEKS")).toEqual(["202052", "202053", "202101", "202102"]);
    expect(bucketKeys(5, 5, "DAYS")).toEqual([]);
  });
  it("round-trip with bucketStart", () => {
    for (const unit of ["HOURS", "DAYS", "WEEKS", "MONTHS"] as const) {
      for (const key of bucketKeys(cst(2020, 12, 1), cst(2021, 1, 31), unit)) {
        const start = bucketStart(key, unit);
        expect(start).not.toBeNull();
        expect(bucketKey(start ?? 0, unit)).toBe(key);
      }
    }
  });
});

describe("dayRangeToMs", () => {
  it("spans whole local days, inclusive", () => {
    const r = dayRangeToMs("2024-03-01", "2024-03-31");
    expect(r).toEqual({ ok: true, value: { startMs: cst(2024, 3, 1), endMs: cst(2024, 4, 1) } });
    if (r.ok) expect(validateAggRange(r.value.startMs, r.value.endMs).ok).toBe(true);
    expect(dayRangeToMs("2024-03-01", "2024-03-01", "UTC")).toEqual({
      ok: true,
      value: { startMs: Date.UTC(2024, 2, 1), endMs: Date.UTC(2024, 2, 2) },
    });
  });
  it("refuses bad dates and inverted ranges", () => {
    const bad = dayRangeToMs("2024-02-30", "2024-03-01");
    expect(bad.ok ? null : bad.reason.en).toBe("“2024-02-30” is not a valid date (YYYY-MM-DD)");
    expect(dayRangeToMs("2024-03-02", "2024-03-01").ok).toBe(false);
  });
});

describe("labels", () => {
  it("name aggregators and units in both languages", () => {
    expect(aggregatorLabel("avg", "zh-CN")).toBe("平均值");
    expect(aggregatorLabel("sum", "en")).toBe("Sum");
    expect(unitLabel("WEEKS", "zh-CN")).toBe("周");
    expect(unitLabel("MONTHS", "en")).toBe("Month");
  });
});

describe("splitAggRange", () => {
  it("cuts a year into calendar months, so a monthly report never splits a month", () => {
    const start = cst(2025, 1, 1);
    const end = cst(2026, 1, 1);
    const parts = splitAggRange(start, end, "MONTHS", "Asia/Shanghai");
    expect(parts).toHaveLength(12);
    expect(parts.map((p) => bucketKey(p.startMs, "MONTHS", "Asia/Shanghai"))).toEqual(bucketKeys(start, end, "MONTHS", "Asia/Shanghai"));
    for (const [i, p] of parts.entries()) {
      expect(p.startMs).toBe(cst(2025, i + 1, 1));
      expect(p.endMs).toBe(i === 11 ? end : cst(2025, i + 2, 1));
      expect(validateAggRange(p.startMs, p.endMs).ok).toBe(true);
    }
  });
  it("starts mid-month on the range start, then follows month boundaries", () => {
    const parts = splitAggRange(cst(2025, 3, 15, 9), cst(2025, 6, 10), "MONTHS", "Asia/Shanghai");
    expect(parts.map((p) => [p.startMs, p.endMs])).toEqual([
      [cst(2025, 3, 15, 9), cst(2025, 4, 1)],
      [cst(2025, 4, 1), cst(2025, 5, 1)],
      [cst(2025, 5, 1), cst(2025, 6, 1)],
      [cst(2025, 6, 1), cst(2025, 6, 10)],
    ]);
  });
  it.each(["HOURS", "DAYS", "WEEKS"] as const)("keeps every %s bucket whole and every part within the limit", (unit) => {
    const start = cst(2025, 12, 3, 7);
    const end = cst(2026, 4, 20, 5);
    const parts = splitAggRange(start, end, unit, "Asia/Shanghai");
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]?.startMs).toBe(start);
    expect(parts.at(-1)?.endMs).toBe(end);
    const seen = new Set<string>();
    for (const [i, p] of parts.entries()) {
      expect(p.endMs - p.startMs).toBeLessThanOrEqual(AGG_MAX_RANGE_DAYS * DAY);
      if (i > 0) {
        expect(p.startMs).toBe(parts[i - 1]?.endMs);
        // An inner boundary is the start of a bucket.
        expect(bucketStart(bucketKey(p.startMs, unit, "Asia/Shanghai"), unit, "Asia/Shanghai")).toBe(p.startMs);
      }
      for (const k of bucketKeys(p.startMs, p.endMs, unit, "Asia/Shanghai")) {
        expect(seen.has(k)).toBe(false);
        seen.add(k);
      }
    }
    expect([...seen]).toEqual(bucketKeys(start, end, unit, "Asia/Shanghai"));
  });
  it("weeks end on a Monday in the product's zone, not in UTC", () => {
    const parts = splitAggRange(cst(2026, 1, 1), cst(2026, 3, 1), "WEEKS", "Asia/Shanghai");
    for (const p of parts.slice(1)) expect(new Date(p.startMs + 8 * 3600_000).getUTCDay()).toBe(1);
    expect(parts[1]?.startMs).toBe(cst(2026, 1, 26));
  });
  it("returns the range itself when it fits, and nothing for an empty range", () => {
    expect(splitAggRange(cst(2026, 1, 1), cst(2026, 1, 20), "DAYS")).toEqual([{ startMs: cst(2026, 1, 1), endMs: cst(2026, 1, 20) }]);
    expect(splitAggRange(5, 5, "DAYS")).toEqual([]);
  });
});

describe("mergeAggBuckets", () => {
  const a = [
    { datetime: "202602", attrs: { w: 3 } },
    { datetime: "202601", attrs: { w: 1 } },
  ];
  const b = [{ datetime: "202603", attrs: { w: 5 } }];
  it("puts the parts side by side in time order", () => {
    expect(mergeAggBuckets([b, a], "sum").map((x) => x.datetime)).toEqual(["202601", "202602", "202603"]);
  });
  it("combines a key answered twice where the aggregator allows", () => {
    const twice = [[{ datetime: "202601", attrs: { w: 2 } }], [{ datetime: "202601", attrs: { w: 5 } }]];
    expect(mergeAggBuckets(twice, "sum")[0]?.attrs.w).toBe(7);
    expect(mergeAggBuckets(twice, "max")[0]?.attrs.w).toBe(5);
    expect(mergeAggBuckets(twice, "min")[0]?.attrs.w).toBe(2);
    expect(mergeAggBuckets(twice, "avg")[0]?.attrs.w).toBe(2);
  });
});
