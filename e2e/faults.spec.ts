import { devicePath, emulatorDevices, WATER_METER } from "./device-helpers";
import { type EmulatorControl, expect, test } from "./fixtures";

/**
 * One spec per upstream fault (issue 11): what the browser says while Gizwits fails, and that
 * the page recovers once the fault clears. Faults are injected on one device's paths only
 * (faultPath = /devices/<did>/…), so the rest of the console keeps working, and every test
 * clears them in `finally`. The playwright config runs one worker, so no other spec sees them.
 */

const NO_FAULT = { errorRate: 0, hang: false, faultPath: "" } as const;

async function withFault(emulator: EmulatorControl, fault: Parameters<EmulatorControl["config"]>[0], fn: () => Promise<void>) {
  await emulator.config(fault);
  try {
    await fn();
  } finally {
    await emulator.config(NO_FAULT);
  }
}

/**
 * The device page's History tab, which reads the device's Enterprise /data log. (The Status tab
 * reads the Open API's devdata/latest when an AppID is configured, as in the demo tenant: issue 12.)
 */
async function openStatus(page: import("@playwright/test").Page, did: string) {
  await page.goto(devicePath(WATER_METER, did, "history"));
}
const readError = (page: import("@playwright/test").Page) => page.locator('[role="alert"][data-error-code]');
const statusValues = (page: import("@playwright/test").Page) => page.getByTestId("coverage-bar").locator("[data-state='full']");

test.describe("upstream faults", () => {
  test("5xx on a read: 'unavailable, try again shortly', then Retry shows the data once Gizwits answers", async ({ asRole, emulator }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 101 });
    const page = await asRole("operator");
    await withFault(emulator, { errorRate: 1, errorCode: 5409, faultPath: `/devices/${dev!.did}/data` }, async () => {
      await openStatus(page, dev!.did);
      await expect(readError(page)).toHaveAttribute("data-error-code", "UPSTREAM_UNAVAILABLE", { timeout: 30_000 });
      await expect(readError(page)).toContainText("Try again later");
      await expect(readError(page)).toContainText("5409");
    });
    await readError(page).getByRole("button", { name: "Retry" }).click();
    await expect(readError(page)).toHaveCount(0, { timeout: 20_000 });
    await expect(statusValues(page).first()).toBeVisible();
  });

  test("5xx on a control: 'result unknown — check the device before resending', never 'try again'; a later send goes through", async ({
    asRole,
    emulator,
  }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 103 });
    const page = await asRole("ops");
    await page.goto(devicePath(WATER_METER, dev!.did, "control"));
    const panel = page.getByTestId("control-panel");
    await expect(panel).toBeVisible();
    const threshold = panel.getByLabel("流量报警阈值");
    await expect(threshold).toBeEnabled();
    const current = Number(await threshold.inputValue());
    await threshold.fill(String(current >= 5 ? 1.25 : 7.5));
    await panel.getByRole("button", { name: "Review changes" }).click();
    const dialog = page.getByRole("dialog");
    await withFault(emulator, { errorRate: 1, errorCode: 5409, faultPath: `/devices/${dev!.did}/control` }, async () => {
      await dialog.getByRole("button", { name: "Send" }).click();
      await expect(dialog).toContainText("result is unknown");
      await expect(dialog).toContainText("Check the device before resending");
      await expect(dialog).not.toContainText(/try again/i);
    });
    // Sending again from the same review reuses its Idempotency-Key and gets the same "unknown"
    // answer, never a second command. Recovery: the operator checks, reviews anew and sends.
    await dialog.getByRole("button", { name: "Send" }).click();
    await expect(dialog).toContainText("result is unknown");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await panel.getByRole("button", { name: "Review changes" }).click();
    await dialog.getByRole("button", { name: "Send" }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(page.getByTestId("readback-result")).toHaveAttribute("data-outcome", "confirmed", { timeout: 20_000 });
  });

  test("hang on a control: after the timeout the result is unknown; the page recovers when Gizwits answers again", async ({
    asRole,
    emulator,
  }) => {
    test.setTimeout(90_000);
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 105 });
    const page = await asRole("ops");
    await page.goto(devicePath(WATER_METER, dev!.did, "control"));
    const panel = page.getByTestId("control-panel");
    await expect(panel).toBeVisible();
    const threshold = panel.getByLabel("流量报警阈值");
    await expect(threshold).toBeEnabled();
    const current = Number(await threshold.inputValue());
    await threshold.fill(String(current >= 5 ? 1.25 : 7.5));
    await panel.getByRole("button", { name: "Review changes" }).click();
    const dialog = page.getByRole("dialog");
    await withFault(emulator, { hang: true, faultPath: `/devices/${dev!.did}/control` }, async () => {
      await dialog.getByRole("button", { name: "Send" }).click();
      // GIZWITS_TIMEOUT_MS (10 s by default) per attempt, and a write is attempted once.
      await expect(dialog).toContainText("result is unknown", { timeout: 40_000 });
      await expect(dialog).toContainText("Check the device before resending");
    });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await panel.getByRole("button", { name: "Review changes" }).click();
    await dialog.getByRole("button", { name: "Send" }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(page.getByTestId("readback-result")).toHaveAttribute("data-outcome", "confirmed", { timeout: 20_000 });
  });

  test("5013 while calls remain: a short hold instead of the rest of the hour, and the console recovers by itself within a minute", async ({
    asRole,
    emulator,
  }) => {
    test.setTimeout(120_000);
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 107 });
    const page = await asRole("operator");
    await withFault(emulator, { errorRate: 1, errorCode: 5013, faultPath: `/devices/${dev!.did}/data` }, async () => {
      await openStatus(page, dev!.did);
      await expect(readError(page)).toHaveAttribute("data-error-code", "QUOTA_EXHAUSTED", { timeout: 30_000 });
      // The reset time shown is seconds away, not the top of the hour.
      const quota = (await (await page.request.get("/api/quota")).json()) as {
        heldUntil: number | null;
        upstream: { remaining: number } | null;
      };
      expect(quota.heldUntil).not.toBeNull();
      expect(quota.heldUntil! - Date.now()).toBeLessThan(60_000);
      expect(quota.upstream?.remaining ?? 0).toBeGreaterThan(0);
    });
    // Fault cleared: within a minute a retry gets the data again, without any restart.
    await expect(async () => {
      await readError(page).getByRole("button", { name: "Retry" }).click({ timeout: 2_000 });
      await expect(statusValues(page).first()).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 60_000, intervals: [5_000] });
    const quota = (await (await page.request.get("/api/quota")).json()) as { heldUntil: number | null };
    expect(quota.heldUntil).toBeNull();
    // The meter shows the upstream's figures and when they were seen.
    await page.getByTestId("quota-meter").click();
    await expect(page.getByTestId("quota-seen")).toContainText("Reported by Gizwits");
  });

  test("5009 (token refused even after renewal): the browser says the configuration must be fixed, and recovers", async ({
    asRole,
    emulator,
  }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 109 });
    const page = await asRole("operator");
    await withFault(emulator, { errorRate: 1, errorCode: 5009, faultPath: `/devices/${dev!.did}/data` }, async () => {
      await openStatus(page, dev!.did);
      await expect(readError(page)).toHaveAttribute("data-error-code", "UPSTREAM", { timeout: 30_000 });
      await expect(readError(page)).toContainText("rejected the access token");
      await expect(readError(page)).toContainText("administrator");
    });
    await readError(page).getByRole("button", { name: "Retry" }).click();
    await expect(readError(page)).toHaveCount(0, { timeout: 20_000 });
    await expect(statusValues(page).first()).toBeVisible();
  });

  test("5012 (console's IP not whitelisted): the browser names the whitelist, and recovers", async ({ asRole, emulator }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 111 });
    const page = await asRole("operator");
    await withFault(emulator, { errorRate: 1, errorCode: 5012, faultPath: `/devices/${dev!.did}/data` }, async () => {
      await openStatus(page, dev!.did);
      await expect(readError(page)).toHaveAttribute("data-error-code", "UPSTREAM", { timeout: 30_000 });
      await expect(readError(page)).toContainText("IP whitelist");
      await expect(readError(page)).toContainText("5012");
    });
    await readError(page).getByRole("button", { name: "Retry" }).click();
    await expect(readError(page)).toHaveCount(0, { timeout: 20_000 });
    await expect(statusValues(page).first()).toBeVisible();
  });
});
