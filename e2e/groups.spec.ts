import { expect, test } from "./fixtures";

const PK = "6f2e214bf2d79649232431b94a25f46a";
const api = `/api/products/${PK}/groups`;

test.describe("device groups", () => {
  test.afterAll(async ({ emulator }) => {
    // Group changes live in the shared emulator: restore its seeded tenant for the specs after us.
    await emulator.post("reset");
  });

  test("operator builds a three-level tree, renames, and deletes only what the API allows", async ({ asRole }) => {
    const page = await asRole("operator");
    await page.goto(`/groups?product=${PK}`);
    const root = page.getByTestId("group-node").first();
    await root.click();
    await expect(page.getByTestId("group-detail")).toBeVisible();
    const stamp = Date.now().toString(36);

    const addChild = async (name: string) => {
      await page.getByTestId("add-child").click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Name").fill(name);
      await dialog.getByTestId("group-form-submit").click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId("group-name")).toHaveText(name);
    };
    await addChild(`A ${stamp}`);
    await addChild(`B ${stamp}`);
    await expect(page.getByRole("treeitem", { name: `A ${stamp}` }).getByRole("treeitem", { name: `B ${stamp}` })).toBeVisible();

    await page.getByTestId("rename").click();
    await page.getByRole("dialog").getByLabel("Name").fill(`B2 ${stamp}`);
    await page.getByRole("dialog").getByTestId("group-form-submit").click();
    await expect(page.getByTestId("group-name")).toHaveText(`B2 ${stamp}`);

    // Put one device in B2, so its delete is refused until it is emptied.
    const { macs } = (await (await page.request.get(`${api}/search-macs`)).json()) as { macs: string[] };
    await page.getByTestId("bulk-assign").click();
    await page.getByTestId("bulk-input").fill(macs[0]!.toUpperCase());
    await page.getByTestId("bulk-reassign").check();
    await page.getByTestId("bulk-start").click();
    await expect(page.getByTestId("bulk-summary")).toHaveText("1 succeeded, 0 failed");
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).first().click();
    await expect(page.getByTestId("group-device-count")).toHaveText("1");

    // A: has a subgroup → refused with the reason, delete disabled.
    await page
      .getByRole("treeitem", { name: `A ${stamp}` })
      .getByTestId("group-node")
      .first()
      .click();
    await page.getByTestId("delete-group").click();
    await expect(page.getByTestId("delete-reason")).toContainText("1 subgroup");
    await expect(page.getByTestId("delete-confirm")).toBeDisabled();
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).first().click();
    // The server refuses too, without spending the write.
    const refused = await page.request.delete(
      `${api}/${(await page
        .getByRole("treeitem", { name: `A ${stamp}` })
        .getByTestId("group-node")
        .first()
        .getAttribute("data-gid"))!}`,
    );
    expect(refused.status()).toBe(409);

    // B2: has a device → refused, emptied first (confirmed), then deleted.
    await page
      .getByRole("treeitem", { name: `B2 ${stamp}` })
      .getByTestId("group-node")
      .click();
    await expect(page.getByTestId("group-device-count")).toHaveText("1");
    await page.getByTestId("delete-group").click();
    await expect(page.getByTestId("delete-reason")).toContainText("1 device");
    await page.getByTestId("empty-first").click();
    await page.getByRole("dialog").getByRole("button", { name: "Empty group" }).click();
    await expect(page.getByTestId("delete-reason")).toContainText("cannot be undone");
    await page.getByTestId("delete-confirm").click();
    await expect(page.getByRole("treeitem", { name: `B2 ${stamp}` })).toHaveCount(0);

    await page
      .getByRole("treeitem", { name: `A ${stamp}` })
      .getByTestId("group-node")
      .click();
    await page.getByTestId("delete-group").click();
    await page.getByTestId("delete-confirm").click();
    await expect(page.getByRole("treeitem", { name: `A ${stamp}` })).toHaveCount(0);
  });

  test("bulk assign of more than 1000 MACs in chunks, with per-MAC failures and a CSV", async ({ asRole, emulator }) => {
    const page = await asRole("operator");
    const { macs } = (await (await page.request.get(`${api}/search-macs`)).json()) as { macs: string[] };
    expect(macs.length).toBeGreaterThan(1000);
    const created = await page.request.post(api, {
      data: { parentGid: (await (await page.request.get(api)).json()).groups[0].gid, name: "Bulk e2e" },
    });
    expect(created.status()).toBe(201);
    const { gid } = (await created.json()) as { gid: string };
    const unknown = Array.from({ length: 30 }, (_, i) => `ffff0000${i.toString(16).padStart(4, "0")}`);
    await emulator.post("stats/reset");

    await page.goto(`/groups?product=${PK}&gid=${gid}`);
    await page.getByTestId("bulk-assign").click();
    // Separators and case vary, one duplicate and one non-MAC: normalized, deduplicated, reported.
    const pasted = [...unknown, ...macs.map((m) => m.match(/../g)!.join(":").toUpperCase()), macs[0]!, "not-a-mac"].join("\n");
    await page.getByTestId("bulk-input").fill(pasted);
    const valid = macs.length + unknown.length;
    const chunks = Math.ceil(valid / 1000);
    await expect(page.getByTestId("bulk-counts")).toContainText(`${valid.toLocaleString("en")} valid`);
    await expect(page.getByTestId("bulk-counts")).toContainText("1 invalid");
    await expect(page.getByTestId("bulk-counts")).toContainText("1 duplicate");
    await expect(page.getByTestId("bulk-cost")).toContainText(`${chunks} upstream call(s)`);
    // Reassign off: devices already in a seeded group fail with the explained reason.
    await page.getByTestId("bulk-start").click();
    await expect(page.getByTestId("bulk-progress")).toContainText(`${valid.toLocaleString("en")} of ${valid.toLocaleString("en")}`);
    const summary = (await page.getByTestId("bulk-summary").textContent()) ?? "";
    const [, ok, failed] = /([\d,]+) succeeded, ([\d,]+) failed/.exec(summary)!.map((s) => Number(s.replace(/,/g, "")));
    expect(ok! + failed!).toBe(valid);
    expect(failed).toBeGreaterThanOrEqual(unknown.length);
    await expect(page.locator(`[data-testid=bulk-results] tr[data-result=failed]`).filter({ hasText: unknown[0]! })).toContainText(
      "Not a device of this product",
    );

    const download = page.waitForEvent("download");
    await page.getByTestId("bulk-download").click();
    const csv = await (await download).path().then((p) => import("node:fs/promises").then((fs) => fs.readFile(p, "utf8")));
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(valid + 1);
    expect(csv).toContain(`${unknown[0]},failed,`);

    // One upstream write per chunk, none retried (reads of the group's page are not writes).
    const stats = await emulator.get<{ callsByRoute: Record<string, number> }>("stats");
    const puts = Object.entries(stats.callsByRoute)
      .filter(([r]) => r.startsWith("PUT ") && r.includes("/device_groups/"))
      .reduce((s, [, n]) => s + n, 0);
    expect(puts).toBe(chunks);
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).first().click();
  });

  test("drag devices from the list onto a group moves them, and undo puts them back", async ({ asRole }) => {
    const page = await asRole("operator");
    const tree = (await (await page.request.get(api)).json()) as { groups: { gid: string; children: { gid: string }[] }[] };
    const target = tree.groups[0]!.children[0]!.gid;
    await page.goto(`/groups?product=${PK}&view=find`);
    const rows = page.locator("tr[data-mac]");
    await expect(rows.first()).toBeVisible();
    const mac = (await rows.first().getAttribute("data-mac"))!;
    const before = (await (await page.request.post(`${api}/locate`, { data: { macs: [mac] } })).json()) as {
      groups: Record<string, string | null>;
    };
    const from = before.groups[mac.toLowerCase()] ?? null;
    test.skip(from === target, "the seeded device already sits in the target group");

    await rows.first().dragTo(page.locator(`[data-testid=group-node][data-gid="${target}"]`));
    await expect(page.getByTestId("move-banner")).toHaveAttribute("data-phase", "moved");
    const moved = (await (await page.request.post(`${api}/locate`, { data: { macs: [mac] } })).json()) as {
      groups: Record<string, string | null>;
    };
    expect(moved.groups[mac.toLowerCase()]).toBe(target);

    await page.getByTestId("move-undo").click();
    await expect(page.getByTestId("move-banner")).toHaveAttribute("data-phase", "undone");
    const after = (await (await page.request.post(`${api}/locate`, { data: { macs: [mac] } })).json()) as {
      groups: Record<string, string | null>;
    };
    expect(after.groups[mac.toLowerCase()] ?? null).toBe(from);
  });

  test("the group filters the device search page", async ({ asRole }) => {
    const page = await asRole("manager");
    const tree = (await (await page.request.get(api)).json()) as { groups: { gid: string; children: { gid: string }[] }[] };
    const gid = tree.groups[0]!.children[0]!.gid;
    const members = (await (await page.request.get(`${api}/${gid}/devices?page_size=20`)).json()) as { total: number };
    await page.goto(`/devices?product=${PK}&gid=${gid}`);
    await expect(page.getByTestId("result-count")).toBeVisible();
    const text = (await page.getByTestId("result-count").textContent()) ?? "";
    expect(Number(text.replace(/[^\d]/g, ""))).toBeLessThanOrEqual(members.total);
    await page.goto(`/devices?product=${PK}`);
    const all = Number(((await page.getByTestId("result-count").textContent()) ?? "").replace(/[^\d]/g, ""));
    expect(all).toBeGreaterThan(members.total);
  });

  test("roles: a manager sees the tree read-only and group writes answer 403", async ({ asRole }) => {
    const page = await asRole("manager");
    await page.goto(`/groups?product=${PK}`);
    await page.getByTestId("group-node").first().click();
    await expect(page.getByTestId("group-detail")).toBeVisible();
    await expect(page.getByTestId("add-child")).toHaveCount(0);
    await expect(page.getByTestId("delete-group")).toHaveCount(0);
    const gid = (await page.getByTestId("group-node").first().getAttribute("data-gid"))!;
    expect((await page.request.post(api, { data: { parentGid: gid, name: "nope" } })).status()).toBe(403);
    expect((await page.request.put(`${api}/${gid}/devices`, { data: { action: "assign", macs: ["aabbccddeeff"] } })).status()).toBe(403);
    expect((await page.request.delete(`${api}/${gid}`)).status()).toBe(403);
  });
});
