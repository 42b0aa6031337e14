import { AIR_CONDITIONER, devicePath, emulatorDevices } from "./device-helpers";
import { expect, signInThroughUi, test } from "./fixtures";

/**
 * Issue 12, done-when: a new user signs in and opens a device of a published product (the demo
 * tenant's air conditioner) and sees live status with its source, a confirmed control, and plain
 * explanations on the tabs the upstream refuses (its data/cmd/online history logs answer 5024
 * until Gizwits enables them).
 */
test.describe("a published product", () => {
  test("a new user sees live status with its source, a confirmed control, and explanations instead of errors", async ({
    asRole,
    browser,
    baseURL,
    emulator,
  }) => {
    // Account creation, a bcrypt sign-in, a control with read-back and five tabs.
    test.setTimeout(150_000);
    const config = await emulator.config();
    expect(config.published).toContain(AIR_CONDITIONER);
    expect(config.historyEnabled).not.toContain(AIR_CONDITIONER);
    const [dev] = await emulatorDevices(AIR_CONDITIONER, { online: true, skip: 31 });

    // A new account (ops: may control), created by the admin, signing in through the form.
    const admin = await asRole("admin");
    const username = `e2e-pub-${Date.now().toString(36)}`;
    const password = "e2e-published-2026";
    const created = await admin.request.post("/api/admin/accounts", {
      data: { username, name: "Published Tester", role: "ops", password },
    });
    expect(created.status(), await created.text()).toBeLessThan(300);
    // The console may have learned the air conditioner's capabilities from an earlier spec: start clean.
    expect((await admin.request.delete(`/api/capabilities/${AIR_CONDITIONER}`)).status()).toBe(200);
    const ctx = await browser.newContext({ baseURL, locale: "en-US" });
    const page = await ctx.newPage();
    await signInThroughUi(page, username, password);
    await page.waitForURL((u) => u.pathname === "/");

    // Status: live, from the Open API's devdata/latest (the demo tenant has an AppID per product), as of when.
    await page.goto(devicePath(AIR_CONDITIONER, dev!.did, "status"));
    const source = page.getByTestId("status-source");
    await expect(source).toHaveAttribute("data-source", "openapi");
    await expect(source).toContainText("Source: Open API");
    await expect(source).toContainText("as of");
    await expect(page.getByTestId("status-reported")).toContainText("Last report");
    await expect(page.getByTestId("value-set_temp")).toContainText(/\d/);

    // Control: change the set temperature, confirm, and see it confirmed by the read-back (same source).
    await page.getByRole("tab", { name: "Control", exact: true }).click();
    const panel = page.getByTestId("control-panel");
    await expect(panel).toBeVisible();
    const setTemp = panel.getByLabel("设定温度");
    await expect(setTemp).toBeEnabled();
    const current = Number(await setTemp.inputValue());
    const next = current >= 24 ? 20 : 27;
    await setTemp.fill(String(next));
    await panel.getByRole("button", { name: "Review changes" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByTestId("control-diff")).toContainText("设定温度");
    await dialog.getByRole("button", { name: "Send" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("readback-result")).toHaveAttribute("data-outcome", "confirmed", { timeout: 20_000 });

    // History, Communication log, Online/offline: what is missing and what to ask Gizwits for — no raw upstream error.
    for (const tab of ["History", "Communication log", "Online/offline"]) {
      await page.getByRole("tab", { name: tab, exact: true }).click();
      const note = page.locator('[data-error-code="NOT_ENABLED"]').first();
      await expect(note, tab).toBeVisible();
      await expect(note).toContainText("Not enabled for this product");
      await expect(note).toContainText("ask Gizwits staff to enable them");
      await expect(note).not.toContainText("api deny");
      await expect(note).not.toContainText("5024");
      await expect(page.locator('[role="alert"][data-error-code]')).toHaveCount(0);
      await expect(note.getByRole("button", { name: "Retry" })).toHaveCount(0);
    }

    // The same explanation in Chinese, straight from the API (what to ask Gizwits, as the doc words it).
    const now = Math.floor(Date.now() / 1000);
    const zh = await page.request.get(`/api/products/${AIR_CONDITIONER}/devices/${dev!.did}/cmd?start=${now - 3600}&end=${now}`, {
      headers: { "Accept-Language": "zh-CN" },
    });
    expect(zh.status()).toBe(403);
    const body = (await zh.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("NOT_ENABLED");
    expect(body.error.message).toContain("产品发布后如要使用，请联系机智云工作人员");
    expect(body.error.message).toContain("data、cmd、online");

    // Settings: the learned record per product, with when — history off, control on, AppID associated.
    await page.goto("/settings");
    const card = page.getByTestId(`capabilities-${AIR_CONDITIONER}`);
    await expect(card.getByTestId("capability-history.cmd")).toHaveAttribute("data-state", "false");
    await expect(card.getByTestId("capability-history.data")).toHaveAttribute("data-state", "false");
    await expect(card.getByTestId("capability-control")).toHaveAttribute("data-state", "true");
    await expect(card.getByTestId("capability-openapi.appid")).toHaveAttribute("data-state", "true");
    await expect(card.getByTestId("capability-history.cmd")).toContainText("Not enabled");
    await ctx.close();
  });

  test("once Gizwits enables the history, 'Check again' lets the console read it without waiting a day", async ({ asRole, emulator }) => {
    const [dev] = await emulatorDevices(AIR_CONDITIONER, { online: true, skip: 33 });
    const page = await asRole("manager");
    await page.goto(devicePath(AIR_CONDITIONER, dev!.did, "cmd"));
    await expect(page.locator('[data-error-code="NOT_ENABLED"]').first()).toBeVisible();
    await emulator.config({ historyEnabled: [AIR_CONDITIONER] });
    try {
      await page.goto("/settings");
      await page.getByTestId(`capabilities-recheck-${AIR_CONDITIONER}`).click();
      await expect(page.getByTestId(`capabilities-${AIR_CONDITIONER}`).getByTestId("capability-history.cmd")).toHaveAttribute(
        "data-state",
        "unknown",
      );
      await page.goto(devicePath(AIR_CONDITIONER, dev!.did, "cmd"));
      await expect(page.getByRole("table", { name: "Communication log" }).locator("tbody tr").first()).toBeVisible();
      await expect(page.locator('[data-error-code="NOT_ENABLED"]')).toHaveCount(0);
    } finally {
      await emulator.config({ historyEnabled: [] });
      // Leave the console to learn the refusal again on its next read.
      await page.request.delete(`/api/capabilities/${AIR_CONDITIONER}`);
    }
  });
});
