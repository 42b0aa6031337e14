import { describe, expect, it } from "vitest";
import { dataRecordSchema, datapointDocumentSchema, datapointSchema, productDatapointsSchema } from "./datapoints";

// The attr and document of the Enterprise API reference's 获取产品数据点 example, verbatim apart from the ui block.
const seedAttr = {
  display_name: "开关",
  name: "switch",
  data_type: "bool",
  position: { bit_offset: 0, len: 1, unit: "bit", byte_offset: 0 },
  type: "status_writable",
  id: 0,
  desc: ".....",
};
const seedDocument = {
  name: "微信宠物屋",
  entities: [{ id: 0, display_name: "机智云开发套件", attrs: [seedAttr], name: "entity0" }],
  protocolType: "standard",
  product_key: "4244bf2d79694a259232431b6f2ef46a",
  packetVersion: "0x00000004",
  ui: { object: { version: 4, showEditButton: false }, sections: [] },
};

describe("datapointSchema", () => {
  it("parses the API doc's attr and keeps its fields", () => {
    const dp = datapointSchema.parse(seedAttr);
    expect(dp).toMatchObject({ name: "switch", display_name: "开关", data_type: "bool", type: "status_writable" });
    expect(dp.position).toEqual({ bit_offset: 0, len: 1, unit: "bit", byte_offset: 0 });
    expect(dp.enum).toEqual([]);
    expect(dp.uint_spec).toBeUndefined();
  });

  it.each([
    ["W", "status_writable"],
    ["R", "status_readonly"],
    ["N", "alert"],
    ["E", "fault"],
    ["e", "fault"],
    ["status_readonly", "status_readonly"],
    ["alert", "alert"],
    [" FAULT ", "fault"],
  ])("normalises type %j to %s", (type, kind) => {
    expect(datapointSchema.parse({ ...seedAttr, type }).type).toBe(kind);
  });

  it("rejects an unknown type or data_type", () => {
    expect(datapointSchema.safeParse({ ...seedAttr, type: "X" }).success).toBe(false);
    expect(datapointSchema.safeParse({ ...seedAttr, data_type: "float" }).success).toBe(false);
  });

  it("accepts upper-case data types", () => {
    expect(datapointSchema.parse({ ...seedAttr, data_type: "UINT16" }).data_type).toBe("uint16");
  });

  it("defaults ratio to 1 and addition to 0 and refuses a zero ratio", () => {
    const dp = datapointSchema.parse({ ...seedAttr, data_type: "uint8", uint_spec: { min: 0, max: 10 } });
    expect(dp.uint_spec).toEqual({ min: 0, max: 10, ratio: 1, addition: 0 });
    const zero = { ...seedAttr, data_type: "uint8", uint_spec: { min: 0, max: 10, ratio: 0, addition: 0 } };
    expect(datapointSchema.safeParse(zero).success).toBe(false);
  });

  it("keeps enum order and stringifies numeric entries", () => {
    const dp = datapointSchema.parse({ ...seedAttr, data_type: "enum", enum: ["自动", "制冷", 3] });
    expect(dp.enum).toEqual(["自动", "制冷", "3"]);
  });

  it("falls back to the name when display_name is missing or blank", () => {
    const { display_name: _omit, ...noDisplay } = seedAttr;
    expect(datapointSchema.parse(noDisplay).display_name).toBe("switch");
    expect(datapointSchema.parse({ ...seedAttr, display_name: "  " }).display_name).toBe("switch");
  });

  it("survives a round trip through JSON (server parses, browser parses again)", () => {
    const once = datapointSchema.parse({ ...seedAttr, type: "W", data_type: "enum", enum: ["a", "b"] });
    expect(datapointSchema.parse(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });
});

describe("datapointDocumentSchema", () => {
  it("reads the API doc's document into the product DTO", () => {
    const dto = datapointDocumentSchema.parse(seedDocument);
    expect(dto.productKey).toBe("4244bf2d79694a259232431b6f2ef46a");
    expect(dto.name).toBe("微信宠物屋");
    expect(dto.datapoints.map((d) => d.name)).toEqual(["switch"]);
    expect(productDatapointsSchema.parse(JSON.parse(JSON.stringify(dto)))).toEqual(dto);
  });

  it("collects attrs of every entity", () => {
    const doc = {
      ...seedDocument,
      entities: [{ attrs: [seedAttr] }, { attrs: [{ ...seedAttr, name: "light" }] }],
    };
    expect(datapointDocumentSchema.parse(doc).datapoints.map((d) => d.name)).toEqual(["switch", "light"]);
  });
});

describe("dataRecordSchema", () => {
  it("reads the API doc's /data record", () => {
    const rec = { ts: 1517384243, attrs: { mode: "制冷", switch: 1, room_temp: -10, fault_roomtemp: 0 } };
    expect(dataRecordSchema.parse(rec)).toEqual(rec);
  });
  it("keeps unexpected attr values as JSON text instead of failing the record", () => {
    const r = dataRecordSchema.parse({ ts: 1, attrs: { a: [1, 2], b: { x: true }, c: null, d: false } });
    expect(r.attrs).toEqual({ a: "[1,2]", b: '{"x":true}', c: null, d: false });
  });
});
