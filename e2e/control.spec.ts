import { expect, test } from "./fixtures";
import { devicePath, emulatorDevices, WATER_METER } from "./device-helpers";

interface Stats {
  calls: number;
  callsByPath: Record<string, number>;
}
const controlCalls = (s: Stats) =>
  Object.entries(s.callsByPath)
    .filter(([p]) => p.endsWith("/control"))
    .reduce((n, [, c]) => n + c, 0);

test.describe("remote control", () => {
  test("ops changes a datapoint after confirming current → new, sees it confirmed and in the command history", async ({ asRole }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 11 });
    const page = await asRole("ops");
    await page.goto(devicePath(WATER_METER, dev!.did, "control"));
    const panel = page.getByTestId("control-panel");
    await expect(panel).toBeVisible();

    const threshold = panel.getByLabel("流量报警阈值");
    await expect(threshold).toBeEnabled();
    const current = Number(await threshold.inputValue());
    const next = current >= 5 ? 1.25 : 7.5;
    await threshold.fill(String(next));
    await panel.getByRole("button", { name: "Review changes" }).click();

    const dialog = page.getByRole("dialog");
    await expect(dialog.getByTestId("control-diff")).toContainText("流量报警阈值");
    await expect(dialog.getByTestId("control-diff")).toContainText(`→ ${next.toFixed(2)}`);
    await dialog.getByRole("button", { name: "Send" }).click();
    await expect(dialog).toBeHidden();

    const result = page.getByTestId("readback-result");
    await expect(result).toHaveAttribute("data-outcome", "confirmed", { timeout: 15_000 });
    await expect(result).toContainText("Confirmed");

    const history = page.getByTestId("command-history");
    await expect(history.getByRole("row").filter({ hasText: "alarm_threshold" }).first()).toContainText("Demo Ops");
  });

  test("a retried request with the same Idempotency-Key reaches the device once", async ({ asRole, emulator }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 13 });
    const page = await asRole("ops");
    await page.goto(devicePath(WATER_METER, dev!.did, "control"));
    await expect(page.getByTestId("control-panel")).toBeVisible();
    const before = controlCalls(await emulator.get<Stats>("stats"));
    const key = `e2e-${Date.now().toString(36)}-retry`;
    const url = `/api/products/${WATER_METER}/devices/${dev!.did}/control`;
    const send = () => page.request.post(url, { data: { attrs: { valve: true } }, headers: { "Idempotency-Key": key } });
    const [a, b] = [await send(), await send()];
    expect(a.status()).toBe(200);
    expect(b.status()).toBe(200);
    expect(await b.json()).toEqual(await a.json());
    expect(controlCalls(await emulator.get<Stats>("stats")) - before).toBe(1);
    const noKey = await page.request.post(url, { data: { attrs: { valve: true } } });
    expect(noKey.status()).toBe(400);
  });

  test("an offline device is refused with a reason before anything is sent", async ({ asRole, emulator }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 17 });
    await emulator.post(`devices/${dev!.did}/offline`);
    try {
      const page = await asRole("ops");
      await page.goto(devicePath(WATER_METER, dev!.did, "control"));
      await expect(page.getByTestId("control-refusal")).toContainText("offline");
      await expect(page.getByRole("button", { name: "Review changes" })).toBeDisabled();
      // The server refuses too (the upstream's 5305), in words.
      const res = await page.request.post(`/api/products/${WATER_METER}/devices/${dev!.did}/control`, {
        data: { attrs: { valve: false } },
        headers: { "Idempotency-Key": `e2e-${Date.now().toString(36)}-offline` },
      });
      expect(res.status()).toBeGreaterThanOrEqual(400);
      expect(res.status()).toBeLessThan(500);
      // API requests carry no locale cookie, so the message comes in the default language (zh-CN).
      const body = (await res.json()) as { error: { message: string; upstreamCode?: number } };
      expect(body.error.upstreamCode).toBe(5305);
      expect(body.error.message).toMatch(/offline|离线/i);
    } finally {
      await emulator.post(`devices/${dev!.did}/online`);
    }
  });

  test("a manager sees the command history but no control form, and the API refuses them", async ({ asRole }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 19 });
    const page = await asRole("manager");
    await page.goto(devicePath(WATER_METER, dev!.did, "control"));
    await expect(page.getByTestId("command-history")).toBeVisible();
    await expect(page.getByRole("tab", { name: "Command history", exact: true })).toBeVisible();
    await expect(page.getByTestId("control-panel")).toHaveCount(0);
    const res = await page.request.post(`/api/products/${WATER_METER}/devices/${dev!.did}/control`, {
      data: { attrs: { valve: true } },
      headers: { "Idempotency-Key": `e2e-${Date.now().toString(36)}-manager` },
    });
    expect(res.status()).toBe(403);
  });

  test("raw mode: ops types hex bytes, confirms exactly those bytes, sends them once, and the frame shows in the communication log", async ({
    asRole,
    emulator,
  }) => {
    const [dev] = await emulatorDevices(WATER_METER, { online: true, skip: 23 });
    const page = await asRole("ops");
    await page.goto(devicePath(WATER_METER, dev!.did, "control"));
    const panel = page.getByTestId("control-panel");
    await expect(panel).toBeVisible();
    await panel.getByRole("tab", { name: "Raw", exact: true }).click();
    await panel.getByLabel("Format").selectOption("hex");
    const input = panel.getByRole("textbox", { name: "Raw" });

    // A half byte is refused on the spot, and nothing can be reviewed from it.
    await input.fill("61 62 6");
    await expect(panel).toContainText("odd number of digits");
    await panel.getByRole("button", { name: "Review changes" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);

    await input.fill("61 62 63");
    await expect(panel).toContainText("3 bytes: 61 62 63");
    const before = controlCalls(await emulator.get<Stats>("stats"));
    await panel.getByRole("button", { name: "Review changes" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("3 raw bytes: 61 62 63");
    await dialog.getByRole("button", { name: "Send" }).click();
    await expect(dialog).toBeHidden();
    // Raw bytes cannot be read back: the page says so instead of waiting for a confirmation.
    await expect(page.getByTestId("readback-result")).toHaveAttribute("data-outcome", "raw-sent");
    expect(controlCalls(await emulator.get<Stats>("stats")) - before).toBe(1);
    await expect(page.getByTestId("command-history").getByRole("row").nth(1)).toContainText("Demo Ops");

    // The device received the bytes in a P0 frame (cmd 0x0090), listed as App → device.
    await page.goto(`${devicePath(WATER_METER, dev!.did, "cmd")}&dir=app2dev`);
    const log = page.getByRole("table", { name: "Communication log" });
    await expect(log.locator("tbody tr").filter({ hasText: "61 62 63" }).first()).toContainText("App → device");
    await expect(log.locator("tbody tr").filter({ hasText: "Device → app" })).toHaveCount(0);
  });
});
