import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { appGroupNameOf, prepareSchedule, scheduleDto } from "./schedules";

// Raw commands need no product definitions, so these run without an upstream.
const raw = { raw: [1, 0xab, 255] };
const NOW = Date.UTC(2026, 6, 15, 12);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("prepareSchedule", () => {
  it("sends the UTC form of what was entered, with raw bytes as hex, and keeps both for the audit log", async () => {
    const p = await prepareSchedule(
      "pk",
      {
        timeZone: "Asia/Shanghai",
        time: "08:00",
        recurrence: { kind: "weekly", weekdays: ["mon", "tue", "wed", "thu", "fri"] },
        command: raw,
        enabled: true,
      },
      NOW,
    );
    expect(p.body).toEqual({
      raw: "01abff",
      time: "00:00",
      repeat: "mon,tue,wed,thu,fri",
      date: undefined,
      days: undefined,
      startDate: undefined,
      endDate: undefined,
      enabled: true,
      remark: undefined,
    });
    expect(p.audit.utc).toEqual({ time: "00:00", repeat: "mon,tue,wed,thu,fri" });
    expect(p.audit.entered.time).toBe("08:00");
  });

  it("moves a one-off across the date line and drops start/end dates it does not use", async () => {
    const p = await prepareSchedule(
      "pk",
      {
        timeZone: "Asia/Shanghai",
        time: "07:00",
        recurrence: { kind: "once", date: "2026-03-02" },
        startDate: "2026-01-01",
        command: { raw: "0a0b", binary_coding: "hex" },
        enabled: false,
      },
      NOW,
    );
    expect(p.body).toMatchObject({ raw: "0a0b", time: "23:00", repeat: "none", date: "2026-03-01", startDate: undefined, enabled: false });
  });

  it("monthly days and the start/end bounds follow the day shift", async () => {
    const p = await prepareSchedule(
      "pk",
      {
        timeZone: "Asia/Shanghai",
        time: "06:00",
        recurrence: { kind: "monthly", days: [15, 2] },
        startDate: "2026-08-01",
        endDate: "2026-12-31",
        command: raw,
        enabled: true,
      },
      NOW,
    );
    expect(p.body).toMatchObject({ time: "22:00", repeat: "day", days: [1, 14], startDate: "2026-07-31", endDate: "2026-12-30" });
  });

  it("refuses day 1 at 06:00 Beijing (the last day of the previous month in UTC) in both languages, before anything is sent", async () => {
    const err = await refusal(
      prepareSchedule(
        "pk",
        { timeZone: "Asia/Shanghai", time: "06:00", recurrence: { kind: "monthly", days: [1, 10] }, command: raw, enabled: true },
        NOW,
      ),
    );
    expect(err.status).toBe(400);
    expect(err.text.en).toContain("Day 1 at 06:00 (Asia/Shanghai)");
    expect(err.text.en).toContain("last day of the previous month");
    expect(err.text["zh-CN"]).toContain("1 日");
  });

  it("refuses a New York evening day 28 (UTC 29, missing in February)", async () => {
    const err = await refusal(
      prepareSchedule(
        "pk",
        { timeZone: "America/New_York", time: "21:00", recurrence: { kind: "monthly", days: [28] }, command: raw, enabled: true },
        NOW,
      ),
    );
    expect(err.text.en).toContain("day after in UTC");
  });

  it.each([
    [{ timeZone: "Mars/Olympus", time: "08:00", recurrence: { kind: "once" as const, date: "2026-08-01" } }, "Unknown time zone"],
    [{ timeZone: "UTC", time: "08:00", recurrence: { kind: "once" as const, date: "2026-02-30" } }, "not a calendar date"],
    [
      {
        timeZone: "UTC",
        time: "08:00",
        recurrence: { kind: "weekly" as const, weekdays: ["mon" as const] },
        startDate: "2026-09-02",
        endDate: "2026-09-01",
      },
      "end date is before",
    ],
  ])("refuses %j", async (input, text) => {
    const err = await refusal(prepareSchedule("pk", { ...input, command: raw, enabled: true }, NOW));
    expect(err.status).toBe(400);
    expect(err.text.en).toContain(text);
  });

  it("refuses raw text that is not hex", async () => {
    const err = await refusal(
      prepareSchedule(
        "pk",
        {
          timeZone: "UTC",
          time: "08:00",
          recurrence: { kind: "once", date: "2026-08-01" },
          command: { raw: "zz", binary_coding: "hex" },
          enabled: true,
        },
        NOW,
      ),
    );
    expect(err.status).toBe(400);
  });
});

describe("scheduleDto", () => {
  const base = {
    id: "s1",
    createdAt: 1,
    productKey: "pk",
    did: "d",
    groupId: null,
    sceneId: null,
    attrs: null,
    date: null,
    time: "00:00",
    repeat: "mon",
    days: [],
    startDate: null,
    endDate: null,
    enabled: true,
    remark: null,
  };
  it("shows a decimal raw array (older clients) as hex, and attrs as they are", () => {
    expect(scheduleDto({ ...base, raw: [1, 171] }).command).toEqual({ raw: "01ab" });
    expect(scheduleDto({ ...base, raw: null, attrs: { set_temp: 26 } }).command).toEqual({ attrs: { set_temp: 26 } });
    expect(scheduleDto({ ...base, raw: null }).command).toBeNull();
  });
  it("names the mirror app group after the console group", () => {
    expect(appGroupNameOf("abc123")).toBe("gec-schedules-abc123");
  });
});
