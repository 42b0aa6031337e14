import { readFile } from "node:fs/promises";
import { expect, signInThroughUi, test } from "./fixtures";

test.describe("account administration", () => {
  test("admin adds an account, re-roles it, disables it, and then it cannot sign in", async ({ asRole, browser, baseURL }) => {
    // Two sessions, three sign-ins (bcrypt) and a dozen round trips: longer than one page's budget.
    test.setTimeout(120_000);
    const username = `e2e-${Date.now().toString(36)}`;
    const password = "e2e-password-2026";
    const admin = await asRole("admin");
    await admin.goto("/settings/accounts");
    await expect(admin.getByRole("heading", { name: "Accounts" })).toBeVisible();

    // Client-side validation answers before anything is sent.
    await admin.getByRole("button", { name: "Add account" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByLabel("Username").fill(username);
    await dialog.getByLabel("Display name").fill("E2E Person");
    await dialog.getByLabel("Role").selectOption("operator");
    await dialog.getByLabel("Password").fill("short");
    await dialog.getByRole("button", { name: "Create account" }).click();
    await expect(dialog.getByText("at least 10 characters")).toBeVisible();
    await dialog.getByLabel("Password").fill(password);
    await dialog.getByRole("button", { name: "Create account" }).click();
    await expect(dialog).toBeHidden();
    const row = admin.locator(`tr[data-username="${username}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByLabel(`Role of ${username}`)).toHaveValue("operator");

    // The new account works and sees an operator's navigation.
    const userCtx = await browser.newContext({ baseURL, locale: "en-US" });
    const user = await userCtx.newPage();
    await signInThroughUi(user, username, password);
    await user.waitForURL((u) => u.pathname === "/");
    await expect(user.getByTestId("user-role")).toHaveAttribute("data-role", "operator");
    await expect(user.locator("a[data-nav='/audit']")).toHaveCount(0);

    // Re-role: takes effect on the user's next request, without signing in again.
    await row.getByLabel(`Role of ${username}`).selectOption("admin");
    await expect(admin.getByText(`${username} is now Admin`)).toBeVisible();
    await admin.reload();
    await expect(admin.locator(`tr[data-username="${username}"]`).getByLabel(`Role of ${username}`)).toHaveValue("admin");
    await user.reload();
    await expect(user.getByTestId("user-role")).toHaveAttribute("data-role", "admin");
    await expect(user.locator("a[data-nav='/audit']")).toBeVisible();

    // Disable asks first, then ends the user's session at once.
    await admin
      .locator(`tr[data-username="${username}"]`)
      .getByRole("button", { name: `Disable: ${username}` })
      .click();
    const confirm = admin.getByRole("dialog");
    await expect(confirm).toContainText(`Disable ${username}?`);
    await confirm.getByRole("button", { name: "Disable" }).click();
    await expect(confirm).toBeHidden();
    await expect(admin.locator(`tr[data-username="${username}"] [data-status="disabled"]`)).toBeVisible();

    await user.goto("/");
    await expect(user).toHaveURL(/\/signin/);
    await signInThroughUi(user, username, password);
    await expect(user.getByTestId("signin-error")).toContainText("Wrong username or password");
    await expect(user).toHaveURL(/\/signin/);
    await userCtx.close();
  });

  test("an admin cannot disable or demote their own account from the page", async ({ asRole }) => {
    const admin = await asRole("admin");
    await admin.goto("/settings/accounts");
    const self = admin.locator('tr[data-username="admin"]');
    await expect(self.getByLabel("Role of admin")).toBeDisabled();
    await expect(self.getByRole("button", { name: "Disable: admin" })).toBeDisabled();
  });

  test("a dialog that loads when it opens gives focus back to its button when it closes", async ({ asRole }) => {
    const admin = await asRole("admin");
    await admin.goto("/settings/accounts");
    const add = admin.getByRole("button", { name: "Add account" });
    await add.click();
    await expect(admin.getByRole("dialog")).toBeVisible();
    await admin.keyboard.press("Escape");
    await expect(admin.getByRole("dialog")).toHaveCount(0);
    await expect(add).toBeFocused();
  });
});

test.describe("audit log", () => {
  test("lists a denied and an allowed write, filters, expands and exports CSV", async ({ asRole }) => {
    // A denied write: a manager tries to change an account through the API.
    const manager = await asRole("manager");
    const denied = await manager.request.patch("/api/admin/accounts/some-id", { data: { role: "admin" } });
    expect(denied.status()).toBe(403);

    // An allowed write: the admin creates an account.
    const admin = await asRole("admin");
    const username = `audit-${Date.now().toString(36)}`;
    const created = await admin.request.post("/api/admin/accounts", {
      data: { username, name: "Audit Probe", role: "manager", password: "audit-probe-2026" },
    });
    expect(created.status()).toBe(201);

    await admin.goto("/audit");
    await expect(admin.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(admin.locator('tr[data-status="ok"][data-action="account.create"]').first()).toBeVisible();

    // Filter to denied attempts: the URL carries the filter, the manager's attempt is listed.
    await admin.getByLabel("Status").selectOption("denied");
    await expect(admin).toHaveURL(/status=denied/);
    const deniedRow = admin.locator('tr[data-status="denied"]').filter({ hasText: "manager" }).first();
    await expect(deniedRow).toBeVisible();
    await expect(admin.locator('tbody tr[data-status="ok"]')).toHaveCount(0);

    // Row expansion shows the details.
    await deniedRow.getByRole("button", { name: "Show details" }).click();
    await expect(admin.getByTestId("audit-detail").first()).toBeVisible();

    // Free-text search narrows to the created account and survives a reload.
    await admin.getByLabel("Status").selectOption("");
    await admin.getByLabel("Search user, action, target, message, payload").fill(username);
    await expect(admin).toHaveURL(new RegExp(`q=${username}`));
    await admin.reload();
    await expect(admin.locator("tbody tr[data-action]")).toHaveCount(1);
    await expect(admin.locator("tbody tr[data-action]")).toContainText(username);

    // Export: the link carries the same filters and the CSV holds the row.
    const exportLink = admin.getByTestId("audit-export");
    await expect(exportLink).toHaveAttribute("href", new RegExp(`q=${username}`));
    const [download] = await Promise.all([admin.waitForEvent("download"), exportLink.click()]);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.split("\n").length).toBeGreaterThanOrEqual(2);
    expect(csv).toContain(username);
    expect(csv).toContain("account.create");
  });
});
