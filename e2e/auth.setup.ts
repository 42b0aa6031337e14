import { mkdirSync } from "node:fs";
import path from "node:path";
import { test as setup, expect } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../lib/demo-accounts";
import { authFile, signInThroughUi } from "./fixtures";

for (const account of DEMO_ACCOUNTS) {
  setup(`sign in through the form as ${account.role}`, async ({ page, baseURL }) => {
    const file = authFile(account.role, baseURL);
    mkdirSync(path.dirname(file), { recursive: true });
    await signInThroughUi(page, account.username, account.password);
    await page.waitForURL((u) => u.pathname === "/");
    await expect(page.getByTestId("user-role")).toHaveAttribute("data-role", account.role);
    await page.context().storageState({ path: file });
  });
}
