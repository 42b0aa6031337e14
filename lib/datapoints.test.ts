import { describe, expect, it } from "vitest";
import {
  byteLength,
  decimalsOf,
  enumLabel,
  formatValue,
  isAlert,
  isFault,
  isWritable,
  normalizeHex,
  realRange,
  toBool,
  toRaw,
  toReal,
  validateControlValue,
} from "./datapoints";
import { datapointSchema } from "./schemas/datapoints";
import { dp } from "./test/device-datapoints";

const tenth = datapointSchema.parse({
  name: "tenth",
  type: "W",
  data_type: "uint16",
  uint_spec: { min: 0, max: 1000, ratio: 0.1, addition: 0 },
});
const cents = datapointSchema.parse({
  name: "cents",
  type: "W",
  data_type: "uint32",
  uint_spec: { min: 0, max: 4294967295, ratio: 0.01, addition: 0 },
});

describe("kind predicates", () => {
  it("tell writable, alert and fault apart", () => {
    expect([isWritable(dp.mode), isWritable(dp.roomTemp), isWritable(dp.alertFull)]).toEqual([true, false, false]);
    expect([isAlert(dp.alertFull), isAlert(dp.faultRoom)]).toEqual([true, false]);
    expect([isFault(dp.faultRoom), isFault(dp.alertFull)]).toEqual([true, false]);
  });
});

describe("decimalsOf", () => {
  it.each([
    [0.1, 1],
    [0.05, 2],
    [0.5, 1],
    [1, 0],
    [25, 0],
    [-0.25, 2],
    [1e-7, 7],
    [1.5e-7, 8],
    [0.1 + 0.2, 10],
  ])("%d needs %d decimals", (x, d) => expect(decimalsOf(x)).toBe(d));
});

describe("realRange", () => {
  it("maps min/max through ratio and a negative addition", () => {
    expect(realRange(dp.setTemp)).toEqual({ min: -40, max: 60, step: 0.1, decimals: 1 });
    expect(realRange(dp.level)).toEqual({ min: 0, max: 50, step: 0.5, decimals: 1 });
    expect(realRange(dp.roomTemp)).toEqual({ min: -30, max: 70, step: 1, decimals: 0 });
  });
  it("uses the full type range when uint_spec is missing", () => {
    expect(realRange(dp.counter)).toEqual({ min: 0, max: 4294967295, step: 1, decimals: 0 });
  });
  it("keeps precision at uint32 max with a fractional ratio", () => {
    expect(realRange(cents)).toEqual({ min: 0, max: 42949672.95, step: 0.01, decimals: 2 });
  });
  it("is null for non-numeric datapoints", () => {
    expect(realRange(dp.switch)).toBeNull();
    expect(realRange(dp.mode)).toBeNull();
    expect(realRange(dp.blob)).toBeNull();
  });
});

describe("toReal", () => {
  it("applies raw·ratio+addition without float noise", () => {
    expect(toReal(dp.setTemp, 253)).toBe(-14.7);
    expect(toReal(dp.setTemp, 0)).toBe(-40);
    expect(toReal(dp.setTemp, 1000)).toBe(60);
    expect(toReal(tenth, 3)).toBe(0.3);
  });
  it("never yields -0", () => {
    expect(Object.is(toReal(dp.setTemp, 400), 0)).toBe(true);
  });
  it("handles uint32 max", () => {
    expect(toReal(dp.counter, 4294967295)).toBe(4294967295);
    expect(toReal(cents, 4294967295)).toBe(42949672.95);
  });
});

describe("toRaw", () => {
  it("inverts toReal", () => {
    for (const raw of [0, 1, 253, 399, 400, 401, 999, 1000]) {
      const r = toRaw(dp.setTemp, toReal(dp.setTemp, raw));
      expect(r).toEqual({ ok: true, value: { raw, real: toReal(dp.setTemp, raw) } });
    }
  });
  it("rounds to the nearest step (ratio 0.1), ties upward despite float error", () => {
    expect(toRaw(tenth, 0.15)).toEqual({ ok: true, value: { raw: 2, real: 0.2 } });
    expect(toRaw(tenth, 0.14)).toEqual({ ok: true, value: { raw: 1, real: 0.1 } });
    expect(toRaw(tenth, 25.34)).toEqual({ ok: true, value: { raw: 253, real: 25.3 } });
    expect(toRaw(dp.setTemp, -14.75)).toEqual({ ok: true, value: { raw: 253, real: -14.7 } });
    expect(toRaw(dp.level, 10.3)).toEqual({ ok: true, value: { raw: 21, real: 10.5 } });
  });
  it("accepts values that round into the range and rejects those that round out", () => {
    expect(toRaw(dp.setTemp, 60.04)).toEqual({ ok: true, value: { raw: 1000, real: 60 } });
    expect(toRaw(dp.setTemp, -40.04)).toEqual({ ok: true, value: { raw: 0, real: -40 } });
    const over = toRaw(dp.setTemp, 60.06);
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.reason.en).toBe("60.06 is outside the allowed range -40.0 to 60.0");
      expect(over.reason["zh-CN"]).toBe("60.06 超出允许范围 -40.0 至 60.0");
    }
    expect(toRaw(dp.setTemp, -40.06).ok).toBe(false);
  });
  it("handles the uint32 boundary", () => {
    expect(toRaw(dp.counter, 4294967295)).toEqual({ ok: true, value: { raw: 4294967295, real: 4294967295 } });
    expect(toRaw(dp.counter, 4294967296).ok).toBe(false);
    expect(toRaw(dp.counter, -1).ok).toBe(false);
    expect(toRaw(cents, 42949672.95)).toEqual({ ok: true, value: { raw: 4294967295, real: 42949672.95 } });
  });
  it("rejects non-finite values and non-numeric datapoints", () => {
    expect(toRaw(dp.setTemp, Number.NaN).ok).toBe(false);
    expect(toRaw(dp.setTemp, Infinity).ok).toBe(false);
    expect(toRaw(dp.switch, 1).ok).toBe(false);
  });
});

describe("toBool and enumLabel", () => {
  it("read bools in every encoding the API and forms use", () => {
    expect([true, 1, "1", "true", "on", " ON "].map(toBool)).toEqual([true, true, true, true, true, true]);
    expect([false, 0, "0", "false", "off"].map(toBool)).toEqual([false, false, false, false, false]);
    expect([2, "yes", null, undefined, ""].map(toBool)).toEqual([null, null, null, null, null]);
  });
  it("resolve labels first, then indexes", () => {
    expect(enumLabel(dp.mode, "制冷")).toBe("制冷");
    expect(enumLabel(dp.mode, 2)).toBe("制热");
    expect(enumLabel(dp.mode, "0")).toBe("自动");
    expect(enumLabel(dp.mode, 3)).toBeNull();
    expect(enumLabel(dp.mode, -1)).toBeNull();
    expect(enumLabel(dp.mode, "送风")).toBeNull();
    // A label that looks like an index wins over the index.
    const digits = datapointSchema.parse({ name: "d", type: "W", data_type: "enum", enum: ["2", "1", "0"] });
    expect(enumLabel(digits, "1")).toBe("1");
    expect(enumLabel(digits, 0)).toBe("2");
  });
});

describe("byteLength", () => {
  it("reads position.len in bytes, or bits rounded up", () => {
    expect(byteLength(dp.blob)).toBe(5);
    expect(byteLength(dp.switch)).toBe(1);
    expect(byteLength({ position: { len: 12, unit: "bit" } })).toBe(2);
    expect(byteLength(dp.mode)).toBeNull();
    expect(byteLength({ position: { len: 0 } })).toBeNull();
  });
});

describe("formatValue", () => {
  it("shows bools as on/off in both languages, from 0/1 or true/false", () => {
    expect(formatValue(dp.switch, 1, "en")).toBe("On");
    expect(formatValue(dp.switch, 0, "zh-CN")).toBe("关");
    expect(formatValue(dp.switch, true, "zh-CN")).toBe("开");
    expect(formatValue(dp.switch, false, "en")).toBe("Off");
    expect(formatValue(dp.switch, 7, "en")).toBe("7");
  });
  it("shows enum labels from a label or an index", () => {
    expect(formatValue(dp.mode, "制冷", "en")).toBe("制冷");
    expect(formatValue(dp.mode, 2, "en")).toBe("制热");
    expect(formatValue(dp.mode, "unknown", "en")).toBe("unknown");
  });
  it("shows numbers with the step's decimals", () => {
    expect(formatValue(dp.setTemp, 25, "en")).toBe("25.0");
    expect(formatValue(dp.setTemp, -14.7, "zh-CN")).toBe("-14.7");
    expect(formatValue(dp.setTemp, "25.34", "en")).toBe("25.3");
    expect(formatValue(dp.roomTemp, -10, "en")).toBe("-10");
    expect(formatValue(dp.counter, 4294967295, "en")).toBe("4294967295");
    expect(formatValue(cents, 0.1, "en")).toBe("0.10");
    expect(formatValue(dp.setTemp, "n/a", "en")).toBe("n/a");
  });
  it("shows binary as spaced lower-case hex", () => {
    expect(formatValue(dp.blob, "0A0B0c1234", "en")).toBe("0a 0b 0c 12 34");
    expect(formatValue(dp.blob, "not hex", "en")).toBe("not hex");
  });
  it("shows a dash for missing values", () => {
    expect(formatValue(dp.setTemp, null, "en")).toBe("—");
    expect(formatValue(dp.setTemp, undefined, "zh-CN")).toBe("—");
    expect(formatValue(dp.blob, "", "en")).toBe("—");
  });
});

describe("normalizeHex", () => {
  it("pads to the datapoint length like the API doc (1234567 → 1234567000 for 5 bytes)", () => {
    expect(normalizeHex("1234567", 5)).toEqual({ ok: true, value: "1234567000" });
    expect(normalizeHex("ab", 2)).toEqual({ ok: true, value: "ab00" });
  });
  it("strips spaces and a 0x prefix and lower-cases", () => {
    expect(normalizeHex(" 12 34\t56 ", null)).toEqual({ ok: true, value: "123456" });
    expect(normalizeHex("0xABcd", null)).toEqual({ ok: true, value: "abcd" });
    expect(normalizeHex("FF0603A2", 4)).toEqual({ ok: true, value: "ff0603a2" });
  });
  it("reports the position of an invalid character in what was typed", () => {
    const r = normalizeHex(" 0x1g", null);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.en).toBe("“g” at position 5 is not a hexadecimal digit");
      expect(r.reason["zh-CN"]).toBe("第 5 位的“g”不是十六进制数字");
    }
  });
  it("rejects too long, odd without a length, and empty", () => {
    const long = normalizeHex("112233445566", 5);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.reason.en).toBe("6 bytes entered; this datapoint holds at most 5 bytes");
    expect(normalizeHex("11223344556", 5).ok).toBe(false);
    expect(normalizeHex("123", null).ok).toBe(false);
    expect(normalizeHex("   ", 5).ok).toBe(false);
    expect(normalizeHex("0x", null).ok).toBe(false);
  });
});

describe("validateControlValue", () => {
  it("refuses read-only, alert and fault datapoints", () => {
    for (const d of [dp.roomTemp, dp.alertFull, dp.faultRoom]) {
      const r = validateControlValue(d, 1);
      expect(r.ok).toBe(false);
    }
    const r = validateControlValue(dp.roomTemp, 1);
    if (!r.ok) expect(r.reason.en).toContain("room_temp");
  });
  it("turns bool inputs into true/false", () => {
    expect(validateControlValue(dp.switch, "on")).toEqual({ ok: true, value: true });
    expect(validateControlValue(dp.switch, 0)).toEqual({ ok: true, value: false });
    expect(validateControlValue(dp.switch, "maybe").ok).toBe(false);
  });
  it("turns enum labels and indexes into labels", () => {
    expect(validateControlValue(dp.mode, "制冷")).toEqual({ ok: true, value: "制冷" });
    expect(validateControlValue(dp.mode, 0)).toEqual({ ok: true, value: "自动" });
    expect(validateControlValue(dp.mode, "2")).toEqual({ ok: true, value: "制热" });
    const bad = validateControlValue(dp.mode, 3);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason.en).toBe("“3” is not one of the options: 自动, 制冷, 制热");
  });
  it("turns numbers into snapped real values and checks the range", () => {
    expect(validateControlValue(dp.setTemp, "25.34")).toEqual({ ok: true, value: 25.3 });
    expect(validateControlValue(dp.setTemp, -40)).toEqual({ ok: true, value: -40 });
    expect(validateControlValue(dp.level, "7.3")).toEqual({ ok: true, value: 7.5 });
    expect(validateControlValue(dp.setTemp, 61).ok).toBe(false);
    expect(validateControlValue(dp.setTemp, "").ok).toBe(false);
    expect(validateControlValue(dp.setTemp, "12abc").ok).toBe(false);
    expect(validateControlValue(dp.setTemp, true).ok).toBe(false);
  });
  it("turns binary hex into padded lower-case hex", () => {
    expect(validateControlValue(dp.blob, "12 34 567")).toEqual({ ok: true, value: "1234567000" });
    expect(validateControlValue(dp.blob, 12).ok).toBe(false);
    expect(validateControlValue(dp.blob, "zz").ok).toBe(false);
  });
});
