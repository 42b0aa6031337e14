import type { Role } from "../lib/roles";
import { expect, signInThroughUi, test } from "./fixtures";

const BASE_NAV = ["/", "/devices", "/groups", "/jobs", "/users", "/reports"];
// Settings is open to every role (per-product capabilities, issue 12); accounts inside it are admin-only.
const NAV: Record<Role, string[]> = {
  manager: [...BASE_NAV, "/settings"],
  operator: [...BASE_NAV, "/settings"],
  ops: [...BASE_NAV, "/settings"],
  admin: [...BASE_NAV, "/audit", "/settings"],
};

test.describe("navigation per role", () => {
  for (const role of Object.keys(NAV) as Role[]) {
    test(`${role} sees exactly its navigation`, async ({ asRole }) => {
      const page = await asRole(role);
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main navigation" });
      await expect(nav.locator("a[data-nav]").first()).toBeVisible();
      const hrefs = await nav.locator("a[data-nav]").evaluateAll((as) => as.map((a) => a.getAttribute("data-nav")));
      expect(hrefs).toEqual(NAV[role]);
      await expect(page.getByTestId("user-role")).toHaveAttribute("data-role", role);
      // Every visible entry opens without an error page.
      for (const href of NAV[role].slice(1)) {
        await nav.locator(`a[data-nav="${href}"]`).click();
        await expect(page).toHaveURL(new RegExp(`${href}(\\?|$)`));
        await expect(nav.locator(`a[data-nav="${href}"]`)).toHaveAttribute("aria-current", "page");
        await expect(page.getByTestId("forbidden")).toHaveCount(0);
      }
    });
  }

  for (const role of ["manager", "operator", "ops"] as const) {
    test(`${role} cannot open the audit log or account administration`, async ({ asRole }) => {
      const page = await asRole(role);
      for (const path of ["/audit", "/settings/accounts"]) {
        await page.goto(path);
        await expect(page.getByTestId("forbidden")).toBeVisible();
        await expect(page.getByRole("table")).toHaveCount(0);
      }
      // The APIs refuse as well, independent of the page.
      for (const api of ["/api/audit", "/api/admin/accounts", "/api/audit/export"]) {
        const res = await page.request.get(api);
        expect(res.status(), api).toBe(403);
      }
    });
  }

  test("a signed-out visitor is sent to sign-in", async ({ page }) => {
    await page.goto("/devices");
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.locator('input[name="username"]')).toBeVisible();
  });

  test("wrong password shows a bilingual error and stays on sign-in", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "gw_locale", value: "zh-CN", url: baseURL! }]);
    await page.goto("/signin");
    await page.locator('input[name="username"]').fill("admin");
    await page.locator('input[name="password"]').fill("definitely-wrong");
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByTestId("signin-error")).toContainText("用户名或密码错误");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });
});

test.describe("header controls", () => {
  test("language switch turns the whole UI Chinese and back, and persists", async ({ asRole }) => {
    const page = await asRole("admin");
    await page.goto("/");
    await expect(page.locator("a[data-nav='/devices']")).toHaveText("Devices");
    await page.getByRole("button", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.locator("a[data-nav='/devices']")).toHaveText("设备");
    await expect(page.locator("a[data-nav='/audit']")).toHaveText("审计");
    await expect(page.getByTestId("user-role")).toHaveText("管理员");
    // Server-rendered text (the page title from generateMetadata) follows the cookie too.
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("审计日志");
    await expect(page).toHaveTitle(/审计日志/);
    await expect(page.locator("a[data-nav='/audit']")).toHaveAttribute("aria-current", "page");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("a[data-nav='/devices']")).toHaveText("Devices");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("theme toggle switches dark mode, and the server renders it without a flash", async ({ asRole }) => {
    const page = await asRole("operator");
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/dark/);
    const toggle = page.locator("[data-theme-choice]");
    for (let i = 0; i < 3 && (await toggle.getAttribute("data-theme-choice")) !== "dark"; i++) await toggle.click();
    await expect(toggle).toHaveAttribute("data-theme-choice", "dark");
    await expect(html).toHaveClass(/dark/);
    // The first HTML byte already carries the class, so there is no light flash on load.
    const raw = await (await page.request.get("/")).text();
    expect(raw).toMatch(/<html[^>]*class="dark"/);
    await page.reload();
    await expect(html).toHaveClass(/dark/);
    await toggle.click(); // dark → system (light OS)
    await expect(toggle).toHaveAttribute("data-theme-choice", "system");
    await expect(html).not.toHaveClass(/dark/);
  });

  test("quota meter shows the server's numbers", async ({ asRole }) => {
    const page = await asRole("manager");
    await page.goto("/");
    const quota = await (await page.request.get("/api/quota")).json();
    expect(quota.limit).toBeGreaterThan(0);
    const meter = page.getByTestId("quota-meter");
    await expect(meter).toContainText(new Intl.NumberFormat("en").format(quota.limit));
    await expect(meter).toContainText(/[\d,—]+ \/ [\d,]+/);
    await meter.click();
    await expect(page.getByTestId("quota-details")).toContainText(/Resets \d{2}:\d{2}:\d{2}/);
  });

  test("product switcher lists the configured products and remembers the choice", async ({ asRole, emulator }) => {
    const tenant = await emulator.get<{ products: { product_key: string }[] }>("tenant");
    const page = await asRole("operator");
    await page.goto("/");
    const switcher = page.getByTestId("product-switcher");
    await expect(switcher).toBeVisible();
    const keys = await switcher.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(keys.sort()).toEqual(tenant.products.map((p) => p.product_key).sort());
    test.skip(keys.length < 2, "the emulator tenant has a single product");
    const second = keys[1]!;
    await switcher.selectOption(second);
    await expect(page).toHaveURL(new RegExp(`product=${second}`));
    // Navigation keeps the choice in the URL...
    await page.locator("a[data-nav='/devices']").click();
    await expect(page).toHaveURL(new RegExp(`/devices\\?product=${second}`));
    // ...and a page opened without it falls back to the remembered cookie.
    await page.goto("/groups");
    await expect(page.getByTestId("product-switcher")).toHaveValue(second);
  });
});

test.describe("layout at 1440 × 900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("no page is wider than the window, and the sidebar's background runs the page's full height", async ({ asRole }) => {
    const page = await asRole("admin");
    for (const path of ["/", "/devices", "/audit", "/reports", "/groups"]) {
      await page.goto(path);
      await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
      await page.waitForLoadState("networkidle");
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(scroll, `${path} overflows horizontally`).toBeLessThanOrEqual(client);
      const [column, doc] = await page.evaluate(() => [
        document.querySelector("[data-testid=sidebar-column]")?.getBoundingClientRect().height ?? 0,
        document.documentElement.scrollHeight,
      ]);
      expect(column, `${path}: sidebar column ends before the page does`).toBeGreaterThanOrEqual(doc - 1);
    }
  });
});

test.describe("hydration", () => {
  test("a dark-mode, Chinese browser's first visit renders every page without a hydration error", async ({ browser, baseURL }) => {
    const ctx = await browser.newContext({
      baseURL,
      colorScheme: "dark",
      locale: "zh-CN",
      extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" },
    });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
    await signInThroughUi(page, "manager", "manager-demo-2026");
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    for (const path of ["/", "/devices", "/reports", "/groups", "/users"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
