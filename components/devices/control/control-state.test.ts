import { describe, expect, it } from "vitest";
import { parseRaw } from "@/lib/payload";
import { allDatapoints } from "@/lib/test/device-datapoints";
import { controlReducer, initialControlState, reviewControl, type ControlState } from "./control-state";

const current = { switch: 0, mode: "自动", set_temp: 25, level: 10, counter: 7, blob: "0102030405", room_temp: -10 };
let n = 0;
const base = {
  mode: "form" as const,
  rawParsed: null,
  datapoints: allDatapoints,
  current,
  edits: {},
  locale: "en" as const,
  noChanges: "No changes",
  newKey: () => `key-${++n}`,
};

describe("reviewControl", () => {
  it("turns form changes into an intent, current → new, with a fresh key", () => {
    const r = reviewControl({ ...base, edits: { switch: true, set_temp: "26.5" } });
    expect(r.notice).toBeNull();
    expect(r.fieldErrors).toEqual({});
    expect(r.intent?.body).toEqual({ attrs: { switch: true, set_temp: 26.5 } });
    expect(r.intent?.changes?.map((c) => c.name)).toEqual(["switch", "set_temp"]);
    expect(r.intent?.rawBytes).toBeNull();
    expect(reviewControl({ ...base, edits: { switch: true } }).intent?.key).not.toBe(r.intent?.key);
  });
  it("says there is nothing to send when every value equals the current one", () => {
    expect(reviewControl({ ...base, edits: { set_temp: "25", mode: "自动" } })).toEqual({
      notice: "No changes",
      fieldErrors: {},
      intent: null,
    });
  });
  it("names invalid fields in the user's language and sends nothing", () => {
    const r = reviewControl({ ...base, locale: "zh-CN", edits: { set_temp: "999", switch: true } });
    expect(r.intent).toBeNull();
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(["set_temp"]);
    expect(r.fieldErrors?.set_temp).toMatch(/[\u4e00-\u9fff]/);
  });
  it("raw mode: empty input is no change, bad bytes are a notice, good bytes an intent; field errors are left alone", () => {
    expect(reviewControl({ ...base, mode: "raw" })).toEqual({ notice: "No changes", intent: null });
    const bad = reviewControl({ ...base, mode: "raw", rawParsed: parseRaw("1 2 300", "decimal") });
    expect(bad.intent).toBeNull();
    expect(bad.notice).toBeTruthy();
    expect(bad.fieldErrors).toBeUndefined();
    const good = reviewControl({ ...base, mode: "raw", rawParsed: parseRaw("0a ff", "hex") });
    expect(good.intent).toMatchObject({ body: { raw: [10, 255] }, changes: null, rawBytes: [10, 255] });
  });
});

describe("controlReducer", () => {
  const reviewed = (s: ControlState, edits: Record<string, boolean | string>) =>
    controlReducer(s, { type: "reviewed", result: reviewControl({ ...base, edits }) });

  it("walks edit → review → send → read back, clearing edits and the dialog once sent", () => {
    let s = controlReducer(initialControlState, { type: "edit", name: "switch", value: true });
    s = reviewed(s, s.edits);
    expect(s.intent).not.toBeNull();
    s = controlReducer(s, { type: "sending" });
    expect(s.pending).toBe(true);
    s = controlReducer(s, { type: "sent", readBack: true });
    expect(s).toMatchObject({ pending: false, intent: null, edits: {}, outcome: { kind: "verifying" } });
    expect(controlReducer(s, { type: "readBack", confirmed: true }).outcome).toEqual({ kind: "confirmed" });
    expect(controlReducer(s, { type: "readBack", confirmed: false }).outcome).toEqual({ kind: "not-confirmed" });
    expect(controlReducer(s, { type: "sent", readBack: false }).outcome).toEqual({ kind: "raw-sent" });
  });
  it("a failed send keeps the same intent (same key) open with the error; a new review clears the error", () => {
    let s = reviewed(initialControlState, { switch: true });
    const key = s.intent?.key;
    s = controlReducer(controlReducer(s, { type: "sending" }), { type: "sendFailed", message: "offline" });
    expect(s).toMatchObject({ pending: false, sendError: "offline", intent: { key } });
    s = controlReducer(s, { type: "sending" });
    expect(s.sendError).toBeNull();
    s = controlReducer(s, { type: "cancel" });
    expect(s.intent).toBeNull();
    s = controlReducer(s, { type: "sendFailed", message: "x" });
    expect(reviewed(s, { switch: true }).sendError).toBeNull();
  });
  it("a review clears the last outcome and notice, and field errors only when the form is valid", () => {
    let s: ControlState = { ...initialControlState, outcome: { kind: "confirmed" }, notice: "old" };
    s = reviewed(s, { set_temp: "999" });
    expect(s).toMatchObject({ outcome: null, notice: null, intent: null });
    expect(Object.keys(s.fieldErrors)).toEqual(["set_temp"]);
    s = controlReducer({ ...s, mode: "raw" }, { type: "reviewed", result: reviewControl({ ...base, mode: "raw" }) });
    expect(Object.keys(s.fieldErrors)).toEqual(["set_temp"]);
    expect(reviewed(s, {}).fieldErrors).toEqual({});
  });
});
