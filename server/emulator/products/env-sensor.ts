/** Product 3: environment sensor (remote control switched off by default). */
import { hash4, hourOfDay, unit4 } from "../util";
import { ambient, clamp, defineProduct, toRaw, type UintSpec } from "./define";

const ES_TEMP: UintSpec = { min: 0, max: 1250, ratio: 0.1, addition: -40 };

export const envSensor = defineProduct(
  {
    key: "9a3c5e7f1b2d4f6a8c0e2a4c6e8f0b1d",
    secret: "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b",
    name: "Environment Sensor / 环境传感器",
    share: 0.1,
    aggEnabled: false,
    published: false,
    remoteControlDefault: false,
    model: {
      baseline(device, salt) {
        return { led: hash4(salt, device, 0x31) % 4 === 0 ? 0 : 1, sample_rate: [5, 10, 15, 30][hash4(salt, device, 0x32) % 4] };
      },
      readonly({ device, salt, t, lat }) {
        const hour = hourOfDay(t);
        const rush = Math.exp(-((hour - 8) ** 2) / 4) + Math.exp(-((hour - 18) ** 2) / 5);
        const base = 20 + unit4(salt, device, 0x33) * 60;
        const pm = base * (1 + rush) * (0.8 + 0.4 * unit4(salt, device, Math.floor(t / 1800), 0x34));
        return {
          pm25: clamp(Math.round(pm), 0, 1000),
          temperature: toRaw(ambient(t, lat, device, salt), ES_TEMP),
          humidity: clamp(Math.round(50 + 20 * Math.sin(t / 30000 + device)), 0, 100),
          co2: clamp(Math.round(420 + 300 * rush + unit4(salt, device, Math.floor(t / 600), 0x35) * 80), 0, 5000),
        };
      },
      reportInterval(_device, _salt, writable) {
        return Math.max(1, Number(writable.sample_rate)) * 60;
      },
    },
  },
  [
    { name: "led", display_name: "指示灯", data_type: "bool", type: "status_writable" },
    {
      name: "sample_rate",
      display_name: "采样间隔(分钟)",
      data_type: "uint8",
      type: "status_writable",
      uint_spec: { min: 1, max: 60, ratio: 1, addition: 0 },
    },
    {
      name: "pm25",
      display_name: "PM2.5",
      data_type: "uint16",
      type: "status_readonly",
      uint_spec: { min: 0, max: 1000, ratio: 1, addition: 0 },
    },
    { name: "temperature", display_name: "温度", data_type: "uint16", type: "status_readonly", uint_spec: ES_TEMP },
    {
      name: "humidity",
      display_name: "湿度",
      data_type: "uint8",
      type: "status_readonly",
      uint_spec: { min: 0, max: 100, ratio: 1, addition: 0 },
    },
    {
      name: "co2",
      display_name: "二氧化碳",
      data_type: "uint16",
      type: "status_readonly",
      uint_spec: { min: 0, max: 5000, ratio: 1, addition: 0 },
    },
    { name: "alert_pm25", display_name: "PM2.5超标", data_type: "bool", type: "alert" },
    { name: "fault_sensor", display_name: "传感器故障", data_type: "bool", type: "fault" },
  ],
);
