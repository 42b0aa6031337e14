import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { EmulatorControl, EmulatorSample } from "../server/cli/emulator-control";
import { expect, test } from "./fixtures";

/** The first product's sample devices. */
async function sample(emulator: EmulatorControl): Promise<EmulatorSample> {
  return (await emulator.sample())[0]!;
}

/** The result count in the page header, as a number. */
async function resultCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("result-count").textContent()) ?? "";
  return Number(text.replace(/[^\d]/g, ""));
}

const rows = (page: Page) => page.locator("tbody tr[data-did]");

test.describe("device search", () => {
  test("filters narrow the table, go to the URL, and places cascade", async ({ asRole }) => {
    const page = await asRole("operator");
    await page.goto("/devices");
    await expect(rows(page).first()).toBeVisible();
    const all = await resultCount(page);
    expect(all).toBeGreaterThan(20);

    await page.getByLabel("Online", { exact: true }).selectOption("1");
    await expect(page).toHaveURL(/is_online=1/);
    await expect(rows(page).first()).toBeVisible();
    await expect.poll(() => resultCount(page)).toBeLessThan(all);
    await expect(page.locator('tbody tr[data-did] [data-status="offline"]')).toHaveCount(0);

    // The cascade offers only places that have devices; picking a country enables its regions.
    await expect(page.getByLabel("Region")).toBeDisabled();
    await page.getByLabel("Country").selectOption("China");
    await expect(page.getByLabel("Region")).toBeEnabled();
    const region = await page.getByLabel("Region").locator("option").nth(1).getAttribute("value");
    await page.getByLabel("Region").selectOption(region!);
    await expect(page).toHaveURL(new RegExp(`region=${encodeURIComponent(region!)}`));
    await expect(rows(page).first()).toBeVisible();
    for (const cell of await rows(page).locator("td:nth-child(5)").allInnerTexts()) expect(cell).toContain("China");
  });

  test("a shared link restores the filters; clearing and paging update the URL", async ({ asRole }) => {
    const page = await asRole("operator");
    await page.goto("/devices");
    await expect(rows(page).first()).toBeVisible();
    const all = await resultCount(page);
    const region = "Guangdong";
    await page.goto(`/devices?is_online=1&country=China&region=${region}`);
    await expect(rows(page).first()).toBeVisible();
    const narrowed = await resultCount(page);
    expect(narrowed).toBeLessThan(all);

    await page.reload();
    await expect(page.getByLabel("Online", { exact: true })).toHaveValue("1");
    await expect(page.getByLabel("Region")).toHaveValue(region!);
    await expect.poll(() => resultCount(page)).toBe(narrowed);

    // Clearing keeps the product but drops every filter.
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(page).not.toHaveURL(/is_online|country|region/);
    await expect.poll(() => resultCount(page)).toBe(all);

    // Paging is in the URL too.
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId("pagination-range")).toContainText("21");
  });

  test("keeps a MAC typed before the page became interactive", async ({ asRole, emulator }) => {
    const s = await sample(emulator);
    const target = s.offline[0]!;
    const page = await asRole("operator");
    // Hold the page's scripts: the search box is the server-rendered one until they run.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/devices?product=${s.product_key}`, { waitUntil: "domcontentloaded" });
    await page.getByPlaceholder("MAC address").fill(target.mac);
    release();
    // Once interactive, the typed text is still there and searching uses it.
    await page.waitForFunction(() => {
      const box = document.querySelector('input[placeholder="MAC address"]');
      return !!box && Object.keys(box).some((k) => k.startsWith("__reactFiber$"));
    });
    await expect(page.getByPlaceholder("MAC address")).toHaveValue(target.mac);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`type=mac&val=${target.mac}`));
    await expect(rows(page)).toHaveCount(1);
  });

  test("finds a device by MAC and by did, and a row opens the device page", async ({ asRole, emulator }) => {
    const s = await sample(emulator);
    const target = s.offline[0]!;
    const page = await asRole("operator");
    await page.goto(`/devices?product=${s.product_key}`);
    await page.getByPlaceholder("MAC address").fill(target.mac);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`type=mac&val=${target.mac}`));
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute("data-did", target.did);

    await page.getByLabel("Find by").selectOption("did");
    await page.getByPlaceholder("Device ID (did)").fill(s.online[0]!.did);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute("data-mac", s.online[0]!.mac);

    await rows(page).first().locator("td").nth(3).click();
    await expect(page).toHaveURL(new RegExp(`/devices/${s.online[0]!.did}\\?product=${s.product_key}`));
  });

  test("a device taken offline upstream is found by the offline filter (zh-CN)", async ({ asRole, emulator, baseURL }) => {
    const s = await sample(emulator);
    const target = s.online[1]!;
    const page = await asRole("operator");
    await page.context().addCookies([{ name: "gw_locale", value: "zh-CN", url: baseURL! }]);
    try {
      await emulator.post(`devices/${target.did}/offline`);
      await page.goto(`/devices?product=${s.product_key}&type=did&val=${target.did}&is_online=0`);
      await expect(page.getByRole("heading", { name: "设备" })).toBeVisible();
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first().locator('[data-status="offline"]')).toHaveText("离线");
      // With "online" the same device is not a match: a clear empty state.
      await page.getByLabel("在线", { exact: true }).selectOption("1");
      await expect(page.getByText("没有匹配的设备")).toBeVisible();
    } finally {
      await emulator.post(`devices/${target.did}/online`);
    }
  });

  test("saved views store the filters per user", async ({ asRole }) => {
    const page = await asRole("manager");
    await page.goto("/devices?is_faulty=1&page_size=50");
    await expect(rows(page).first()).toBeVisible();
    const name = `faulty ${Date.now()}`;
    await page.getByRole("button", { name: "Saved views" }).click();
    await page.getByRole("button", { name: "Save view" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText(`View “${name}” saved`)).toBeVisible();

    await page.goto("/devices");
    await page.getByRole("button", { name: "Saved views" }).click();
    await page.getByTestId("saved-views").getByRole("button", { name, exact: true }).click();
    await expect(page).toHaveURL(/is_faulty=1/);
    await expect(page).toHaveURL(/page_size=50/);
    await expect(page.locator('tbody tr[data-did] [data-status="fault"]').first()).toBeVisible();

    await page.getByRole("button", { name: "Saved views" }).click();
    await page.getByRole("button", { name: `Delete view “${name}”` }).click();
    await expect(page.getByTestId("saved-views").getByRole("button", { name, exact: true })).toHaveCount(0);
  });

  test("exports the whole search as CSV with a BOM, a header and the calls spent", async ({ asRole }) => {
    const page = await asRole("operator");
    await page.goto("/devices?is_faulty=1");
    await expect(rows(page).first()).toBeVisible();
    const total = await resultCount(page);
    expect(total).toBeLessThanOrEqual(1000);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("# Gizwits device export");
    expect(lines).toContain("# Filter: is_faulty=1");
    expect(lines.find((l) => l.startsWith("# Exported at: "))).toBeTruthy();
    expect(lines).toContain(`# Devices: ${total}; upstream calls planned: 1`);
    const data = lines.filter((l) => !l.startsWith("#") && !l.startsWith("did,"));
    expect(data).toHaveLength(total);
    expect(lines.at(-1)).toMatch(new RegExp(`^# Done: ${total} devices exported; [01] upstream calls spent$`));
  });

  test("a large export first shows its cost against the remaining quota", async ({ asRole }) => {
    const page = await asRole("operator");
    await page.goto("/devices?show_disabled=1");
    await expect(rows(page).first()).toBeVisible();
    const total = await resultCount(page);
    test.skip(total <= 1000, "the demo product has no more than one page of devices");
    await page.getByTestId("export-csv").click();
    const preview = page.getByTestId("export-preview");
    await expect(preview).toContainText(`takes ${Math.ceil(total / 1000)} Gizwits API calls`);
    await expect(preview).toContainText(/calls remain this hour|not known yet/);
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(preview).toHaveCount(0);
  });
});
