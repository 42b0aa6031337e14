import type { Page } from "@playwright/test";
import { AIR_CONDITIONER, devicePath, emulatorDevices } from "./device-helpers";
import { expect, test } from "./fixtures";

/*
 * Scheduled commands (issue 13 §4). The console's zone is Asia/Shanghai (CONSOLE_TIMEZONE's
 * default); Gizwits keeps schedules in UTC and the emulator runs them by its clock
 * (/__emulator/openapi/scheduler/run). The air conditioner has AppIDs, so the Open API is configured.
 */
const PK = AIR_CONDITIONER;
const groupsApi = `/api/products/${PK}/groups`;

interface ScheduleRow {
  id: string;
  enabled: boolean;
  command: { attrs: Record<string, unknown> } | { raw: string } | null;
  utc: { time: string; repeat: string; date: string | null; days: number[] };
}

/** Tomorrow in Shanghai as YYYY-MM-DD, and the UTC instant of 08:00 that day (00:00 UTC). */
function tomorrowInShanghai(): { day: string; at0800Utc: number } {
  const now = Date.now() + 8 * 3600_000 + 86_400_000;
  const d = new Date(now);
  const day = d.toISOString().slice(0, 10);
  return { day, at0800Utc: Date.parse(`${day}T00:00:00Z`) };
}

async function pickDatapoint(page: Page, name: string, value: string) {
  const editor = page.getByTestId("schedule-editor");
  await editor.getByTestId(`sch-dp-${name}`).check();
  await editor.locator(`#ctl-${name}`).fill(value);
}

test.describe("schedules", () => {
  test("ops schedules a group every weekday 08:00 Beijing time: stored as 00:00 UTC Mon–Fri", async ({ asRole, emulator }) => {
    const page = await asRole("ops");
    const devices = await emulatorDevices(PK, { online: true, skip: 40, limit: 3 });
    const root = ((await (await page.request.get(groupsApi)).json()) as { groups: { gid: string }[] }).groups[0]!.gid;
    const created = await page.request.post(groupsApi, { data: { parentGid: root, name: `Schedules e2e ${Date.now().toString(36)}` } });
    expect(created.status()).toBe(201);
    const { gid } = (await created.json()) as { gid: string };
    const assigned = await page.request.put(`${groupsApi}/${gid}/devices`, {
      data: { action: "assign", macs: devices.map((d) => d.mac), reassign: true },
    });
    expect(assigned.ok()).toBe(true);

    await page.goto(`/groups?product=${PK}&gid=${gid}`);
    const section = page.getByTestId("group-schedules");
    await expect(section.getByTestId("group-schedule-membership")).toContainText("No group schedule yet");
    await section.getByTestId("schedule-add").click();
    const editor = page.getByTestId("schedule-editor");
    await editor.locator("#sch-kind").selectOption("weekly");
    await editor.locator("#sch-time").fill("08:00");
    for (const w of ["mon", "tue", "wed", "thu", "fri"]) await expect(editor.getByTestId(`sch-wd-${w}`)).toBeChecked();
    for (const w of ["sat", "sun"]) await expect(editor.getByTestId(`sch-wd-${w}`)).not.toBeChecked();
    await pickDatapoint(page, "set_temp", "26");
    await expect(editor.getByTestId("schedule-preview")).toContainText("mon,tue,wed,thu,fri 00:00 UTC");
    await page.getByTestId("schedule-save").click();
    await expect(editor).toBeHidden();

    const row = section.getByTestId("schedule-row");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("schedule-local")).toContainText("Every weekday at 08:00");
    await expect(row.getByTestId("schedule-utc")).toHaveText("mon,tue,wed,thu,fri 00:00 UTC");
    await expect(section.getByTestId("group-schedule-membership")).toContainText("Membership last synced");

    // The API answers the stored UTC form; the emulator holds it on the app group.
    const api = (await (await page.request.get(`${groupsApi}/${gid}/schedules`)).json()) as {
      mirror: { appGroupId: string; covered: number } | null;
      schedules: ScheduleRow[];
    };
    expect(api.schedules).toHaveLength(1);
    expect(api.schedules[0]!.utc).toMatchObject({ time: "00:00", repeat: "mon,tue,wed,thu,fri" });
    expect(api.schedules[0]!.command).toEqual({ attrs: { set_temp: 26 } });
    expect(api.mirror?.covered).toBeGreaterThan(0);
    // The screen says what the schedule covers: the app group's members at the sync just made.
    await expect(section.getByTestId("group-schedule-synced")).toContainText(`${api.mirror!.covered} of 3 devices covered`);
    await expect(section.getByTestId("group-schedule-membership")).toContainText(`Covers the ${api.mirror!.covered} devices`);
    const emu = await emulator.get<{ schedules: { id: string; group_id: string; repeat: string; time: string }[] }>("openapi/scheduler");
    expect(emu.schedules.find((s) => s.id === api.schedules[0]!.id)).toMatchObject({
      group_id: api.mirror!.appGroupId,
      repeat: "mon,tue,wed,thu,fri",
      time: "00:00",
    });

    // A monthly day 1 at 06:00 Beijing would be "the last day of the previous month" in UTC: refused, in words.
    await section.getByTestId("schedule-add").click();
    await editor.locator("#sch-kind").selectOption("monthly");
    await editor.locator("#sch-time").fill("06:00");
    await expect(editor.getByTestId("schedule-preview")).toContainText("last day of the previous month");
    await expect(page.getByTestId("schedule-save")).toBeDisabled();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    const refused = await page.request.post(`${groupsApi}/${gid}/schedules`, {
      data: { timeZone: "Asia/Shanghai", time: "06:00", recurrence: { kind: "monthly", days: [1] }, command: { attrs: { set_temp: 26 } } },
    });
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/UTC/);

    // Clean up: the schedule (so the emulator's clock leaves these devices alone).
    expect((await page.request.delete(`${groupsApi}/${gid}/schedules/${api.schedules[0]!.id}`)).status()).toBe(204);
  });

  test("a device schedule fires in the emulator and changes the device; edit, disable, read-only for operators, delete, audited", async ({
    asRole,
    emulator,
  }) => {
    // One flow through every step (create → fire → edit → disable → read-only → delete → audit) on a 2-core machine.
    test.setTimeout(240_000);
    const [dev] = await emulatorDevices(PK, { online: true, skip: 45 });
    const did = dev!.did;
    const api = `/api/products/${PK}/devices/${did}/schedules`;
    const page = await asRole("ops");

    const status = async () =>
      (
        (await (await page.request.get(`/api/products/${PK}/devices/${did}/status`, { params: { fresh: "1" } })).json()) as {
          attrs: Record<string, unknown>;
        }
      ).attrs;
    const before = Number((await status()).set_temp);
    const target = before === 27 ? 19 : 27;

    await page.goto(devicePath(PK, did, "schedules"));
    const panel = page.getByTestId("schedules-panel");
    await expect(panel.getByTestId("schedule-not-bound")).toBeVisible();
    await panel.getByTestId("schedule-add").click();
    const editor = page.getByTestId("schedule-editor");
    const { day, at0800Utc } = tomorrowInShanghai();
    await editor.locator("#sch-kind").selectOption("once");
    await editor.locator("#sch-date").fill(day);
    await editor.locator("#sch-time").fill("08:00");
    await pickDatapoint(page, "set_temp", String(target));
    await expect(editor.getByTestId("schedule-preview")).toContainText(`${day} 00:00 UTC`);
    await page.getByTestId("schedule-save").click();
    await expect(editor).toBeHidden();
    await expect(panel.getByTestId("schedule-bound-now")).toContainText("service user was bound to this device");
    const row = panel.getByTestId("schedule-row");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("schedule-local")).toContainText(`Once on ${day} at 08:00`);

    const [stored] = ((await (await page.request.get(api)).json()) as { bound: boolean; schedules: ScheduleRow[] }).schedules;
    expect(stored!.utc).toMatchObject({ time: "00:00", repeat: "none", date: day });

    // Advance the emulator's scheduler to exactly 08:00 Beijing tomorrow: the schedule is due then, not before.
    const early = await emulator.runSchedules({ at: at0800Utc / 1000 - 60 });
    expect(early.runs.find((r) => r.id === stored!.id)).toBeUndefined();
    const run = await emulator.runSchedules({ at: at0800Utc / 1000 });
    const ours = run.runs.find((r) => r.id === stored!.id);
    expect(ours?.occurrence).toBe(at0800Utc / 1000);
    expect(ours?.results).toEqual([{ did, result: true, error: null }]);
    await expect.poll(async () => Number((await status()).set_temp)).toBe(target);
    // …and the Status tab shows it.
    await page.goto(devicePath(PK, did));
    await expect(page.getByRole("tabpanel")).toContainText(String(target));

    // Edit: 09:30 Beijing is 01:30 UTC.
    await page.goto(devicePath(PK, did, "schedules"));
    await panel.getByTestId("schedule-row").getByRole("button", { name: "Edit" }).click();
    await editor.locator("#sch-time").fill("09:30");
    await expect(editor.getByTestId("schedule-preview")).toContainText(`${day} 01:30 UTC`);
    await page.getByTestId("schedule-save").click();
    await expect(editor).toBeHidden();
    await expect(panel.getByTestId("schedule-utc")).toHaveText(`${day} 01:30 UTC`);

    // Disable.
    await panel.getByTestId("schedule-row").getByRole("switch").click();
    await expect
      .poll(async () => ((await (await page.request.get(api)).json()) as { schedules: ScheduleRow[] }).schedules[0]?.enabled)
      .toBe(false);
    await expect(panel.getByTestId("schedule-next")).toContainText("No further run");

    // An operator reads, and cannot change.
    const operator = await asRole("operator");
    await operator.goto(devicePath(PK, did, "schedules"));
    const opPanel = operator.getByTestId("schedules-panel");
    await expect(opPanel.getByTestId("schedule-readonly")).toBeVisible();
    await expect(opPanel.getByTestId("schedule-row")).toHaveCount(1);
    await expect(opPanel.getByTestId("schedule-add")).toHaveCount(0);
    await expect(opPanel.getByRole("button", { name: "Edit" })).toHaveCount(0);
    await expect(opPanel.getByRole("switch")).toHaveCount(0);
    expect((await operator.request.delete(`${api}/${stored!.id}`)).status()).toBe(403);

    // Delete.
    await panel.getByTestId("schedule-row").getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(panel.getByTestId("schedule-row")).toHaveCount(0);

    // The audit log lists every change, the binding it triggered, and the operator's refused delete.
    const admin = await asRole("admin");
    await admin.goto(`/audit?q=${did}`);
    const table = admin.getByRole("table");
    for (const action of ["schedule.bind", "schedule.create", "schedule.update", "schedule.disable", "schedule.delete"]) {
      await expect(table.getByText(action, { exact: true }).first()).toBeVisible();
    }
  });
});
