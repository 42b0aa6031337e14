import { afterEach, describe, expect, it, vi } from "vitest";
import {
  buildControlBody,
  buildRawControl,
  confirmation,
  controlBodySchema,
  controlFields,
  diffControl,
  initialFormValues,
  isConfirmed,
  newIdempotencyKey,
  reportedSince,
  sameValue,
  validateControlAttrs,
} from "./control";
import type { DataRecord } from "./schemas/datapoints";
import { allDatapoints, dp } from "./test/device-datapoints";

// The device's latest /data attrs, shaped like the API doc's example (bool as 0/1, enum labels).
const current = { switch: 0, mode: "自动", set_temp: 25, level: 10, counter: 7, blob: "0102030405", room_temp: -10 };

describe("controlFields", () => {
  it("offers only writable datapoints, each with its widget and constraints", () => {
    const fields = controlFields(allDatapoints);
    expect(fields.map((f) => [f.name, f.kind])).toEqual([
      ["switch", "switch"],
      ["mode", "select"],
      ["set_temp", "number"],
      ["level", "number"],
      ["counter", "number"],
      ["blob", "hex"],
    ]);
    expect(fields[1]).toMatchObject({ label: "模式", options: ["自动", "制冷", "制热"] });
    expect(fields[2]).toMatchObject({ label: "设定温度", min: -40, max: 60, step: 0.1, decimals: 1 });
    expect(fields[4]).toMatchObject({ min: 0, max: 4294967295, step: 1 });
    expect(fields[5]).toMatchObject({ byteLength: 5 });
  });
});

describe("initialFormValues", () => {
  it("pre-fills each widget from the reported data", () => {
    expect(initialFormValues(controlFields(allDatapoints), { ...current, switch: 1, mode: 1, blob: "0A 0B" })).toEqual({
      switch: true,
      mode: "制冷",
      set_temp: "25.0",
      level: "10.0",
      counter: "7",
      blob: "0a0b",
    });
  });
  it("leaves fields empty when nothing was reported", () => {
    expect(initialFormValues(controlFields([dp.switch, dp.mode, dp.setTemp, dp.blob]), {})).toEqual({
      switch: false,
      mode: "",
      set_temp: "",
      blob: "",
    });
  });
});

describe("diffControl", () => {
  it("lists only changed fields, current → new, in both languages", () => {
    const r = diffControl(allDatapoints, current, {
      set_temp: "26.04",
      switch: true,
      mode: "自动",
      level: "10",
      blob: undefined,
    });
    expect(r).toEqual({
      ok: true,
      changes: [
        {
          name: "switch",
          label: "开关",
          from: 0,
          to: true,
          fromText: { en: "Off", "zh-CN": "关" },
          toText: { en: "On", "zh-CN": "开" },
        },
        {
          name: "set_temp",
          label: "设定温度",
          from: 25,
          to: 26,
          fromText: { en: "25.0", "zh-CN": "25.0" },
          toText: { en: "26.0", "zh-CN": "26.0" },
        },
      ],
    });
  });
  it("treats a value within half a step of the current one as unchanged", () => {
    const r = diffControl(allDatapoints, current, { set_temp: "25.04" });
    expect(r).toEqual({ ok: true, changes: [] });
  });
  it("shows a missing current value as a dash", () => {
    const r = diffControl(allDatapoints, {}, { blob: "1234567" });
    expect(r.ok && r.changes[0]).toMatchObject({
      from: undefined,
      to: "1234567000",
      fromText: { en: "—" },
      toText: { en: "12 34 56 70 00" },
    });
  });
  it("collects every invalid field with its reason", () => {
    const r = diffControl(allDatapoints, current, { set_temp: "99", mode: "送风", room_temp: 1, nope: 1, switch: true });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.errors).sort()).toEqual(["mode", "nope", "room_temp", "set_temp"]);
      expect(r.errors.set_temp.en).toBe("99 is outside the allowed range -40.0 to 60.0");
    }
  });
});

describe("buildControlBody", () => {
  it("builds attrs with API-typed values", () => {
    const r = diffControl(allDatapoints, current, { switch: "on", mode: 2, set_temp: "-14.75", blob: "ff" });
    expect(r.ok && buildControlBody(r.changes)).toEqual({
      attrs: { switch: true, mode: "制热", set_temp: -14.7, blob: "ff00000000" },
    });
  });
  it("returns null when nothing changed", () => {
    expect(buildControlBody([])).toBeNull();
  });
  it("produces bodies the route schema accepts", () => {
    const body = buildControlBody([{ name: "switch", to: true }]);
    expect(controlBodySchema.safeParse(body).success).toBe(true);
    const raw = buildRawControl("YWJj", "base64");
    expect(raw).toEqual({ ok: true, value: { raw: [97, 98, 99] } });
    if (raw.ok) expect(controlBodySchema.safeParse(raw.value).success).toBe(true);
    expect(controlBodySchema.safeParse({ raw: "616263", binary_coding: "hex" }).success).toBe(true);
  });
});

describe("controlBodySchema", () => {
  it.each([
    ["empty attrs", { attrs: {} }],
    ["attrs and raw together", { attrs: { a: 1 }, raw: [1] }],
    ["raw bytes and a coding together", { raw: [1], binary_coding: "hex" }],
    ["more than 1024 bytes", { raw: Array.from({ length: 1025 }, () => 1) }],
    ["empty raw", { raw: [] }],
    ["byte out of range", { raw: [256] }],
    ["nested attr value", { attrs: { a: { b: 1 } } }],
    ["unknown coding", { raw: "abc", binary_coding: "utf8" }],
    ["neither form", {}],
  ])("refuses %s", (_why, body) => expect(controlBodySchema.safeParse(body).success).toBe(false));
});

describe("buildRawControl", () => {
  it("sends any input format as the decimal array", () => {
    expect(buildRawControl("61 62 63", "hex")).toEqual({ ok: true, value: { raw: [97, 98, 99] } });
    expect(buildRawControl("[97,98,99]", "decimal")).toEqual({ ok: true, value: { raw: [97, 98, 99] } });
  });
  it("passes on parse errors", () => {
    const r = buildRawControl("", "hex");
    expect(r.ok ? null : r.reason.en).toMatch(/empty/);
  });
});

describe("validateControlAttrs", () => {
  it("normalises submitted values like the form does", () => {
    expect(validateControlAttrs(allDatapoints, { set_temp: 25.34, mode: 0, blob: "AB" })).toEqual({
      ok: true,
      value: { set_temp: 25.3, mode: "自动", blob: "ab00000000" },
    });
  });
  it("refuses read-only, unknown and empty submissions", () => {
    const r = validateControlAttrs(allDatapoints, { room_temp: 20, ghost: 1 });
    expect(r.ok ? [] : Object.keys(r.errors).sort()).toEqual(["ghost", "room_temp"]);
    expect(validateControlAttrs(allDatapoints, {}).ok).toBe(false);
  });
});

describe("read-back confirmation", () => {
  const sent = { switch: true, set_temp: 26, mode: "制热", blob: "ab00000000" };

  it("confirms when every value reads back, in the /data encodings", () => {
    const readBack = { switch: 1, set_temp: 26.04, mode: "制热", blob: "AB00000000", level: 3 };
    expect(isConfirmed(sent, readBack, allDatapoints)).toBe(true);
  });
  it("accepts exactly half a step, not more", () => {
    expect(sameValue(dp.setTemp, 26.05, 26)).toBe(true);
    expect(sameValue(dp.setTemp, 26.06, 26)).toBe(false);
    expect(sameValue(dp.counter, 4294967295, 4294967295)).toBe(true);
  });
  it("reports which fields did not read back", () => {
    const c = confirmation(sent, { switch: 0, set_temp: 26, mode: 2, blob: "ab 00 00 00 00" }, allDatapoints);
    expect(c.confirmed).toBe(false);
    expect(c.fields.filter((f) => !f.ok).map((f) => f.name)).toEqual(["switch"]);
  });
  it("is not confirmed by missing values or an empty command", () => {
    expect(isConfirmed(sent, { switch: 1 }, allDatapoints)).toBe(false);
    expect(isConfirmed({}, current, allDatapoints)).toBe(false);
    expect(sameValue(dp.switch, null, false)).toBe(false);
  });
  it("falls back to text equality for attrs without a definition", () => {
    expect(sameValue(undefined, "5", 5)).toBe(true);
    expect(sameValue(undefined, "x", "y")).toBe(false);
  });
  it("reads the device's state from records since sending only", () => {
    const records: DataRecord[] = [
      { ts: 1000, attrs: { switch: 1, set_temp: 26 } },
      { ts: 1010, attrs: { set_temp: 25 } },
      { ts: 990, attrs: { switch: 1, set_temp: 99 } },
      { ts: 900, attrs: { mode: "制热" } },
    ];
    expect(reportedSince(records, 1000)).toEqual({ switch: 1, set_temp: 25 });
    expect(reportedSince(records, 1100)).toEqual({});
  });
});

describe("newIdempotencyKey", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("returns distinct v4 UUIDs", () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it("works where randomUUID is missing (plain-HTTP pages)", () => {
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: real.getRandomValues.bind(real) });
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});
