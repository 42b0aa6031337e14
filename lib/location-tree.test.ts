import { describe, expect, it } from "vitest";
import { flatten, levelAt, measures, nodesAt, totals, valueOf, type LocationNode } from "./location-tree";
import { LocationTreeError, readLocationReport, readLocationTree } from "./schemas/location-report";

// The Enterprise API reference's examples (设备报表 / 用户报表), verbatim.
const DEVICES_LOCATIONS = JSON.parse(`{
  "gid": null,
  "total": 4,
  "location": {
    "China": {
      "count": 3,
      "Guangdong": {
        "count": 3,
        "Guangzhou": 3
      }
    }
  }
}`);

const LIVENESS_HISTORY = JSON.parse(`{
  "start": "2017-12",
  "gid": null,
  "end": "2017-12",
  "data": [
    {
      "count": 2,
      "location": {
        "China": {
          "count": 1,
          "Guangdong": {
            "count": 1,
            "Guangzhou": {
              "count": 1
            }
          }
        }
      },
      "month": "2017-12"
    }
  ],
  "cycle": "month"
}`);

const REPORT_RT = JSON.parse(`{
  "count": {
    "faulty": 0,
    "activated": 4,
    "alert": 1
  },
  "gid": null,
  "location": {
    "China": {
      "count": {
        "activated": 2,
        "alert": 1
      },
      "Guangdong": {
        "count": {
          "faulty": 1,
          "activated": 1,
          "alert": 1
        },
        "Guangzhou": {
          "count": {
            "activated": 3
          }
        }
      }
    }
  }
}`);

// fault/report/devices and alert/report/devices share this example.
const FAULT_DEVICES = JSON.parse(`{
  "gid": null,
  "count": {
    "total": 2,
    "resolved": 1,
    "unresolved": 1
  },
  "location": {
    "China": {
      "count": {
        "total": 2,
        "resolved": 1,
        "unresolved": 1
      },
      "Guangdong": {
        "count": {
          "total": 2,
          "resolved": 1,
          "unresolved": 1
        },
        "Guangzhou": {
          "count": {
            "total": 2,
            "resolved": 1,
            "unresolved": 1
          }
        }
      }
    }
  }
}`);

const FAULT_EVENTS = JSON.parse(`{
  "count": {
    "resolved": 1,
    "total": 1,
    "unresolved": 0
  },
  "gid": null,
  "detail": {
    "fault_roomtemp": {
      "resolved": 1,
      "total": 1,
      "unresolved": 0
    }
  },
  "location": {
    "China": {
      "count": {
        "resolved": 1,
        "total": 1,
        "unresolved": 0
      },
      "detail": {
        "fault_roomtemp": {
          "resolved": 1,
          "total": 1,
          "unresolved": 0
        }
      }
    }
  }
}`);

const ALERT_EVENTS = JSON.parse(`{
  "count": {
    "resolved": 1,
    "total": 1,
    "unresolved": 0
  },
  "gid": null,
  "detail": {
    "alert_full": {
      "resolved": 1,
      "total": 1,
      "unresolved": 0
    }
  },
  "location": {
    "China": {
      "count": {
        "resolved": 1,
        "total": 1,
        "unresolved": 0
      },
      "detail": {
        "alert_full": {
          "resolved": 1,
          "total": 1,
          "unresolved": 0
        }
      }
    }
  }
}`);

const USERS_LOCATION = JSON.parse(`{
  "China": {
    "count": 18,
    "Beijing": {
      "count": 14,
      "Beijing": {
        "count": 14
      }
    },
    "Guangdong": {
      "count": 4,
      "Guangzhou": {
        "count": 4
      }
    }
  }
}`);

/** Names and counts only, to compare whole trees compactly. */
function shape(nodes: LocationNode[]): unknown[] {
  return nodes.map((n) => [n.level, n.name, n.counts, ...(n.detail ? [n.detail] : []), shape(n.children)]);
}

describe("readLocationTree over every documented shape", () => {
  it("devices/locations: count numbers and a bare-number city leaf", () => {
    expect(shape(readLocationTree(DEVICES_LOCATIONS))).toEqual([
      ["country", "China", { count: 3 }, [["region", "Guangdong", { count: 3 }, [["city", "Guangzhou", { count: 3 }, []]]]]],
    ]);
    const report = readLocationReport(DEVICES_LOCATIONS);
    expect(report.total).toBe(4);
    expect(report.gid).toBeNull();
  });

  it("liveness history: each data item is a wrapped tree", () => {
    const item = LIVENESS_HISTORY.data[0];
    expect(shape(readLocationTree(item))).toEqual([
      ["country", "China", { count: 1 }, [["region", "Guangdong", { count: 1 }, [["city", "Guangzhou", { count: 1 }, []]]]]],
    ]);
    expect(readLocationReport(item).counts).toEqual({ count: 2 });
  });

  it("liveness history: the whole response is refused with a pointer to its items", () => {
    expect(() => readLocationTree(LIVENESS_HISTORY)).toThrow(/read each item of `data`/);
  });

  it("report/rt: counter objects with omitted zero counters filled in", () => {
    expect(shape(readLocationTree(REPORT_RT))).toEqual([
      [
        "country",
        "China",
        { activated: 2, alert: 1, faulty: 0 },
        [
          [
            "region",
            "Guangdong",
            { faulty: 1, activated: 1, alert: 1 },
            [["city", "Guangzhou", { activated: 3, alert: 0, faulty: 0 }, []]],
          ],
        ],
      ],
    ]);
    // Upstream's own totals are kept as given, not recomputed (the example's numbers don't add up).
    expect(readLocationReport(REPORT_RT).counts).toEqual({ faulty: 0, activated: 4, alert: 1 });
  });

  it("fault/alert devices: total/resolved/unresolved at every level", () => {
    const c = { total: 2, resolved: 1, unresolved: 1 };
    expect(shape(readLocationTree(FAULT_DEVICES))).toEqual([
      ["country", "China", c, [["region", "Guangdong", c, [["city", "Guangzhou", c, []]]]]],
    ]);
  });

  it("fault events: detail at the top and inside the tree", () => {
    const report = readLocationReport(FAULT_EVENTS);
    const d = { fault_roomtemp: { resolved: 1, total: 1, unresolved: 0 } };
    expect(report.detail).toEqual(d);
    expect(shape(report.nodes)).toEqual([["country", "China", { resolved: 1, total: 1, unresolved: 0 }, d, []]]);
  });

  it("alert events: detail keyed by the alert datapoint", () => {
    const [china] = readLocationTree(ALERT_EVENTS);
    expect(china.detail).toEqual({ alert_full: { resolved: 1, total: 1, unresolved: 0 } });
    expect(valueOf(china, "alert_full.total")).toBe(1);
  });

  it("users/location: the bare tree without a wrapper, a city named like its region", () => {
    expect(shape(readLocationTree(USERS_LOCATION))).toEqual([
      [
        "country",
        "China",
        { count: 18 },
        [
          ["region", "Beijing", { count: 14 }, [["city", "Beijing", { count: 14 }, []]]],
          ["region", "Guangdong", { count: 4 }, [["city", "Guangzhou", { count: 4 }, []]]],
        ],
      ],
    ]);
  });
});

describe("readLocationTree tolerance", () => {
  it("reads an empty or null location, and an empty bare tree, as no places", () => {
    expect(readLocationTree({ gid: null, total: 0, location: {} })).toEqual([]);
    expect(readLocationTree({ gid: null, location: null })).toEqual([]);
    expect(readLocationTree({})).toEqual([]);
  });

  it("fills zero counters from the top-level counts and across siblings", () => {
    const nodes = readLocationTree({
      gid: null,
      count: { activated: 1, faulty: 1, alert: 0 },
      location: { China: { count: { activated: 1 } }, Japan: { count: { faulty: 1 } } },
    });
    expect(nodes.map((n) => n.counts)).toEqual([
      { activated: 1, faulty: 0, alert: 0 },
      { faulty: 1, activated: 0, alert: 0 },
    ]);
  });

  it("fills omitted detail counters with zeros", () => {
    const [n] = readLocationTree({
      gid: null,
      location: { China: { count: { total: 2 }, detail: { a: { total: 2, resolved: 2 }, b: { unresolved: 1 } } } },
    });
    expect(n.detail).toEqual({ a: { total: 2, resolved: 2, unresolved: 0 }, b: { unresolved: 1, total: 0, resolved: 0 } });
  });

  it("sums the children when a level has no count of its own", () => {
    const [china] = readLocationTree({ location: { China: { Guangdong: { Guangzhou: 2, Shenzhen: 5 }, Beijing: { count: 1 } } } });
    expect(china.counts).toEqual({ count: 8 });
    expect(china.children[0].counts).toEqual({ count: 7 });
  });

  it("accepts numeric strings as counters", () => {
    const [n] = readLocationTree({ China: { count: "18" } });
    expect(n.counts).toEqual({ count: 18 });
  });

  it("accepts bare numbers at any level", () => {
    expect(shape(readLocationTree({ location: { China: 4, Japan: { Tokyo: 2 } } }))).toEqual([
      ["country", "China", { count: 4 }, []],
      ["country", "Japan", { count: 2 }, [["region", "Tokyo", { count: 2 }, []]]],
    ]);
  });
});

describe("readLocationTree rejects unknown shapes with a clear error", () => {
  const cases: [string, unknown, RegExp][] = [
    ["a non-object", [1, 2], /expected a JSON object/],
    ["null", null, /expected a JSON object/],
    ["a location array", { gid: null, location: [] }, /location/],
    ["a negative count", { location: { China: { count: -1 } } }, /China: count/],
    ["a text count", { location: { China: { count: "many" } } }, /China: count/],
    ["a nested non-number counter", { location: { China: { count: { total: { x: 1 } } } } }, /China: count/],
    ["a place that is a list", { location: { China: { Guangdong: [1] } } }, /China › Guangdong/],
    ["a place that is null", { location: { China: { Guangdong: null } } }, /China › Guangdong/],
    ["a bad detail", { location: { China: { count: 1, detail: { a: 1 } } } }, /China: detail/],
    ["a level below city", { location: { China: { Guangdong: { Guangzhou: { Tianhe: 1 } } } } }, /below city level/],
    ["users/report/total (no location)", JSON.parse(`{"gid": null, "total": 31}`), /has no `location`/],
  ];
  it.each(cases)("%s", (_label, raw, message) => {
    expect(() => readLocationTree(raw)).toThrow(LocationTreeError);
    expect(() => readLocationTree(raw)).toThrow(message);
  });

  it("names the path that broke", () => {
    try {
      readLocationTree({ location: { China: { Guangdong: { Guangzhou: "x" } } } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LocationTreeError);
      expect((e as LocationTreeError).path).toEqual(["China", "Guangdong", "Guangzhou"]);
    }
  });
});

describe("helpers", () => {
  const tree = readLocationTree({
    gid: null,
    location: {
      China: {
        count: { total: 5, unresolved: 2 },
        detail: { fault_roomtemp: { total: 3 } },
        Guangdong: {
          count: { total: 4, unresolved: 2 },
          Guangzhou: { count: { total: 3 } },
          Shenzhen: { count: { total: 1, unresolved: 2 } },
        },
        Beijing: { count: { total: 1 }, Beijing: { count: { total: 1 } } },
      },
      "United States": { count: { resolved: 2 }, detail: { fault_roomtemp: { resolved: 1 } }, California: { count: { resolved: 2 } } },
    },
  });

  it("measures lists counters in preferred order, then detail measures", () => {
    expect(measures(tree)).toEqual(["total", "unresolved", "resolved", "fault_roomtemp.total", "fault_roomtemp.resolved"]);
    expect(measures(readLocationTree(REPORT_RT))).toEqual(["activated", "faulty", "alert"]);
    expect(measures([])).toEqual([]);
  });

  it("totals sums one level only", () => {
    expect(totals(tree)).toEqual({
      total: 5,
      unresolved: 2,
      resolved: 2,
      "fault_roomtemp.total": 3,
      "fault_roomtemp.resolved": 1,
    });
    expect(totals(tree[0].children)).toMatchObject({ total: 5, unresolved: 2, resolved: 0 });
  });

  it("valueOf reads counters and detail, 0 when absent", () => {
    expect(valueOf(tree[0], "total")).toBe(5);
    expect(valueOf(tree[0], "fault_roomtemp.total")).toBe(3);
    expect(valueOf(tree[0], "fault_roomtemp.resolved")).toBe(0);
    expect(valueOf(tree[0], "nope")).toBe(0);
    expect(valueOf(tree[0].children[1], "fault_roomtemp.total")).toBe(0);
  });

  it("flatten returns a level with its paths", () => {
    expect(flatten(tree, "country").map((n) => n.path)).toEqual([{ country: "China" }, { country: "United States" }]);
    expect(flatten(tree, "region").map((n) => n.path)).toEqual([
      { country: "China", region: "Guangdong" },
      { country: "China", region: "Beijing" },
      { country: "United States", region: "California" },
    ]);
    expect(flatten(tree, "city").map((n) => [n.path, n.counts.total])).toEqual([
      [{ country: "China", region: "Guangdong", city: "Guangzhou" }, 3],
      [{ country: "China", region: "Guangdong", city: "Shenzhen" }, 1],
      [{ country: "China", region: "Beijing", city: "Beijing" }, 1],
    ]);
  });

  it("nodesAt and levelAt follow a drill path", () => {
    expect(levelAt({})).toBe("country");
    expect(levelAt({ country: "China" })).toBe("region");
    expect(levelAt({ country: "China", region: "Guangdong" })).toBe("city");
    expect(nodesAt(tree, {}).map((n) => n.name)).toEqual(["China", "United States"]);
    expect(nodesAt(tree, { country: "China" }).map((n) => n.name)).toEqual(["Guangdong", "Beijing"]);
    expect(nodesAt(tree, { country: "China", region: "Guangdong" }).map((n) => n.name)).toEqual(["Guangzhou", "Shenzhen"]);
    expect(nodesAt(tree, { country: "Atlantis" })).toEqual([]);
    expect(nodesAt(tree, { country: "China", region: "Atlantis" })).toEqual([]);
  });
});
