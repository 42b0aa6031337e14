import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { e2eEmulator, expect, test } from "./fixtures";
import { AIR_CONDITIONER, devicePath, emulatorDevices, WATER_METER } from "./device-helpers";

/** The console's time zone in the e2e setup (CONSOLE_TIMEZONE default): Shanghai, UTC+8 all year. */
const CST_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, "0");
/** Wall-clock "YYYY-MM-DDTHH:mm" in Shanghai, `daysAgo` days before today, at `hour`:00. */
function cstLocal(daysAgo: number, hour: number): { text: string; epochSec: number } {
  const d = new Date(Date.now() + CST_MS - daysAgo * 86_400_000);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return { text: `${y}-${pad(m)}-${pad(day)}T${pad(hour)}:00`, epochSec: (Date.UTC(y, m - 1, day, hour) - CST_MS) / 1000 };
}

async function downloadText(download: Download): Promise<string> {
  const path = await download.path();
  if (!path) throw new Error("download has no file");
  return readFile(path, "utf8");
}

const tableRows = (page: Page, name: string) => page.getByRole("table", { name }).locator("tbody tr");

test.describe("operator workflows", () => {
  test.afterAll(async ({ emulator }) => {
    // Group and binding changes live in the shared emulator: restore its seeded tenant for the specs after us.
    await emulator.post("reset");
  });

  /**
   * The air conditioner is a published product: its communication log answers only once Gizwits
   * enabled it (issue 12). The cmd tests below enable it in the emulator and have the console
   * check again (it may have learned "not enabled" from an earlier spec); reset restores it.
   */
  async function enableAcHistory(page: Page, emulator: import("./fixtures").EmulatorControl): Promise<void> {
    await emulator.config({ historyEnabled: [AIR_CONDITIONER] });
    expect((await page.request.delete(`/api/capabilities/${AIR_CONDITIONER}`)).status()).toBe(200);
  }

  test("any 3 hours of last week in the communication log: asked as one window, kept in the URL", async ({ asRole, emulator }) => {
    const [dev] = await emulatorDevices(AIR_CONDITIONER, { online: true, skip: 2 });
    const page = await asRole("operator");
    await enableAcHistory(page, emulator);
    const from = cstLocal(7, 9);
    const to = cstLocal(7, 12);
    const asked = page.waitForRequest((r) => /\/devices\/[^/]+\/cmd\?/.test(r.url()));
    await page.goto(`${devicePath(AIR_CONDITIONER, dev!.did, "cmd")}&range=custom&from=${from.text}&to=${to.text}`);
    const url = new URL((await asked).url());
    expect(Number(url.searchParams.get("start"))).toBe(from.epochSec);
    expect(Number(url.searchParams.get("end"))).toBe(to.epochSec);
    // The picker shows the free range, nothing was clamped, and a 3-hour range is one window.
    await expect(page.getByTestId("range-from")).toHaveValue(from.text);
    await expect(page.getByTestId("range-to")).toHaveValue(to.text);
    await expect(page.getByTestId("range-notice")).toHaveCount(0);
    await expect(page.getByTestId("cmd-window")).toHaveCount(0);
    await expect(page.getByTestId("cmd-position")).toHaveAttribute("data-page", "1");
  });

  test("a free range is picked with date and time, applied to the URL, and clamped to the lookback with a message", async ({ asRole }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 4 });
    const page = await asRole("operator");
    await page.goto(devicePath(WATER_METER, dev!.did, "history"));
    await page.getByLabel("Range").selectOption("custom");
    const from = cstLocal(3, 8);
    const to = cstLocal(2, 20);
    await page.getByTestId("range-from").fill(from.text);
    await page.getByTestId("range-to").fill(to.text);
    await page.getByTestId("range-apply").click();
    await expect(page).toHaveURL(new RegExp(`range=custom&from=${encodeURIComponent(from.text)}&to=${encodeURIComponent(to.text)}`));
    // 36 hours from 08:00: the windows are anchored at local midnight, so it takes one or two of them.
    await expect(page.getByTestId("coverage-bar")).toHaveAttribute("data-loaded", /^[12]$/);

    // Partly older than the API keeps: loaded from 30 days back, and said so.
    await page.goto(`${devicePath(WATER_METER, dev!.did, "history")}&range=custom&from=${cstLocal(40, 0).text}&to=${cstLocal(2, 0).text}`);
    await expect(page.getByTestId("range-notice")).toContainText("keeps only the last 30 days");
    // Wholly older: nothing to load, the default range is shown instead, and said so.
    await page.goto(`${devicePath(WATER_METER, dev!.did, "online")}&range=custom&from=${cstLocal(45, 0).text}&to=${cstLocal(40, 0).text}`);
    await expect(page.getByTestId("range-notice")).toContainText("outside the last 30 days");
  });

  test("communication log: older/newer walk the pages and windows and come back to the same rows; a direction filter", async ({
    asRole,
    emulator,
  }) => {
    const [dev] = await emulatorDevices(AIR_CONDITIONER, { online: true, skip: 6 });
    const page = await asRole("operator");
    await enableAcHistory(page, emulator);
    await page.goto(`${devicePath(AIR_CONDITIONER, dev!.did, "cmd")}&range=7d`);
    const rows = tableRows(page, "Communication log");
    const position = page.getByTestId("cmd-position");
    // The first row's text once the page's records are in (skeleton rows fill the table meanwhile).
    const settledFirstRow = async () => {
      await expect(page.getByRole("table", { name: "Communication log" })).not.toHaveAttribute("aria-busy", "true");
      await expect(rows.first()).toBeVisible();
      return (await rows.first().textContent()) ?? "";
    };
    const first = await settledFirstRow();

    await page.getByRole("button", { name: "Older", exact: true }).click();
    await expect(position).toHaveAttribute("data-page", "2");
    await expect(rows.first()).not.toHaveText(first);
    const second = await settledFirstRow();
    await page.getByRole("button", { name: "Older", exact: true }).click();
    await expect(position).toHaveAttribute("data-page", "3");
    // "Newer" goes back one page, not to the first one.
    await page.getByRole("button", { name: "Newer", exact: true }).click();
    await expect(position).toHaveAttribute("data-page", "2");
    await expect(rows.first()).toHaveText(second);
    await page.getByRole("button", { name: "Newest", exact: true }).click();
    await expect(position).toHaveAttribute("data-page", "1");
    await expect(rows.first()).toHaveText(first);

    await page.getByTestId("cmd-direction").selectOption("dev2app");
    await expect(page).toHaveURL(/dir=dev2app/);
    await expect(rows.first()).toContainText("Device → app");
    await expect(rows.filter({ hasText: "App → device" })).toHaveCount(0);
  });

  test("aggregation: a water meter's use by month over a year, asked in calendar-month parts", async ({ asRole }) => {
    const [meter] = await emulatorDevices(WATER_METER, { skip: 8 });
    const now = new Date(Date.now() + CST_MS);
    const [y, m] = [now.getUTCFullYear(), now.getUTCMonth() + 1];
    const page = await asRole("manager");
    const asked: string[] = [];
    page.on("request", (r) => {
      if (/\/devices\/[^/]+\/agg\?/.test(r.url())) asked.push(r.url());
    });
    await page.goto(
      `${devicePath(WATER_METER, meter!.did, "agg")}&range=custom&from=${y - 1}-${pad(m)}-01T00:00&to=${y}-${pad(m)}-01T00:00&unit=MONTHS&agg=sum`,
    );
    const parts = page.getByTestId("agg-parts");
    await expect(parts).toHaveAttribute("data-total", "12");
    await expect(parts).toHaveAttribute("data-loaded", "12", { timeout: 20_000 });
    const rows = tableRows(page, "Table");
    await expect(rows).toHaveCount(12);
    await expect(rows.first()).toContainText(`${y - 1}-${pad(m)}`);
    await expect(rows.last()).toContainText(m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`);
    // Every part starts on the 1st of a month at local midnight and spans at most 31 days.
    for (const u of asked) {
      const q = new URL(u).searchParams;
      const start = Number(q.get("start"));
      const end = Number(q.get("end"));
      expect(end - start).toBeLessThanOrEqual(31 * 86_400_000);
      expect(new Date(start + CST_MS).getUTCDate()).toBe(1);
      expect(new Date(start + CST_MS).getUTCHours()).toBe(0);
    }
  });

  test("300 devices ticked across pages of the device list are moved into a group, and exported", async ({ asRole }) => {
    const page = await asRole("operator");
    await page.goto(`/devices?product=${AIR_CONDITIONER}&page_size=100`);
    const selectPage = async () => {
      await expect(page.getByRole("table").locator("tbody tr").first()).toBeVisible();
      await page.getByLabel("Select all rows on this page").check();
    };
    await selectPage();
    for (let i = 0; i < 2; i++) {
      await page.getByRole("button", { name: "Next" }).click();
      await expect(page).toHaveURL(new RegExp(`page=${i + 2}`));
      await selectPage();
    }
    const bar = page.getByTestId("selection-bar");
    await expect(bar).toContainText("300 selected");
    await expect(bar).not.toContainText("Drag");

    // Export the selection: from the rows already loaded, so it costs nothing upstream.
    await bar.getByTestId("sel-export").click();
    await expect(page.getByTestId("sel-export-preview")).toContainText("no upstream API calls");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("sel-export-start").click()]);
    const csv = await downloadText(download);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]?.replace(/^\uFEFF/, "").startsWith("did,mac,")).toBe(true);
    expect(lines.filter((l) => !l.startsWith("did,") && !l.startsWith("#") && !l.startsWith("\uFEFF"))).toHaveLength(300);
    expect(lines.at(-1)).toBe("# Complete: 300 rows");

    // Into a group: pick it, then the chunked runner (one request for 300).
    await bar.getByTestId("sel-assign").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Group", { exact: true }).selectOption({ index: 1 });
    await dialog.getByTestId("sel-group-next").click();
    await expect(page.getByTestId("bulk-counts")).toContainText("300");
    await page.getByTestId("bulk-reassign").check();
    await page.getByTestId("bulk-start").click();
    await expect(page.getByTestId("bulk-summary")).toHaveText("300 succeeded, 0 failed", { timeout: 20_000 });
  });

  test("exports say their cost first: registered users, the new-device list (every page) and a group's members", async ({ asRole }) => {
    const page = await asRole("manager");
    const products = await e2eEmulator().sample();
    const pk = products.find((p) => p.bound_user)!.product_key;

    await page.goto(`/users?product=${pk}`);
    await expect(page.getByTestId("result-count")).toBeVisible();
    await page.getByTestId("users-export").click();
    await expect(page.getByTestId("users-export-preview")).toContainText("upstream API calls");
    const [users] = await Promise.all([page.waitForEvent("download"), page.getByTestId("users-export-start").click()]);
    const usersCsv = await downloadText(users);
    const total = Number(((await page.getByTestId("result-count").textContent()) ?? "").replace(/\D/g, ""));
    expect(usersCsv.trim().split("\r\n").at(-1)).toBe(`# Complete: ${total} rows`);

    await page.goto(`/reports?product=${pk}&tab=new-devices&page_size=20`);
    await expect(page.getByTestId("rows-total")).toContainText(/\d+ devices/);
    const listed = Number(((await page.getByTestId("rows-total").textContent()) ?? "").replace(/\D/g, ""));
    await page.getByTestId("report-export").click();
    await expect(page.getByTestId("report-export-preview")).toContainText("upstream API calls");
    const [report] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-export-start").click()]);
    // Every row of the range, not only the 20 on screen.
    expect((await downloadText(report)).trim().split("\r\n").at(-1)).toBe(`# Complete: ${listed} rows`);

    // A group with members offers their export (streamed like the device list's).
    await page.goto(`/groups?product=${AIR_CONDITIONER}`);
    await page.getByTestId("group-node").first().click();
    await expect(page.getByTestId("group-device-count")).toHaveText(/^[\d,]+$/);
    const members = Number(((await page.getByTestId("group-device-count").textContent()) ?? "").replace(/\D/g, ""));
    await expect(page.getByTestId("group-export")).toHaveCount(members > 0 ? 1 : 0);
  });

  test("the device page's Users tab binds a user and unbinds them again", async ({ asRole }) => {
    const products = await e2eEmulator().sample();
    const s = products.find((p) => p.bound_user)!;
    const bu = s.bound_user!;
    const target = [...s.online, ...s.offline].find((d) => d.did !== bu.did)!;
    const page = await asRole("operator");
    await page.goto(devicePath(s.product_key, target.did, "users"));
    const users = page.getByRole("table", { name: "Users" });

    await page.getByTestId("user-bind").click();
    let dialog = page.getByRole("dialog");
    await dialog.getByLabel("Find the user by").selectOption("uid");
    await dialog.getByTestId("user-pick-input").fill(bu.uid);
    await dialog.getByRole("button", { name: "Use this UID" }).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel("App ID").selectOption(bu.appid);
    await expect(dialog.getByLabel("Device IDs (did)")).toHaveValue(target.did);
    await dialog.getByRole("button", { name: "Review", exact: true }).click();
    await dialog.getByTestId("binding-send").click();
    await expect(dialog.getByTestId("binding-result").locator(`[data-did="${target.did}"]`)).toHaveAttribute("data-outcome", "ok");
    await dialog.getByRole("button", { name: "Done" }).click();
    const row = users.locator("tbody tr").filter({ hasText: bu.uid });
    await expect(row).toHaveCount(1);

    await row.getByTestId("user-unbind").click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel("App ID").selectOption(bu.appid);
    await dialog.getByRole("button", { name: "Review", exact: true }).click();
    await dialog.getByTestId("binding-send").click();
    await expect(dialog.getByTestId("binding-result").locator(`[data-did="${target.did}"]`)).toHaveAttribute("data-outcome", "ok");
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(users.locator("tbody tr").filter({ hasText: bu.uid })).toHaveCount(0);
  });

  test("the overview narrows to a group and its numbers open the group's lists", async ({ asRole }) => {
    const page = await asRole("manager");
    await page.goto(`/?product=${AIR_CONDITIONER}`);
    // The Overview's filter asks for the group tree when the user comes to it (focus, pointer).
    const picker = page.getByTestId("overview-group").getByLabel("Group", { exact: true });
    await picker.focus();
    await picker.selectOption({ index: 1 });
    await expect(page).toHaveURL(/gid=/);
    const gid = new URL(page.url()).searchParams.get("gid")!;
    await expect(page.getByTestId("kpi-faulty")).toHaveAttribute("href", new RegExp(`gid=${gid}.*is_faulty=1|is_faulty=1.*gid=${gid}`));
    await expect(page.getByTestId("kpi-activated")).toHaveAttribute("href", new RegExp(`gid=${gid}`));
  });
});
