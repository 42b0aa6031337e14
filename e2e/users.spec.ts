import { e2eEmulator, e2eEmulatorUrl, expect, test } from "./fixtures";

interface UserObj {
  uid: string;
  phone: string | null;
  username: string | null;
  is_anonymous: boolean;
}

/** Straight from the emulator (as Gizwits would answer), so the specs do not depend on the pages they test. */
async function emu<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${e2eEmulatorUrl()}${path}`, init);
  if (!res.ok) throw new Error(`emulator ${path}: ${res.status}`);
  return (await res.json()) as T;
}

/**
 * A support case: a named user with a phone and devices bound in a product, the app they belong
 * to, one of their devices and a spare device of the product that is not theirs.
 */
async function supportCase() {
  const tenant = await e2eEmulator().tenant();
  const products = await e2eEmulator().sample();
  const sample = products.find((p) => p.bound_user)!;
  const pk = sample.product_key;
  const secret = tenant.products.find((p) => p.product_key === pk)!.product_secret;
  const { token } = await emu<{ token: string }>(`/v1/products/${pk}/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ enterprise_id: tenant.enterprise_id, enterprise_secret: tenant.enterprise_secret, product_secret: secret }),
  });
  const auth = { headers: { Authorization: `token ${token}` } };
  const bound = await emu<{ objects: UserObj[] }>(`/v1/products/${pk}/users/search?limit=200`, auth);
  const user = bound.objects.find((u) => u.phone && !u.is_anonymous);
  if (!user?.phone) throw new Error("no bound user with a phone");
  const ent = { headers: { "X-Gizwits-Enterprise-ID": tenant.enterprise_id, "X-Gizwits-Enterprise-Secret": tenant.enterprise_secret } };
  let appid: string | null = null;
  for (const a of tenant.appids.filter((x) => x.product_key === pk || x.product_key === null)) {
    const r = await emu<{ objects: UserObj[] }>(`/v1/users/search?product_key=${pk}&appid=${a.appid}&phone=${user.phone}&limit=100`, ent);
    if (r.objects.some((u) => u.uid === user.uid)) appid = a.appid;
  }
  if (!appid) throw new Error("user's app not found");
  const devices = await emu<{ objects: { did: string; mac: string }[] }>(
    `/v1/products/${pk}/devices/search?type=uid&val=${user.uid}&show_disabled=1&limit=100`,
    auth,
  );
  // A device the user owns, as the upstream says now (earlier specs bind and unbind devices).
  let owned = devices.objects[0]!;
  for (const d of devices.objects) {
    const users = await emu<{ objects: { uid: string; is_owner?: boolean }[] }>(
      `/v1/products/${pk}/users/search?type=did&val=${d.did}&limit=100`,
      auth,
    );
    if (users.objects.some((u) => u.uid === user.uid && u.is_owner === true)) {
      owned = d;
      break;
    }
  }
  const spare = [...sample.offline, ...sample.online].find((d) => !devices.objects.some((o) => o.did === d.did))!;
  return { pk, uid: user.uid, phone: user.phone, username: user.username, appid, owned, spare };
}

test.describe("users and bindings", () => {
  test("registered users: search by phone, anonymous users marked, the result opens the user page with their devices", async ({
    asRole,
  }) => {
    const c = await supportCase();
    const page = await asRole("operator");
    await page.goto(`/users?product=${c.pk}`);
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
    await expect(page.getByTestId("anonymous-badge").first()).toBeVisible();

    await page.getByLabel("Search by").selectOption("phone");
    await page.getByLabel("Search for").fill(c.phone.slice(0, 9));
    // The app is picked and Search clicked in the same moment, before the router shows the app's
    // URL: the search must keep the app (it once built on the stale URL and dropped it).
    await expect(page.getByLabel("App", { exact: true }).locator(`option[value="${c.appid}"]`)).toBeAttached();
    await page.getByLabel("App", { exact: true }).evaluate((el, appid) => {
      const select = el as HTMLSelectElement;
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")?.set?.call(select, appid);
      select.dispatchEvent(new Event("change", { bubbles: true }));
      select.form?.requestSubmit();
    }, c.appid);
    await expect(page).toHaveURL(new RegExp(`appid=${c.appid}&type=phone&val=${c.phone.slice(0, 9)}`));
    const rows = page.getByRole("table", { name: "Registered users" }).locator("tbody tr");
    await expect(rows.filter({ hasText: c.uid })).toHaveCount(1);
    // The previous (unfiltered) page stays on screen while the search loads, and it holds this
    // user too: wait for the table to show only matching phones, not just for the row.
    await expect(async () => {
      const phones = await rows.locator("td:nth-child(3)").allTextContents();
      expect(phones.length).toBeGreaterThan(0);
      for (const phone of phones) expect(phone.startsWith(c.phone.slice(0, 9))).toBe(true);
    }).toPass();

    await rows.filter({ hasText: c.uid }).getByTestId("user-link").click();
    await expect(page).toHaveURL(new RegExp(`/users/${c.uid}\\?product=${c.pk}&appid=${c.appid}`));
    await expect(page.getByTestId("user-title")).toContainText(c.username ?? c.uid);
    const device = page.locator(`tr[data-did="${c.owned.did}"]`);
    await expect(device).toContainText(c.owned.mac);
    await expect(device.locator("[data-status]").first()).toBeVisible();
    await device.getByRole("link", { name: c.owned.mac }).click();
    await expect(page).toHaveURL(new RegExp(`/devices/${c.owned.did}\\?product=${c.pk}`));
  });

  test("bound users: by did the owner is marked; the group filter and uid search narrow the list", async ({ asRole }) => {
    const c = await supportCase();
    const page = await asRole("manager");
    await page.goto(`/users?product=${c.pk}&tab=bound`);
    await expect(page.getByRole("tab", { name: "Bound users" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByLabel("Group")).toBeVisible();
    await page.getByLabel("Search by").selectOption("did");
    await page.getByLabel("Search for").fill(c.owned.did);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const table = page.getByRole("table", { name: "Bound users" });
    await expect(table.locator("tbody tr").filter({ hasText: c.uid })).toHaveCount(1);
    await expect(table.getByTestId("owner-badge")).toHaveCount(1);

    await page.getByLabel("Search by").selectOption("uid");
    await page.getByLabel("Search for").fill(c.uid);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/type=uid/);
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(table.getByTestId("owner-badge")).toHaveCount(0);

    // A manager reads but cannot bind: the page says so and offers no button.
    await page.goto(`/users/${c.uid}?product=${c.pk}`);
    await expect(page.locator(`tr[data-did="${c.owned.did}"]`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Bind devices" })).toHaveCount(0);
    await expect(page.getByText("Binding devices needs the operator role.")).toBeVisible();
    const denied = await page.request.post(`/api/products/${c.pk}/bindings`, { data: { uid: c.uid, appid: c.appid, dids: [c.spare.did] } });
    expect(denied.status()).toBe(403);
  });

  test("operator binds a device (with an unknown did failing), unbinds it, and the audit log shows both", async ({ asRole }) => {
    const c = await supportCase();
    const page = await asRole("operator");
    const unknown = "NoSuchDevice0000000000";
    try {
      await page.goto(`/users/${c.uid}?product=${c.pk}&appid=${c.appid}`);
      await expect(page.locator(`tr[data-did="${c.owned.did}"]`)).toBeVisible();

      await page.getByRole("button", { name: "Bind devices" }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByLabel("App ID")).toHaveValue(c.appid);
      await dialog.getByLabel("Device IDs (did)").fill(unknown);
      // The spare device is found by MAC and added from the picker.
      await dialog.getByLabel("Find a device by MAC or did").fill(c.spare.mac);
      await dialog.getByRole("button", { name: "Search", exact: true }).click();
      await dialog.getByTestId("picker-results").getByRole("button", { name: "Add" }).click();
      await expect(dialog.getByLabel("Device IDs (did)")).toHaveValue(`${unknown}\n${c.spare.did}`);
      await dialog.getByRole("button", { name: "Review" }).click();
      await expect(dialog.getByTestId("binding-confirm")).toContainText("Bind 2 devices");
      await dialog.getByTestId("binding-send").click();
      const result = dialog.getByTestId("binding-result");
      await expect(result).toContainText("1 succeeded, 1 failed");
      await expect(result.locator(`[data-did="${c.spare.did}"]`)).toHaveAttribute("data-outcome", "ok");
      await expect(result.locator(`[data-did="${unknown}"]`)).toHaveAttribute("data-outcome", "failed");
      await dialog.getByRole("button", { name: "Done" }).click();
      await expect(page.locator(`tr[data-did="${c.spare.did}"]`)).toBeVisible();

      await page.locator(`tr[data-did="${c.spare.did}"]`).getByRole("button", { name: "Unbind" }).click();
      await expect(dialog.getByLabel("Device IDs (did)")).toHaveValue(c.spare.did);
      await dialog.getByRole("button", { name: "Review" }).click();
      await dialog.getByTestId("binding-send").click();
      await expect(dialog.getByTestId("binding-result")).toContainText("1 succeeded, 0 failed");
      await dialog.getByRole("button", { name: "Done" }).click();
      await expect(page.locator(`tr[data-did="${c.spare.did}"]`)).toHaveCount(0);
      await expect(page.locator(`tr[data-did="${c.owned.did}"]`)).toBeVisible();
    } finally {
      // Leaves the shared emulator as found, whatever step failed.
      await page.request.delete(`/api/products/${c.pk}/bindings`, { data: { uid: c.uid, appid: c.appid, dids: [c.spare.did] } });
    }

    const admin = await asRole("admin");
    await admin.goto(`/audit?q=${c.uid}`);
    await expect(admin.locator('tr[data-status="ok"][data-action="binding.create"]').first()).toBeVisible();
    await expect(admin.locator('tr[data-status="ok"][data-action="binding.delete"]').first()).toBeVisible();
  });
});
