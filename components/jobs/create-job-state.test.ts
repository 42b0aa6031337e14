import { describe, expect, it } from "vitest";
import { allDatapoints } from "@/lib/test/device-datapoints";
import { jobCreateInputSchema } from "@/lib/schemas/jobs";
import { filterValues } from "./job-filter-values";
import {
  buildJobInput,
  formCommand,
  listProblem,
  listTarget,
  parseDeviceList,
  parseOptions,
  searchFilters,
  DEFAULT_OPTIONS,
} from "./create-job-state";

const DID_A = "jaUHdkYkSocBhE2xspYM5k";
const DID_B = "Xb3kq9Zt0LmNpQrStUvWxY";

describe("parseDeviceList", () => {
  it("reads MACs in any notation, one per line or comma separated, and counts repeats", () => {
    const p = parseDeviceList("mac\nAA:BB:CC:DD:EE:01, aabbccddee02\naa-bb-cc-dd-ee-01\n\n virtual:site-1 ");
    expect(p.macs).toEqual(["aabbccddee01", "aabbccddee02", "virtual:site-1"]);
    expect(p.dids).toEqual([]);
    expect(p.duplicates).toBe(1);
    expect(p.invalid).toEqual([]);
    expect(listTarget(p)).toEqual({ kind: "macs", macs: p.macs });
  });
  it("takes a device export row once, by its did, ignoring its other cells", () => {
    const csv = `\uFEFFdid,mac,online,city\n${DID_A},aabbccddee01,yes,Shenzhen\n"${DID_B}","aabbccddee02",no,\n${DID_A},aabbccddee01,yes,Shenzhen`;
    const p = parseDeviceList(csv);
    expect(p.dids).toEqual([DID_A, DID_B]);
    expect(p.macs).toEqual([]);
    expect(p.duplicates).toBe(1);
    expect(listTarget(p)).toEqual({ kind: "dids", dids: [DID_A, DID_B] });
  });
  it("reports lines without a device after the first, and refuses a list mixing dids and MACs", () => {
    const p = parseDeviceList(`${DID_A}\nnot a device\naabbccddee01`);
    expect(p.invalid).toEqual(["not a device"]);
    expect(listProblem(p)).toBe("mixed");
    expect(listTarget(p)).toBeNull();
    expect(listProblem(parseDeviceList("header only"))).toBe("empty");
  });
});

describe("searchFilters", () => {
  it("keeps the search's own filter names and flag values, drops the rest and a type without a value", () => {
    expect(searchFilters({ is_online: "1", show_disabled: "0", is_faulty: "yes", city: "Shenzhen", page: "3", type: "mac" })).toEqual({
      is_online: "1",
      show_disabled: "0",
      city: "Shenzhen",
    });
    expect(searchFilters({ val: "aabb", type: "did" })).toEqual({ val: "aabb", type: "did" });
  });
});

describe("formCommand", () => {
  const dps = allDatapoints;
  it("sends every field the operator set, with no current value to compare to", () => {
    const r = formCommand(dps, { switch: false, set_temp: "26" }, "en");
    expect(r.errors).toEqual({});
    expect(r.body).toEqual({ attrs: { switch: false, set_temp: 26 } });
  });
  it("names invalid fields in the reader's language and builds no command", () => {
    const r = formCommand(dps, { set_temp: "999" }, "zh-CN");
    expect(r.body).toBeNull();
    expect(r.errors.set_temp).toMatch(/[\u4e00-\u9fff]/);
    expect(formCommand(dps, {}, "en")).toEqual({ body: null, errors: {} });
  });
});

describe("options and the request body", () => {
  it("accepts the defaults and refuses values outside the contract's limits", () => {
    expect(parseOptions(DEFAULT_OPTIONS)).toEqual({ ok: true, value: { batchSize: 50, failureThresholdPercent: 10, canaryPercent: 1 } });
    expect(parseOptions({ batchSize: "2.5", failureThresholdPercent: "101", canaryPercent: "" })).toEqual({
      ok: false,
      invalid: ["batchSize", "failureThresholdPercent", "canaryPercent"],
    });
  });
  it("builds a body the contract accepts, for a search and for a list", () => {
    const opts = { batchSize: 25, failureThresholdPercent: 20, canaryPercent: 2 };
    const pk = "6f2e214bf2d79649232431b94a25f46a";
    const search = buildJobInput(pk, { kind: "search", filters: searchFilters({ is_online: "0" }) }, { attrs: { set_temp: 26 } }, opts);
    expect(jobCreateInputSchema.parse(search).target).toEqual({ kind: "search", filters: { is_online: false } });
    const list = buildJobInput(pk, listTarget(parseDeviceList("aa:bb:cc:dd:ee:ff"))!, { raw: [1, 2] }, opts);
    expect(jobCreateInputSchema.parse(list)).toMatchObject({ target: { kind: "macs", macs: ["aabbccddeeff"] }, batchSize: 25 });
  });
});

describe("filterValues", () => {
  it("turns the device list's parsed filter back into the URL values a job's search takes", () => {
    expect(filterValues({ is_online: false, show_disabled: true, city: "Shenzhen", gid: undefined })).toEqual({
      is_online: "0",
      show_disabled: "1",
      city: "Shenzhen",
    });
    expect(searchFilters(filterValues({ is_alert: true, val: "aabb", type: "mac" }))).toEqual({ is_alert: "1", val: "aabb", type: "mac" });
  });
});
