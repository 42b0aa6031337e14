/** Product 2: water meter (agg_data enabled). */
import { hash4, hourOfDay, unit4 } from "../util";
import { clamp, defineProduct, toRaw, type UintSpec } from "./define";

const WM_TOTAL: UintSpec = { min: 0, max: 4294967295, ratio: 0.001, addition: 0 };
const WM_RATE: UintSpec = { min: 0, max: 65535, ratio: 0.001, addition: 0 };
const WM_TEMP: UintSpec = { min: 0, max: 1400, ratio: 0.1, addition: -40 };
const WM_INTERVALS = [300, 900, 1800, 3600];

/** m³ per second averaged over a day, per device: 0.2 .. 1.2 m³/day. */
function wmRate(device: number, salt: number): number {
  return (0.2 + unit4(salt, device, 0x3f) * 1.0) / 86400;
}
/**
 * Cumulative volume with a daily usage wave. Its derivative r·(1 + 0.8·cos) stays positive, so
 * the meter never runs backwards.
 */
function wmVolume(t: number, device: number, salt: number): number {
  const r = wmRate(device, salt);
  const w = (2 * Math.PI) / 86400;
  const phase = unit4(salt, device, 0x40) * 2 * Math.PI;
  return 50 + unit4(salt, device, 0x41) * 400 + r * (t - 1.4e9) + ((0.8 * r) / w) * Math.sin(w * t + phase);
}
function wmFlow(t: number, device: number, salt: number): number {
  const r = wmRate(device, salt);
  const w = (2 * Math.PI) / 86400;
  const phase = unit4(salt, device, 0x40) * 2 * Math.PI;
  return r * (1 + 0.8 * Math.cos(w * t + phase)) * 3600; // m³/h
}

export const waterMeter = defineProduct(
  {
    key: "4bd8778c5aa4602e5c9a5a208a1fdcc3",
    secret: "0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f",
    name: "Smart Water Meter / 智能水表",
    share: 0.35,
    aggEnabled: true,
    published: false,
    remoteControlDefault: true,
    model: {
      baseline(device, salt) {
        // Meters are set up once: constant per device, valve open.
        return {
          valve: 1,
          report_interval: [0, 1, 1, 2, 3][hash4(salt, device, 0x21) % 5],
          alarm_threshold: 200 + (hash4(salt, device, 0x22) % 300),
        };
      },
      readonly({ device, salt, t, controls, writable }) {
        // Volume that flowed while the valve was shut must not count: subtract each closed span.
        let closedVolume = 0;
        let closedAt: number | null = null;
        for (const c of controls) {
          if (c.t > t) break;
          if (c.values.valve === 0 && closedAt === null) closedAt = c.t;
          else if (c.values.valve === 1 && closedAt !== null) {
            closedVolume += wmVolume(c.t, device, salt) - wmVolume(closedAt, device, salt);
            closedAt = null;
          }
        }
        const until = closedAt ?? t;
        const volume = wmVolume(until, device, salt) - closedVolume;
        const open = writable.valve === 1;
        const flow = open ? wmFlow(t, device, salt) * (0.85 + 0.3 * unit4(salt, device, Math.floor(t / 300), 0x42)) : 0;
        const temp = 12 + 8 * Math.sin(t / 86400 / 58) + 2 * Math.sin((2 * Math.PI * hourOfDay(t)) / 24);
        const ageDays = (t - 1.4e9) / 86400;
        const battery = clamp(Math.round(100 - ((ageDays + (hash4(salt, device, 0x43) % 900)) % 1100) / 11), 1, 100);
        return {
          total_flow: toRaw(volume, WM_TOTAL),
          flow_rate: toRaw(flow, WM_RATE),
          water_temp: toRaw(temp, WM_TEMP),
          battery,
        };
      },
      reportInterval(_device, _salt, writable) {
        return WM_INTERVALS[Number(writable.report_interval)] ?? 900;
      },
    },
  },
  [
    { name: "valve", display_name: "阀门", data_type: "bool", type: "status_writable" },
    {
      name: "report_interval",
      display_name: "上报间隔",
      data_type: "enum",
      type: "status_writable",
      enum: ["5分钟", "15分钟", "30分钟", "60分钟"],
    },
    {
      name: "alarm_threshold",
      display_name: "流量报警阈值",
      data_type: "uint16",
      type: "status_writable",
      uint_spec: { min: 0, max: 1000, ratio: 0.01, addition: 0 },
    },
    { name: "total_flow", display_name: "累计流量", data_type: "uint32", type: "status_readonly", uint_spec: WM_TOTAL },
    { name: "flow_rate", display_name: "瞬时流量", data_type: "uint16", type: "status_readonly", uint_spec: WM_RATE },
    { name: "water_temp", display_name: "水温", data_type: "uint16", type: "status_readonly", uint_spec: WM_TEMP },
    {
      name: "battery",
      display_name: "电池电量",
      data_type: "uint8",
      type: "status_readonly",
      uint_spec: { min: 0, max: 100, ratio: 1, addition: 0 },
    },
    { name: "alert_leak", display_name: "漏水报警", data_type: "bool", type: "alert" },
    { name: "alert_low_battery", display_name: "低电量报警", data_type: "bool", type: "alert" },
    { name: "fault_sensor", display_name: "计量传感器故障", data_type: "bool", type: "fault" },
    { name: "fault_valve", display_name: "阀门故障", data_type: "bool", type: "fault" },
  ],
);
