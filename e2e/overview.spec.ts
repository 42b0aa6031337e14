import type { Page, Response } from "@playwright/test";
import { expect, test } from "./fixtures";

/** Upstream calls the console made for the overview's report requests (X-Upstream-Calls). */
function countReportCalls(page: Page): { total: () => number; requests: () => number } {
  let total = 0;
  let requests = 0;
  page.on("response", (r: Response) => {
    if (!/\/api\/products\/[^/]+\/reports\//.test(r.url())) return;
    requests += 1;
    total += Number(r.headers()["x-upstream-calls"] ?? 0);
  });
  return { total: () => total, requests: () => requests };
}

async function waitForOverview(page: Page) {
  await expect(page.getByTestId("kpi-online")).not.toContainText("—");
  await expect(page.getByTestId("kpi-faulty")).not.toContainText("—");
  await expect(
    page
      .getByRole("table", { name: /Where the devices are|设备分布/ })
      .getByRole("row")
      .nth(1),
  ).toBeVisible();
  await expect(page.getByTestId("trend-active").locator("canvas")).toBeVisible();
  await expect(page.getByTestId("trend-new").locator("canvas")).toBeVisible();
}

test.describe("overview", () => {
  test("a manager sees the fleet's numbers, and each opens the matching devices", async ({ asRole }) => {
    const page = await asRole("manager");
    await page.goto("/");
    await waitForOverview(page);
    const online = page.getByTestId("kpi-online");
    await expect(online).toHaveAttribute("href", /\/devices\?.*is_online=1/);
    await expect(page.getByTestId("kpi-faulty")).toHaveAttribute("href", /\/devices\?.*is_faulty=1/);
    await expect(page.getByTestId("kpi-alerting")).toHaveAttribute("href", /\/devices\?.*is_alert=1/);
    await expect(page.getByTestId("kpi-active-7")).toHaveAttribute("href", /\/reports\?.*tab=active-devices&start=\d{4}-\d{2}-\d{2}&end=/);
    await online.click();
    await expect(page).toHaveURL(/\/devices\?.*is_online=1/);
  });

  test("New today opens the new-devices list, which says today's list comes tomorrow and shows yesterday's", async ({ asRole }) => {
    const page = await asRole("manager");
    await page.goto("/");
    const kpi = page.getByTestId("kpi-new-today");
    await expect(kpi).toHaveAttribute("href", /\/reports\?.*tab=new-devices&start=(\d{4}-\d{2}-\d{2})&end=\1/);
    await kpi.click();
    await expect(page).toHaveURL(/tab=new-devices/);
    await expect(page.getByTestId("today-pending")).toContainText("not listed yet");
    // The rows are yesterday's: a day list never shows a day the API cannot answer.
    const first = page.getByRole("table", { name: "Activation details" }).getByRole("row").nth(1);
    await expect(first).toBeVisible();
    const today = new URL(page.url()).searchParams.get("start") ?? "";
    await expect(first).not.toContainText(today);
  });

  test("the map drills from the world to a province's cities, then to their device list", async ({ asRole }) => {
    const page = await asRole("manager");
    await page.goto("/");
    const table = page.getByRole("table", { name: "Where the devices are" });
    await table.getByRole("row", { name: /China/ }).click();
    await expect(page).toHaveURL(/[?&]country=China/);
    await table.getByRole("row", { name: /Guangdong/ }).click();
    await expect(page).toHaveURL(/[?&]region=Guangdong/);
    await expect(page.getByRole("navigation", { name: "Location" })).toContainText("Guangdong");
    const faulty = page.getByTestId("place-actions").getByRole("link", { name: "Faulty" });
    await expect(faulty).toHaveAttribute("href", /[?&]is_faulty=1(&|$)/);
    await expect(faulty).toHaveAttribute("href", /[?&]region=Guangdong(&|$)/);
    // Cities are a ranked list; one click on a city opens its devices.
    await table.getByRole("row").nth(1).click();
    await expect(page).toHaveURL(/\/devices\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get("country")).toBe("China");
    expect(url.searchParams.get("region")).toBe("Guangdong");
    expect(url.searchParams.get("city")).toBeTruthy();
  });

  test("is complete in Chinese", async ({ asRole, baseURL }) => {
    const page = await asRole("manager");
    await page.context().addCookies([{ name: "gw_locale", value: "zh-CN", url: baseURL! }]);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("概览");
    await expect(page.getByTestId("kpi-online")).toContainText("当前在线");
    await expect(page.getByTestId("kpi-faulty")).toContainText("当前故障");
    await expect(page.getByTestId("trend-active")).toContainText("每日活跃设备");
  });

  test("the group filter asks for the group tree only when it is opened, then lists the groups and filters by one", async ({ asRole }) => {
    const page = await asRole("manager");
    const treeRequests: string[] = [];
    page.on("request", (r) => {
      if (/\/api\/products\/[^/]+\/devices\/search\/groups(\?|$)/.test(r.url())) treeRequests.push(r.url());
    });
    await page.goto("/");
    await waitForOverview(page);
    await page.waitForLoadState("networkidle");
    // The tree is one upstream call: a cold Overview must not spend it before the filter is used.
    expect(treeRequests, "group tree requests before the filter was opened").toHaveLength(0);

    const picker = page.getByTestId("overview-group").getByLabel("Group", { exact: true });
    await expect(picker).toHaveValue("");
    // Hold the tree's answer until the loading state has been seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/devices\/search\/groups(\?|$)/, async (route) => {
      await held;
      await route.continue();
    });
    // Keyboard: focusing the filter asks for the tree; the list says it is loading meanwhile.
    await picker.focus();
    await expect.poll(() => treeRequests.length).toBe(1);
    await expect(picker).toHaveAttribute("aria-busy", "true");
    await expect(picker.locator("option", { hasText: "Loading groups…" })).toBeDisabled();
    release();
    await expect(picker).not.toHaveAttribute("aria-busy");
    await expect(picker.locator("option", { hasText: "Loading groups…" })).toHaveCount(0);
    const first = picker.locator("option").nth(1);
    await expect(first).toBeEnabled();
    const groupCount = await picker.locator("option").count();
    const gid = (await first.getAttribute("value"))!;
    const name = (await first.textContent())!;
    expect(gid).toMatch(/^[0-9a-f]{32}$/);

    // The arrow key picks the first group; the reports follow it.
    const narrowed = page.waitForRequest((r) => r.url().includes("/reports/realtime") && r.url().includes(`gid=${gid}`));
    await picker.press("ArrowDown");
    await narrowed;
    await expect(page).toHaveURL(new RegExp(`gid=${gid}`));
    await expect(picker).toHaveValue(gid);
    expect(treeRequests).toHaveLength(1);

    // A link with a gid shows the group's name at once: then the tree is needed at mount.
    treeRequests.length = 0;
    await page.reload();
    await expect(picker).toHaveValue(gid);
    await expect(picker.locator("option")).toHaveCount(groupCount);
    await expect(picker.locator("option:checked")).toHaveText(name);
    expect(treeRequests).toHaveLength(1);
  });

  test("a warm overview costs no upstream calls", async ({ asRole }) => {
    const page = await asRole("manager");
    await page.goto("/");
    await waitForOverview(page);
    // An entry left by an earlier test may expire between two loads (the realtime report lives one
    // minute) and be refilled once; after that, a reload within the TTL must cost nothing. Caching
    // that does not work costs calls on every reload and fails here.
    const costs: number[] = [];
    for (let round = 0; round < 3 && costs.at(-1) !== 0; round++) {
      const meter = countReportCalls(page);
      await page.reload();
      await waitForOverview(page);
      await expect.poll(() => meter.requests()).toBeGreaterThanOrEqual(5);
      costs.push(meter.total());
    }
    expect(costs.at(-1), `upstream calls per reload: ${costs.join(", ")}`).toBe(0);
  });
});
