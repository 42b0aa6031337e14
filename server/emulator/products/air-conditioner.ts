/** Product 1: air conditioner (the datapoints of the API doc's examples). */
import { hash4, unit4 } from "../util";
import { ambient, clamp, defineProduct, toRaw, type UintSpec } from "./define";

const AC_ROOM: UintSpec = { min: 0, max: 700, ratio: 0.1, addition: -20 };
const AC_SET: UintSpec = { min: 0, max: 14, ratio: 1, addition: 16 };
const AC_MODES = ["自动", "制冷", "制热", "送风", "除湿"];

export const airConditioner = defineProduct(
  {
    key: "6f2e214bf2d79649232431b94a25f46a",
    secret: "a3f1c2d4e5b60718293a4b5c6d7e8f90",
    name: "Smart Air Conditioner / 智能空调",
    share: 0.55,
    aggEnabled: false,
    published: true,
    remoteControlDefault: true,
    model: {
      baseline(device, salt, block) {
        const h = (k: number) => unit4(salt, device, block, k);
        const modeRoll = h(2);
        const mode = modeRoll < 0.2 ? 0 : modeRoll < 0.65 ? 1 : modeRoll < 0.85 ? 2 : modeRoll < 0.95 ? 3 : 4;
        const setReal = mode === 2 ? 20 + Math.floor(h(3) * 5) : 24 + Math.floor(h(3) * 4);
        return {
          switch: h(1) < 0.7 ? 1 : 0,
          mode,
          fan_speed: Math.floor(h(4) * 4),
          fan_swing: h(5) < 0.4 ? 1 : 0,
          set_temp: toRaw(setReal, AC_SET),
          on_timing: h(6) < 0.85 ? 0 : 1 + Math.floor(h(7) * 12),
          off_timing: h(8) < 0.8 ? 0 : 1 + Math.floor(h(9) * 12),
          // Weekly schedule bitmap: constant per device (people rarely edit it).
          schedule: [0, 1, 2, 3, 4].map((k) => (hash4(salt, device, 0x5c, k) & 0xff).toString(16).padStart(2, "0")).join(""),
        };
      },
      readonly({ device, salt, t, lat, writable }) {
        const outside = ambient(t, lat, device, salt);
        const on = writable.switch === 1;
        const mode = Number(writable.mode);
        const set = Number(writable.set_temp) * AC_SET.ratio + AC_SET.addition;
        // A running unit pulls the room most of the way towards its set point.
        const room = on && mode !== 3 ? set + (outside - set) * 0.25 : outside;
        const humid = 55 + 15 * Math.sin(t / 20000 + device) + (on && mode === 4 ? -20 : 0);
        return { room_temp: toRaw(room, AC_ROOM), humidity: clamp(Math.round(humid), 0, 100) };
      },
      reportInterval(device, salt) {
        return [300, 600, 900][hash4(salt, device, 0x1a) % 3];
      },
    },
  },
  [
    { name: "switch", display_name: "开关", data_type: "bool", type: "status_writable" },
    { name: "mode", display_name: "模式", data_type: "enum", type: "status_writable", enum: AC_MODES },
    { name: "fan_speed", display_name: "风速", data_type: "enum", type: "status_writable", enum: ["低风", "中风", "高风", "自动风"] },
    { name: "fan_swing", display_name: "扫风", data_type: "bool", type: "status_writable" },
    { name: "set_temp", display_name: "设定温度", data_type: "uint8", type: "status_writable", uint_spec: AC_SET },
    {
      name: "on_timing",
      display_name: "定时开机",
      data_type: "uint8",
      type: "status_writable",
      uint_spec: { min: 0, max: 24, ratio: 1, addition: 0 },
    },
    {
      name: "off_timing",
      display_name: "定时关机",
      data_type: "uint8",
      type: "status_writable",
      uint_spec: { min: 0, max: 24, ratio: 1, addition: 0 },
    },
    { name: "schedule", display_name: "周定时表", data_type: "binary", type: "status_writable", bytes: 5 },
    { name: "room_temp", display_name: "室内温度", data_type: "uint16", type: "status_readonly", uint_spec: AC_ROOM },
    {
      name: "humidity",
      display_name: "室内湿度",
      data_type: "uint8",
      type: "status_readonly",
      uint_spec: { min: 0, max: 100, ratio: 1, addition: 0 },
    },
    { name: "alert_full", display_name: "水满报警", data_type: "bool", type: "alert" },
    { name: "alert_filter", display_name: "滤网清洗提醒", data_type: "bool", type: "alert" },
    { name: "fault_roomtemp", display_name: "室温传感器故障", data_type: "bool", type: "fault" },
    { name: "fault_compressor", display_name: "压缩机故障", data_type: "bool", type: "fault" },
  ],
);
