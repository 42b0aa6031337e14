import { describe, expect, it } from "vitest";
import { boolish, optionalNumberish } from "./common.schema";
import { deviceDetailSchema, deviceDidSchema, deviceSearchSchema } from "./devices.schema";
import { groupTreeSchema, batchResultSchema } from "./groups.schema";
import { aggDataSchema, cmdPageSchema, dataPageSchema, onlinePageSchema } from "./history.schema";
import { datapointResponseSchema, tokenResponseSchema, toDatapoints } from "./products.schema";
import {
  deviceSummarySchema,
  locationReport,
  periodCountReportSchema,
  periodLocationReportSchema,
  usersTotalSchema,
} from "./reports.schema";
import { activeUsersSchema, userSearchSchema, usersLocationSchema } from "./users.schema";

// Answers below are the Enterprise API reference's examples and the variants real answers and
// older revisions of the reference show.

describe("primitive variants", () => {
  it("reads booleans sent as booleans, 0/1 and strings", () => {
    for (const [v, want] of [
      [true, true],
      [false, false],
      [1, true],
      [0, false],
      ["1", true],
      ["0", false],
      ["true", true],
      ["False", false],
    ] as const) {
      expect(boolish.parse(v), String(v)).toBe(want);
    }
    expect(boolish.safeParse(2).success).toBe(false);
    expect(boolish.safeParse("yes").success).toBe(false);
  });

  it("reads coordinates as numbers or numeric strings, and blanks as null", () => {
    expect(optionalNumberish.parse("113.280637")).toBe(113.280637);
    expect(optionalNumberish.parse(23.1)).toBe(23.1);
    expect(optionalNumberish.parse("")).toBeNull();
    expect(optionalNumberish.parse(null)).toBeNull();
    expect(optionalNumberish.safeParse("north").success).toBe(false);
  });
});

describe("token", () => {
  it("accepts expire_at (real answers) and expired_at (the doc's example)", () => {
    expect(tokenResponseSchema.parse({ token: "89d753a234ef42cd90f75da7489e78a4", expire_at: 1517897923 })).toEqual({
      token: "89d753a234ef42cd90f75da7489e78a4",
      expireAt: 1517897923,
    });
    expect(tokenResponseSchema.parse({ token: "t", expired_at: "1517897923" }).expireAt).toBe(1517897923);
    expect(tokenResponseSchema.parse({ token: "t", expire_at: 1517897923000 }).expireAt).toBe(1517897923);
    expect(tokenResponseSchema.safeParse({ expire_at: 1 }).success).toBe(false);
  });
});

describe("datapoint", () => {
  const doc = {
    name: "微信宠物屋",
    entities: [
      {
        id: 0,
        display_name: "机智云开发套件",
        name: "entity0",
        attrs: [
          {
            display_name: "开关",
            name: "switch",
            data_type: "bool",
            position: { bit_offset: 0, len: 1, unit: "bit", byte_offset: 0 },
            type: "status_writable",
            id: 0,
            desc: ".....",
          },
          {
            display_name: "温度",
            name: "temp",
            data_type: "uint8",
            type: "R",
            id: 1,
            desc: null,
            uint_spec: { min: 0, max: 100, ratio: 0.5, addition: -10 },
          },
          { name: "future", data_type: "float64", type: "status_writable", id: 2 },
        ],
      },
    ],
    protocolType: "standard",
    product_key: "4244bf2d79694a259232431b6f2ef46a",
    packetVersion: "0x00000004",
    ui: { object: { version: 4, showEditButton: false }, sections: [] },
  };

  it("reads the documented example into the shared DTO and skips what it cannot describe", () => {
    const { datapoints, skipped } = toDatapoints(datapointResponseSchema.parse(doc));
    expect(datapoints.map((d) => [d.name, d.type, d.data_type])).toEqual([
      ["switch", "status_writable", "bool"],
      ["temp", "status_readonly", "uint8"],
    ]);
    expect(datapoints[1].uint_spec).toEqual({ min: 0, max: 100, ratio: 0.5, addition: -10 });
    expect(skipped).toEqual(["future"]);
  });
});

describe("devices", () => {
  it("drops the passcode of /devices?mac=", () => {
    expect(deviceDidSchema.parse({ did: "cBYkSjoE2xspYMhaUHdk5k", passcode: "123456" })).toEqual({ did: "cBYkSjoE2xspYMhaUHdk5k" });
  });

  it("reads device_detail with booleans or 0/1", () => {
    const ex = {
      did: "dE2xjocBhaUHkYkSspYM5k",
      is_disabled: false,
      product_key: "6f2e",
      mac: "virtual:site",
      is_online: false,
      type: "normal",
    };
    expect(deviceDetailSchema.parse(ex)).toMatchObject({ did: ex.did, isOnline: false, isDisabled: false, type: "normal" });
    expect(deviceDetailSchema.parse({ ...ex, is_online: 1, is_disabled: "0" })).toMatchObject({ isOnline: true, isDisabled: false });
  });

  it("reads devices/search in the example's types, the table's types and the 2017 variant", () => {
    const example = {
      meta: { previous: null, skip: 0, total: 3, limit: 20, next: null },
      objects: [
        {
          city: "Guangzhou",
          mcu_hard_version: null,
          mcu_soft_version: null,
          did: "kYkSE2xspYjocBhaUHdM5k",
          country: "China",
          region: "Guangdong",
          mac: "virtual:site",
          longitude: 113.280637,
          wifi_hard_version: null,
          online_latest: 1517296665,
          wifi_soft_version: null,
          is_online: false,
          latitude: 23.125178,
          is_alert: false,
          created_at: 1505789918,
          is_faulty: false,
        },
      ],
    };
    const page = deviceSearchSchema.parse(example);
    expect(page).toMatchObject({ total: 3, limit: 20, skip: 0, next: null });
    expect(page.objects[0]).toMatchObject({
      isOnline: false,
      longitude: 113.280637,
      latitude: 23.125178,
      onlineLatest: 1517296665,
      createdAt: 1505789918,
    });

    const tableTypes = { ...example.objects[0], is_online: 1, is_alert: 0, is_faulty: 1, longitude: "113.280637", latitude: 23 };
    expect(deviceSearchSchema.parse({ ...example, objects: [tableTypes] }).objects[0]).toMatchObject({
      isOnline: true,
      isAlert: false,
      isFaulty: true,
      longitude: 113.280637,
      latitude: 23,
    });

    const { online_latest: _drop, ...rest } = example.objects[0];
    const old = deviceSearchSchema.parse({ meta: example.meta, objects: { x: { ...rest, latest_online: 42 } } });
    expect(old.objects[0].onlineLatest).toBe(42);
  });
});

describe("history", () => {
  it("reads the online example (float timestamps, nested payload)", () => {
    const page = onlinePageSchema.parse({
      meta: { previous: null, skip: 0, total: 5, limit: 20, next: null },
      objects: [
        { timestamp: 1517384124.229, type: "dev_online", payload: { keep_alive: 130 } },
        {
          timestamp: 1517298056.201,
          type: "dev_offline",
          payload: { duration: 1391, heartbeat: { count: 21, max: 60, avg: 60, last: 130, min: 60 }, reason: "no_heartbeat" },
        },
      ],
    });
    expect(page.objects[1].payload.reason).toBe("no_heartbeat");
    expect(page.objects[0].timestamp).toBe(1517384124.229);
    expect(page).toMatchObject({ total: 5, skip: 0, context: null });
  });

  it("reads the cursor form of the newer revision", () => {
    const page = cmdPageSchema.parse({
      objects: [{ timestamp: 1517384252.294, type: "app2dev", payload: "0000000309000090010101000010" }],
      context: "abc",
    });
    expect(page.context).toBe("abc");
    expect(page.total).toBeNull();
    expect(cmdPageSchema.parse({ meta: { context: "m" }, objects: [] }).context).toBe("m");
    expect(cmdPageSchema.parse({ objects: [], context: "" }).context).toBeNull();
  });

  it("keeps data attrs as sent (enum labels, 0/1 booleans)", () => {
    const page = dataPageSchema.parse({
      meta: { total: 1 },
      objects: [{ ts: 1517384243, attrs: { mode: "制冷", switch: 1, room_temp: -10 } }],
    });
    expect(page.objects[0].attrs).toEqual({ mode: "制冷", switch: 1, room_temp: -10 });
  });

  it("reads agg_data buckets with string or numeric datetimes", () => {
    const r = aggDataSchema.parse({
      query: { aggregator: "avg", end_ts: 1486976353000, start_ts: 1486112461000, attrs: "t1,t2", unit: "HOURS" },
      data: [{ attrs: { t2: 66.66666666666667, t1: 3 }, datetime: 2017021310 }],
    });
    expect(r.data[0]).toEqual({ datetime: "2017021310", attrs: { t2: 66.66666666666667, t1: 3 } });
  });
});

describe("groups and bindings", () => {
  it("reads the flat documented tree and nested subtrees", () => {
    expect(groupTreeSchema.parse({ c8e4b5634b047dc495be4a05a39d02a3: "" })).toEqual([
      { gid: "c8e4b5634b047dc495be4a05a39d02a3", children: [] },
    ]);
    expect(groupTreeSchema.parse({ root: { a: "", b: { c: "" } } })).toEqual([
      {
        gid: "root",
        children: [
          { gid: "a", children: [] },
          { gid: "b", children: [{ gid: "c", children: [] }] },
        ],
      },
    ]);
  });

  it("treats the 2017 empty answer of assignment as nothing succeeded or failed", () => {
    expect(batchResultSchema.parse({})).toEqual({ success: [], failed: [] });
    expect(batchResultSchema.parse({ failed: [], success: ["virtual:site"] })).toEqual({ success: ["virtual:site"], failed: [] });
  });
});

describe("reports", () => {
  it("reads /devices/locations whose city leaves are bare numbers", () => {
    const r = locationReport.parse({ gid: null, total: 4, location: { China: { count: 3, Guangdong: { count: 3, Guangzhou: 3 } } } });
    expect(r.total).toBe(4);
    const gz = r.nodes[0].children[0].children[0];
    expect(gz).toMatchObject({ name: "Guangzhou", level: "city", counts: { count: 3 } });
  });

  it("fills counters omitted at nested levels of the realtime report", () => {
    const r = locationReport.parse({
      count: { faulty: 0, activated: 4, alert: 1 },
      gid: null,
      location: {
        China: {
          count: { activated: 2, alert: 1 },
          Guangdong: { count: { faulty: 1, activated: 1, alert: 1 }, Guangzhou: { count: { activated: 3 } } },
        },
      },
    });
    expect(r.nodes[0].counts).toEqual({ faulty: 0, activated: 2, alert: 1 });
    expect(r.nodes[0].children[0].children[0].counts).toEqual({ faulty: 0, activated: 3, alert: 0 });
  });

  it("fails loudly on a shape that is no location report", () => {
    expect(locationReport.safeParse({ gid: null, total: 31 }).success).toBe(false);
  });

  it("reads the summary and fills missing counters", () => {
    expect(
      deviceSummarySchema.parse({
        active: { "7_day": 0, yesterday: 0 },
        new: { "7_day": 0, "30_day": 0, yesterday: 0, today: 0 },
        total: 3,
        online: 0,
      }),
    ).toEqual({
      active: { yesterday: 0, last7Days: 0 },
      new: { today: 0, yesterday: 0, last7Days: 0, last30Days: 0 },
      total: 3,
      online: 0,
    });
    expect(deviceSummarySchema.parse({ active: { yesterday: 2 }, total: 5 }).new.last30Days).toBe(0);
  });

  it("reads period items keyed by the cycle's name", () => {
    const r = periodLocationReportSchema.parse({
      start: "2017-12",
      gid: null,
      end: "2017-12",
      data: [{ count: 2, location: { China: { count: 1, Guangdong: { count: 1, Guangzhou: { count: 1 } } } }, month: "2017-12" }],
      cycle: "month",
    });
    expect(r.data[0]).toMatchObject({ period: "2017-12", count: 2 });
    expect(r.data[0].location?.nodes[0].name).toBe("China");
    const n = periodCountReportSchema.parse({
      start: "2017-12-01",
      gid: null,
      end: "2017-12-02",
      data: [{ count: "3", date: "2017-12-01" }],
      cycle: "date",
    });
    expect(n.data).toEqual([{ period: "2017-12-01", count: 3 }]);
  });

  it("reads user reports", () => {
    expect(usersTotalSchema.parse({ gid: null, total: 31 })).toEqual({ gid: null, total: 31 });
    expect(activeUsersSchema.parse({ data: [{ count: 2, date: "2017-12-13" }] })).toEqual([{ count: 2, date: "2017-12-13" }]);
    const loc = usersLocationSchema.parse({
      China: { count: 18, Beijing: { count: 14, Beijing: { count: 14 } }, Guangdong: { count: 4, Guangzhou: { count: 4 } } },
    });
    expect(loc.nodes[0].children.map((c) => c.name)).toEqual(["Beijing", "Guangdong"]);
    const users = userSearchSchema.parse({
      meta: { previous: null, skip: 0, total: 20, limit: 20, next: null },
      objects: [
        {
          username: null,
          remark: null,
          uid: "25a5324c807842348f63ade277eb413a",
          is_anonymous: true,
          gender: null,
          created_at: 1513135417,
          updated_at: 1513135417,
          phone: null,
          birthday: null,
          address: null,
          email: null,
        },
      ],
    });
    expect(users.objects[0]).toMatchObject({ uid: "25a5324c807842348f63ade277eb413a", isAnonymous: true, isOwner: null });
  });
});
