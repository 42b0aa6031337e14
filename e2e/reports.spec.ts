import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parseDay = (d: string) => Date.parse(`${d}T00:00:00Z`);

async function openTab(page: Page, tab: string, extra = "") {
  await page.goto(`/reports?tab=${tab}${extra}`);
  // The report's own tab (some reports have a second tab row inside their panel).
  await expect(page.getByRole("tab", { selected: true }).first()).toBeVisible();
}

test.describe("reports", () => {
  const chartTabs = ["locations", "liveness", "activation", "faults", "alerts", "users"] as const;
  for (const tab of chartTabs) {
    test(`the ${tab} report shows its chart and the table of the same numbers`, async ({ asRole }) => {
      const page = await asRole("manager");
      await openTab(page, tab);
      const panel = page.getByRole("tabpanel").first();
      await expect(panel.locator("canvas").first()).toBeVisible();
      // The location table under every map: at least one place row.
      await expect(panel.getByRole("table").last().getByRole("row").nth(1)).toBeVisible();
      await expect(panel.getByRole("alert")).toHaveCount(0);
    });
  }

  for (const tab of ["active-devices", "new-devices"] as const) {
    test(`the ${tab} details page through their devices and filter by place`, async ({ asRole }) => {
      const page = await asRole("manager");
      await openTab(page, tab);
      await expect(page.getByTestId("rows-total")).toContainText(/\d+ devices/);
      await page.getByLabel("Country").selectOption("China");
      await expect(page).toHaveURL(/[?&]country=China/);
      await page.getByLabel("Region / province").selectOption("Guangdong");
      await expect(page).toHaveURL(/[?&]region=Guangdong/);
      const rows = page.getByRole("tabpanel").getByRole("table").getByRole("row");
      await expect(rows.nth(1)).toContainText("Guangdong");
    });
  }

  test("the faults report splits resolved from unresolved, for devices and for events", async ({ asRole }) => {
    const page = await asRole("manager");
    await openTab(page, "faults");
    const totals = page.getByTestId("fault-totals");
    await expect(totals.locator('[data-measure="total"]')).not.toHaveText("—");
    const n = async (m: string) => Number(((await totals.locator(`[data-measure="${m}"]`).textContent()) ?? "").replace(/\D/g, ""));
    expect((await n("resolved")) + (await n("unresolved"))).toBe(await n("total"));
    await page.getByRole("tab", { name: "Events" }).click();
    await expect(page).toHaveURL(/[?&]scope=events/);
    await expect(page.getByRole("tabpanel").getByRole("figure", { name: /By datapoint/ })).toBeVisible();
  });

  test("the period picker keeps ranges within 30 days, 53 weeks and 12 months", async ({ asRole }) => {
    const page = await asRole("manager");
    await openTab(page, "liveness");
    const from = page.getByLabel("From");
    const to = page.getByLabel("To");
    const end = await to.inputValue();
    // The newest period is yesterday's (reports are computed the next day).
    expect(await to.getAttribute("max")).toBe(end);
    // Moving the start 60 days back drags the end along: the range stays at 30 days.
    const start = parseDay(end) - 60 * DAY;
    await from.fill(dayOf(start));
    await from.press("Enter");
    await expect(page).toHaveURL(new RegExp(`start=${dayOf(start)}&end=${dayOf(start + 29 * DAY)}`));
    await expect(to).toHaveValue(dayOf(start + 29 * DAY));
    await expect(page.getByTestId("period-hint")).toContainText("shortened to the API's limit of 30 days");

    await page.getByLabel("Cycle").selectOption("month");
    await expect(from).toHaveAttribute("type", "month");
    await from.fill("2020-01");
    await from.press("Enter");
    await expect(page).toHaveURL(/start=2020-01&end=2020-12|end=2020-12.*start=2020-01/);
    await expect(page.getByTestId("period-hint")).toContainText("12 months");

    await page.getByLabel("Cycle").selectOption("week");
    await expect(to).toHaveAttribute("type", "week");
    await expect(to).toHaveValue(/^\d{4}-W\d{2}$/);

    // The server enforces the same limit when a URL is written by hand.
    const [first] = (await (await page.request.get("/api/products")).json()) as { productKey: string }[];
    const res = await page.request.get(`/api/products/${first!.productKey}/reports/liveness?cycle=date&start=2026-01-01&end=2026-03-01`);
    expect(res.status()).toBe(400);
    expect(res.headers()["x-upstream-calls"]).toBe("0");
  });

  test("the group filter narrows a report and stays in the URL", async ({ asRole }) => {
    const page = await asRole("manager");
    await openTab(page, "liveness");
    await expect(page.getByRole("tabpanel").locator("canvas").first()).toBeVisible();
    const group = page.getByLabel("Group");
    await expect(group.locator("option").nth(1)).toBeAttached();
    const gid = await group.locator("option").nth(1).getAttribute("value");
    const req = page.waitForRequest((r) => r.url().includes("/reports/liveness?") && r.url().includes(`gid=${gid}`));
    await group.selectOption(gid!);
    await req;
    await expect(page).toHaveURL(new RegExp(`gid=${gid}`));
    await page.reload();
    await expect(page.getByLabel("Group")).toHaveValue(gid!);
  });

  test("charts export PNG and their data as CSV", async ({ asRole }) => {
    const page = await asRole("manager");
    await openTab(page, "liveness");
    const panel = page.getByRole("tabpanel");
    await expect(panel.locator("canvas").first()).toBeVisible();
    const png = page.waitForEvent("download");
    await panel.getByRole("button", { name: "PNG" }).first().click();
    expect((await png).suggestedFilename()).toMatch(/\.png$/);
    const csv = page.waitForEvent("download");
    await panel.getByRole("button", { name: "CSV", exact: true }).first().click();
    const file = await csv;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile((await file.path())!, "utf8");
    expect(text).toMatch(/Period/);
    expect(text.trim().split("\n").length).toBeGreaterThan(5);
  });

  test("how many devices were active last week in Guangdong, and which are faulty now", async ({ asRole }) => {
    const page = await asRole("manager");
    await openTab(page, "liveness", "&cycle=week");
    const table = page.getByRole("tabpanel").getByRole("table").last();
    await table.getByRole("row", { name: /China/ }).click();
    await table.getByRole("row", { name: /Guangdong/ }).click();
    await expect(page).toHaveURL(/[?&]region=Guangdong/);
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    await page.getByTestId("place-actions").getByRole("link", { name: "Faulty" }).click();
    await expect(page).toHaveURL(/\/devices\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get("region")).toBe("Guangdong");
    expect(url.searchParams.get("is_faulty")).toBe("1");
  });

  test("is complete in Chinese", async ({ asRole, baseURL }) => {
    const page = await asRole("manager");
    await page.context().addCookies([{ name: "gw_locale", value: "zh-CN", url: baseURL! }]);
    await openTab(page, "liveness");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("报表");
    await expect(page.getByRole("tab", { name: "活跃报表" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("period-hint")).toContainText("每次最多 30 天");
  });
});
