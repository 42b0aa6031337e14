import { datapointSchema, type Datapoint } from "@/lib/schemas/datapoints";

/** Datapoint definitions shaped like the API doc's, covering every data type and kind, for unit tests. */
const raw = {
  switch: { name: "switch", display_name: "开关", type: "status_writable", data_type: "bool", position: { len: 1, unit: "bit" } },
  mode: { name: "mode", display_name: "模式", type: "W", data_type: "enum", enum: ["自动", "制冷", "制热"] },
  // -40.0 .. 60.0 °C in 0.1 steps: ratio 0.1 with a negative addition.
  setTemp: {
    name: "set_temp",
    display_name: "设定温度",
    type: "status_writable",
    data_type: "uint16",
    uint_spec: { min: 0, max: 1000, ratio: 0.1, addition: -40 },
  },
  level: { name: "level", type: "status_writable", data_type: "uint8", uint_spec: { min: 0, max: 100, ratio: 0.5, addition: 0 } },
  counter: { name: "counter", type: "status_writable", data_type: "uint32" },
  blob: { name: "blob", type: "status_writable", data_type: "binary", position: { len: 5, unit: "byte" } },
  roomTemp: {
    name: "room_temp",
    type: "status_readonly",
    data_type: "uint8",
    uint_spec: { min: 0, max: 100, ratio: 1, addition: -30 },
  },
  alertFull: { name: "alert_full", type: "alert", data_type: "bool" },
  faultRoom: { name: "fault_roomtemp", type: "fault", data_type: "bool" },
} as const;

export const dp = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, datapointSchema.parse(v)])) as Record<
  keyof typeof raw,
  Datapoint
>;

export const allDatapoints: Datapoint[] = Object.values(dp);
