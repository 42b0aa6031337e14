import { expect, test } from "./fixtures";
import { E2E_PORT } from "../playwright.config";
import { AIR_CONDITIONER, devicePath, emulatorDevices, WATER_METER } from "./device-helpers";

test.describe("device page", () => {
  test("status, history, communication log, online/offline and users tabs each load their data", async ({ asRole }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 3 });
    const page = await asRole("operator");

    await page.goto(devicePath(WATER_METER, dev!.did));
    const header = page.getByTestId("device-header");
    await expect(header).toContainText(dev!.did);
    await expect(header).toContainText(dev!.mac);
    await expect(header.locator("[data-status='online']")).toBeVisible();
    // Status: every datapoint with its real value; the writable valve shows On/Off.
    await expect(page.getByTestId("value-valve")).toHaveText(/^(On|Off)/);
    await expect(page.getByTestId("value-flow_rate")).toHaveText(/\d/);
    await expect(page.getByTestId("status-reported")).toContainText("Last report");

    // History: the 7-day range is fetched as 2-day windows; the coverage bar fills up.
    await page.getByRole("tab", { name: "History", exact: true }).click();
    await expect(page).toHaveURL(/tab=history/);
    await page.getByLabel("Range").selectOption("7d");
    const coverage = page.getByTestId("coverage-bar");
    await expect(coverage).toHaveAttribute("data-total", "4");
    await expect(coverage).toHaveAttribute("data-loaded", "4");
    await expect(coverage.locator("[data-state='full']").first()).toBeVisible();
    await expect(page.locator("figure canvas")).toBeVisible();
    await page.getByRole("button", { name: "Table", exact: true }).click();
    await expect(page.getByRole("table").locator("tbody tr").first()).toContainText(/\d{4}-\d{2}-\d{2}/);

    // Communication log: direction, hex payload, byte view on expanding a row.
    await page.getByRole("tab", { name: "Communication log", exact: true }).click();
    const firstRow = page.getByRole("table").locator("tbody tr").first();
    await expect(firstRow).toContainText(/App → device|Device → app|app2dev|dev2app/i);
    await expect(firstRow).toContainText(/00 00 00 03/);
    await firstRow.getByRole("button").first().click();
    await expect(page.getByTestId("byte-view").first()).toContainText("0000");

    // Online/offline: sessions, heartbeat statistics and reasons in words.
    await page.getByRole("tab", { name: "Online/offline", exact: true }).click();
    await expect(page.getByTestId("online-timeline")).toBeVisible();
    await expect(page.getByTestId("heartbeat-summary")).toContainText("Heartbeats");

    // Users: the bound-user list (or its empty state) for this did.
    await page.getByRole("tab", { name: "Users", exact: true }).click();
    // The empty state sits inside the table, so both match when nobody is bound: either will do.
    await expect(page.getByRole("table", { name: "Users" }).or(page.getByText("No users are bound to this device.")).first()).toBeVisible();
  });

  test("opening a device by MAC lands on its did, in Chinese too", async ({ asRole }) => {
    const [dev] = await emulatorDevices(WATER_METER, { skip: 5 });
    const page = await asRole("operator");
    await page.context().addCookies([{ name: "gw_locale", value: "zh-CN", url: `http://127.0.0.1:${E2E_PORT}` }]);
    await page.goto(`/devices/${encodeURIComponent(dev!.mac)}?product=${WATER_METER}`);
    await expect(page).toHaveURL(new RegExp(`/devices/${dev!.did}`));
    await expect(page.getByRole("tab", { name: "状态", exact: true })).toBeVisible();
    await expect(page.getByRole("tab", { name: "通信日志", exact: true })).toBeVisible();
  });

  test("aggregation: buckets for a product that has it, a plain explanation for one that does not", async ({ asRole }) => {
    const [meter] = await emulatorDevices(WATER_METER, { skip: 7 });
    const page = await asRole("manager");
    await page.goto(devicePath(WATER_METER, meter!.did, "agg"));
    await expect(page.getByRole("table", { name: "Table" }).locator("tbody tr").first()).toContainText(/\d/);
    await expect(page.getByTestId("agg-not-enabled")).toHaveCount(0);

    const [ac] = await emulatorDevices(AIR_CONDITIONER, { skip: 7 });
    await page.goto(devicePath(AIR_CONDITIONER, ac!.did, "agg"));
    const notice = page.getByTestId("agg-not-enabled");
    await expect(notice).toContainText("not enabled for this product");
    await expect(notice).toContainText(AIR_CONDITIONER);
    await expect(page.locator("figure canvas")).toHaveCount(0);
  });
});
