import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { type EmulatorControl, expect, e2eEmulator, test } from "./fixtures";
import { AIR_CONDITIONER } from "./device-helpers";

/*
 * Jobs (issue 13), used as an ops user would: a job over 300+ air conditioners started from a
 * group's page (canary, then batches; offline devices skipped; upstream failures injected for a
 * few devices through the emulator's controlFailDids), watched to the end, its per-device results,
 * the retry of the failed devices and the CSV; the failure threshold stopping a job started from
 * a pasted list; a double click on Start making one job; reading roles seeing no actions.
 */

const PK = AIR_CONDITIONER;

interface Row {
  did: string;
  mac: string;
  is_online: boolean;
  is_disabled: boolean;
}
type Tree = { [gid: string]: Tree | "" };

/** A GET on the emulator's Enterprise API, as the upstream would answer it (not through the console). */
async function upstream<T>(emulator: EmulatorControl, path: string): Promise<T> {
  const token = await emulator.token(PK);
  const res = await fetch(`${emulator.url}/v1/products/${PK}/${path}`, { headers: { Authorization: `token ${token}` } });
  if (!res.ok) throw new Error(`emulator ${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** Group ids of a subtree in the order the console walks it (the group itself, then its children depth first). */
function subtreeGids(gid: string, tree: Tree | ""): string[] {
  if (!tree) return [gid];
  return [gid, ...Object.entries(tree).flatMap(([g, t]) => subtreeGids(g, t))];
}

/**
 * The devices of some groups, with their state now. Search rows do not say "disabled" (as on
 * Gizwits): a device listed only with show_disabled=1 is a disabled one.
 */
async function groupDevices(emulator: EmulatorControl, gids: readonly string[]): Promise<Row[]> {
  const out: Row[] = [];
  for (const gid of gids) {
    type Raw = Omit<Row, "is_disabled">;
    const all = await upstream<{ objects: Raw[] }>(emulator, `devices/search?limit=1000&show_disabled=1&gid=${gid}`);
    const enabled = new Set(
      (await upstream<{ objects: Raw[] }>(emulator, `devices/search?limit=1000&gid=${gid}`)).objects.map((o) => o.did),
    );
    out.push(...all.objects.map((o) => ({ ...o, is_disabled: !enabled.has(o.did) })));
  }
  return out;
}

/**
 * The emulator's devices come and go on their simulated schedules; a job's counts are only
 * predictable when its devices keep the state they have now, so pin them (undone by the reset
 * after these tests).
 */
async function pin(emulator: EmulatorControl, rows: readonly Row[]): Promise<void> {
  const live = rows.filter((r) => !r.is_disabled);
  for (let i = 0; i < live.length; i += 25) {
    await Promise.all(live.slice(i, i + 25).map((r) => emulator.setOnline(r.did, r.is_online)));
  }
}

async function rootTree(emulator: EmulatorControl): Promise<{ root: string; children: [string, Tree | ""][] }> {
  const sample = await emulator.sample();
  const root = sample.find((p) => p.product_key === PK)?.root_gid;
  if (!root) throw new Error("the air conditioner has no root group");
  const tree = await upstream<Tree>(emulator, "device_groups");
  const children = tree[root];
  return { root, children: children ? Object.entries(children) : [] };
}

async function downloadText(download: Download): Promise<string> {
  const path = await download.path();
  if (!path) throw new Error("download has no file");
  return readFile(path, "utf8");
}

const numberIn = async (page: Page, testId: string) =>
  Number(((await page.getByTestId(testId).locator("p").last().textContent()) ?? "").replace(/[^\d]/g, ""));
const count = async (page: Page, state: string) =>
  Number(await page.getByTestId("job-counts").locator(`[data-state="${state}"]`).getAttribute("data-count"));

/** Steps 2-4 of the create-job dialog: set_temp, options, then the preview. */
async function commandOptionsPreview(page: Page, opts: { temp: string; threshold?: string; canary?: string }) {
  const dialog = page.getByRole("dialog");
  await dialog.getByTestId("job-next").click();
  await dialog.getByLabel("设定温度").fill(opts.temp);
  await expect(dialog.getByTestId("job-command-summary")).toContainText(`设定温度 → ${opts.temp}`);
  await dialog.getByTestId("job-next").click();
  if (opts.threshold) await dialog.getByLabel("Failure threshold (%)").fill(opts.threshold);
  if (opts.canary) await dialog.getByLabel("Canary (%)").fill(opts.canary);
  await dialog.getByTestId("job-next").click();
  await expect(dialog.getByTestId("job-step-preview")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  return dialog;
}

async function waitForState(page: Page, states: RegExp, timeout = 150_000) {
  await expect(page.getByTestId("job-detail")).toHaveAttribute("data-state", states, { timeout });
}

async function jobTotal(page: Page): Promise<number> {
  const res = await page.request.get("/api/jobs?page_size=20");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { total: number }).total;
}

test.describe("jobs", () => {
  test.describe.configure({ timeout: 300_000 });

  test.afterEach(async () => {
    await e2eEmulator().config({ controlFailDids: [] });
  });
  test.afterAll(async () => {
    // Pinned devices and changed set-points live in the shared emulator: restore its seeded fleet.
    await e2eEmulator().reset();
  });

  test("ops runs a job over 300+ air conditioners from a group: canary then batches, offline skipped, failures shown, retried, CSV", async ({
    asRole,
    emulator,
  }) => {
    const { root, children } = await rootTree(emulator);
    const members = await groupDevices(emulator, subtreeGids(root, Object.fromEntries(children)));
    const offline = members.filter((m) => !m.is_online && !m.is_disabled);
    const disabled = members.filter((m) => m.is_disabled);
    expect(members.length).toBeGreaterThanOrEqual(300);
    expect(offline.length).toBeGreaterThan(0);
    // Failures only in the subtree the console walks last, so the canary (the first devices) passes.
    const [lastGid, lastTree] = children.at(-1)!;
    const failing = (await groupDevices(emulator, subtreeGids(lastGid, lastTree)))
      .filter((m) => m.is_online && !m.is_disabled)
      .slice(0, 3)
      .map((m) => m.did);
    expect(failing.length).toBeGreaterThan(0);
    await pin(emulator, members);
    await emulator.config({ controlFailDids: failing });
    await emulator.resetControlCounts();
    const startedAt = new Date(Date.now() - 1000).toISOString();

    const page = await asRole("ops");
    await page.goto(`/groups?product=${PK}&gid=${root}`);
    await page.getByTestId("group-job").click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByTestId("job-source")).toBeVisible();
    await dialog.getByTestId("job-include-subgroups").check();
    // No threshold here (the next test covers it): shared devices the service user cannot bind fail too, more or fewer by the hour.
    await commandOptionsPreview(page, { temp: "26", threshold: "100", canary: "10" });

    expect(await numberIn(page, "preview-total")).toBe(members.length);
    expect(await numberIn(page, "preview-offline")).toBe(offline.length);
    const toSend = await numberIn(page, "preview-to-send");
    expect(await numberIn(page, "preview-disabled")).toBe(disabled.length);
    expect(toSend).toBe(members.length - offline.length - disabled.length);
    await expect(dialog.getByTestId("preview-calls")).toContainText("will be used");
    await expect(dialog.getByTestId("preview-duration")).toContainText("about");
    await dialog.getByTestId("job-start").click();

    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    const jobId = page.url().split("/").at(-1)!;
    await expect(page.getByTestId("job-title")).toContainText("设定温度 = 26");
    await waitForState(page, /^completed$/);
    await expect(page.getByTestId("job-live")).toHaveCount(0);

    // Counts per device state: offline and disabled ones skipped, the injected failures failed
    // (devices the service user cannot bind, e.g. shared ones, fail too), the rest sent and read back.
    expect(await count(page, "skipped_offline")).toBe(offline.length);
    expect(await count(page, "skipped_disabled")).toBe(disabled.length);
    expect(await count(page, "pending")).toBe(0);
    const failedCount = await count(page, "failed");
    expect(failedCount).toBeGreaterThanOrEqual(failing.length);
    const done = (await count(page, "confirmed")) + (await count(page, "not_confirmed")) + (await count(page, "sent"));
    expect(done + failedCount).toBe(toSend);
    await expect(page.getByTestId("job-percent")).toHaveText("100%");

    // The canary went first, then batches, each with the time it took.
    const batches = page.getByTestId("job-batches").locator("tbody tr");
    // At night few devices are online: at least the canary and one batch.
    expect(await batches.count()).toBeGreaterThanOrEqual(2);
    await expect(batches.first()).toHaveAttribute("data-canary", "true");
    await expect(batches.first()).toContainText("Canary");
    for (const row of await batches.all()) await expect(row.getByTestId("batch-took")).toBeVisible();

    // Per-device results with a state filter: the failed ones and why.
    await page.getByTestId("device-state-filter").selectOption("failed");
    await expect(page).toHaveURL(/dstate=failed/);
    const failedRows = page.getByRole("table", { name: "Devices" }).locator("tbody tr");
    await expect(failedRows).toHaveCount(Math.min(failedCount, 50));
    for (const did of failing) await expect(page.locator(`tr[data-did="${did}"]`)).toHaveAttribute("data-state", "failed");

    // The CSV has every device of the job.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("job-export").click()]);
    const csv = (await downloadText(download)).replace(/^\uFEFF/, "").trim();
    const lines = csv.split(/\r?\n/).filter((l) => !l.startsWith("#"));
    expect(lines.length - 1).toBe(members.length);
    for (const did of failing) expect(lines.find((l) => l.includes(did))).toMatch(/failed/);

    // No device got the command twice, offline and disabled ones never, every confirmed one once;
    // the audit log has one write per device.
    const jobDevices = async (id: string, state: string) =>
      (
        (await (await page.request.get(`/api/jobs/${id}/devices?state=${state}&page_size=500`)).json()) as {
          items: { did: string; error: string | null }[];
        }
      ).items;
    const confirmed = (await jobDevices(jobId, "confirmed")).map((d) => d.did);
    const counts = await emulator.controlCounts();
    for (const m of members) expect(counts[m.did] ?? 0, m.did).toBeLessThanOrEqual(1);
    for (const m of [...offline, ...disabled]) expect(counts[m.did] ?? 0).toBe(0);
    for (const did of confirmed) expect(counts[did], did).toBe(1);
    const admin = await asRole("admin");
    const targets: string[] = [];
    for (let p = 1; ; p++) {
      const res = await admin.request.get(
        `/api/audit?action=job.device.control&from=${encodeURIComponent(startedAt)}&page_size=100&page=${p}&product=${PK}`,
      );
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { total: number; items: { target: string | null }[] };
      targets.push(...body.items.map((i) => i.target ?? ""));
      if (targets.length >= body.total || body.items.length === 0) break;
    }
    expect(new Set(targets).size).toBe(targets.length);
    for (const did of confirmed)
      expect(
        targets.some((t) => t.includes(did)),
        did,
      ).toBe(true);

    // Retry the failed devices once the upstream takes them again: a new job over those only.
    const firstFailed = await jobDevices(jobId, "failed");
    await emulator.config({ controlFailDids: [] });
    await page.getByTestId("job-retry-failed").click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: `Start retry of ${failedCount}` })
      .click();
    await expect(page).not.toHaveURL(new RegExp(jobId));
    await expect(page.getByTestId("job-retry-of")).toBeVisible();
    await waitForState(page, /^(completed|stopped_threshold)$/);
    const retryId = page.url().split("/").at(-1)!.split("?")[0]!;
    const retryAll = [
      ...(await jobDevices(retryId, "confirmed")),
      ...(await jobDevices(retryId, "not_confirmed")),
      ...(await jobDevices(retryId, "sent")),
      ...(await jobDevices(retryId, "failed")),
      ...(await jobDevices(retryId, "pending")),
    ].map((d) => d.did);
    expect(retryAll.sort()).toEqual(firstFailed.map((d) => d.did).sort());
    // The injected failures went through this time (unless the device also cannot be bound).
    const retryFailed = new Set((await jobDevices(retryId, "failed")).map((d) => d.did));
    for (const d of firstFailed.filter((x) => failing.includes(x.did) && !/owner/i.test(x.error ?? ""))) {
      expect(retryFailed.has(d.did), d.did).toBe(false);
    }
    const after = await emulator.controlCounts();
    for (const did of confirmed) expect(after[did]).toBe(1);

    // Both jobs are on the Jobs page with the one who started them.
    await page.goto("/jobs");
    await expect(page.locator(`tr[data-job="${jobId}"]`)).toContainText("Demo Ops");
    await expect(page.locator(`tr[data-job="${jobId}"]`)).toContainText("Completed");
    await expect(page.locator(`tr[data-job="${retryId}"]`)).toContainText("retry of failed devices");
  });

  test("the failure threshold stops a job started from pasted MACs, and the job says why", async ({ asRole, emulator }) => {
    const { children } = await rootTree(emulator);
    const [gid, tree] = children[0]!;
    // Every other enabled device online, whatever the hour of the simulated day, the rest offline.
    const devices = (await groupDevices(emulator, subtreeGids(gid, tree)))
      .slice(0, 60)
      .map((d, i) => (d.is_disabled ? d : { ...d, is_online: i % 2 === 0 }));
    const online = devices.filter((d) => d.is_online && !d.is_disabled);
    expect(online.length).toBeGreaterThan(10);
    await pin(emulator, devices);
    await emulator.config({ controlFailDids: online.map((d) => d.did) });

    const page = await asRole("ops");
    await page.goto(`/jobs?product=${PK}`);
    const dialog = page.getByRole("dialog");
    // The button is server-rendered when ?product= names the product: a click before hydration is lost.
    await expect(async () => {
      if (!(await dialog.isVisible())) await page.getByTestId("new-job").click({ timeout: 2_000 });
      await expect(dialog.getByTestId("job-list-input")).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
    await dialog.getByTestId("job-list-input").fill(["mac", ...devices.map((d) => d.mac.toUpperCase())].join("\n"));
    await expect(dialog.getByTestId("job-list-counts")).toContainText(`MACs: ${devices.length}`);
    await commandOptionsPreview(page, { temp: "24", canary: "5" });
    expect(await numberIn(page, "preview-total")).toBe(devices.length);
    await dialog.getByTestId("job-start").click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);

    await waitForState(page, /^stopped_threshold$/, 90_000);
    await expect(page.getByTestId("job-message")).toContainText(/fail/i);
    expect(await count(page, "failed")).toBeGreaterThan(0);
    expect(await count(page, "pending")).toBeGreaterThan(0);
    // It stopped by itself: nothing left to pause or cancel, the failed devices can be retried.
    await expect(page.getByTestId("job-pause")).toHaveCount(0);
    await expect(page.getByTestId("job-cancel")).toHaveCount(0);
    await expect(page.getByTestId("job-retry-failed")).toBeVisible();
    const counts = await emulator.controlCounts();
    const sent = online.filter((d) => (counts[d.did] ?? 0) > 0).length;
    expect(sent).toBeLessThan(online.length);
  });

  test("a double click on Start creates one job; a replayed request answers the same job", async ({ asRole, emulator }) => {
    const page = await asRole("ops");
    await page.goto(`/devices?product=${PK}&is_online=1`);
    // Device rows (not the skeleton rows shown while the page loads).
    const rows = page.getByRole("table").locator("tbody tr[data-did]");
    await expect(rows.first()).toBeVisible();
    for (let i = 0; i < 3; i++) {
      const did = (await rows.nth(i).getAttribute("data-did"))!;
      await emulator.setOnline(did, true);
      await rows.nth(i).getByRole("checkbox").check();
    }
    const before = await jobTotal(page);
    await page.getByTestId("selection-bar").getByTestId("sel-job").click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByTestId("job-source")).toContainText("Selected devices: 3");
    await commandOptionsPreview(page, { temp: "25", threshold: "100" });
    await dialog.getByTestId("job-start").dblclick();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    await waitForState(page, /^completed$/, 60_000);
    expect(await jobTotal(page)).toBe(before + 1);
    expect(await count(page, "pending")).toBe(0);
    await page.goto("/jobs");
    await expect(page.getByTestId("jobs-count")).toHaveText(`Jobs: ${before + 1}`);

    // The same Idempotency-Key again is the same job, not a second one.
    const [dev] = (await upstream<{ objects: Row[] }>(emulator, "devices/search?limit=1&is_online=1")).objects;
    const body = {
      productKey: PK,
      target: { kind: "dids", dids: [dev!.did] },
      command: { attrs: { set_temp: 23 } },
      failureThresholdPercent: 100,
    };
    const key = `e2e-${Date.now().toString(36)}-job`;
    const a = await page.request.post("/api/jobs", { data: body, headers: { "Idempotency-Key": key } });
    expect(a.status()).toBe(200);
    const first = (await a.json()) as { id: string };
    await expect
      .poll(async () => ((await (await page.request.get(`/api/jobs/${first.id}`)).json()) as { state: string }).state, { timeout: 30_000 })
      .toMatch(/^(completed|stopped_threshold)$/);
    const b = await page.request.post("/api/jobs", { data: body, headers: { "Idempotency-Key": key } });
    expect(((await b.json()) as { id: string }).id).toBe(first.id);
    expect(await jobTotal(page)).toBe(before + 2);
    const noKey = await page.request.post("/api/jobs", { data: body });
    expect(noKey.status()).toBe(400);
  });

  test("ops resumes a paused job and cancels another; cancelled devices are never sent", async ({ asRole, emulator }) => {
    const { root, children } = await rootTree(emulator);
    const devices = (await groupDevices(emulator, subtreeGids(root, Object.fromEntries(children)))).filter(
      (d) => d.is_online && !d.is_disabled,
    );
    expect(devices.length).toBeGreaterThan(20);
    await pin(emulator, devices);
    await emulator.resetControlCounts();
    const page = await asRole("ops");
    // Batches of one device, paused through the API right after it starts (a job of this size
    // finishes in seconds, faster than a page can be opened).
    const startPaused = async (dids: string[], tag: string) => {
      const res = await page.request.post("/api/jobs", {
        data: {
          productKey: PK,
          target: { kind: "dids", dids },
          command: { attrs: { set_temp: 22 } },
          batchSize: 1,
          failureThresholdPercent: 100,
        },
        headers: { "Idempotency-Key": `e2e-${Date.now().toString(36)}-${tag}` },
      });
      expect(res.status()).toBe(200);
      const { id } = (await res.json()) as { id: string };
      const paused = await page.request.post(`/api/jobs/${id}/pause`);
      expect(paused.status(), await paused.text()).toBe(200);
      await page.goto(`/jobs/${id}`);
      await waitForState(page, /^paused$/, 30_000);
      await expect(page.getByTestId("job-state")).toHaveText("Paused");
      await expect(page.getByTestId("job-pause")).toHaveCount(0);
      return id;
    };

    await startPaused(
      devices.slice(0, 8).map((d) => d.did),
      "resume",
    );
    await page.getByTestId("job-resume").click();
    await waitForState(page, /^completed$/, 60_000);
    expect(await count(page, "pending")).toBe(0);

    const rest = devices.slice(8).map((d) => d.did);
    const id = await startPaused(rest, "cancel");
    await page.getByTestId("job-cancel").click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel job" }).click();
    await waitForState(page, /^cancelled$/, 30_000);
    await expect(page.getByTestId("job-live")).toHaveCount(0);
    await expect(page.getByTestId("job-resume")).toHaveCount(0);
    expect(await count(page, "pending")).toBeGreaterThan(0);
    const left = (
      (await (await page.request.get(`/api/jobs/${id}/devices?state=pending&page_size=500`)).json()) as { items: { did: string }[] }
    ).items;
    expect(left.length).toBeGreaterThan(0);
    const counts = await emulator.controlCounts();
    for (const d of left) expect(counts[d.did] ?? 0, d.did).toBe(0);
  });

  for (const role of ["operator", "manager"] as const) {
    test(`${role} follows jobs but cannot start or act on them`, async ({ asRole }) => {
      const page = await asRole(role);
      await page.goto("/jobs");
      await expect(page.getByRole("heading", { name: "Jobs", exact: true })).toBeVisible();
      await expect(page.getByTestId("jobs-read-only")).toBeVisible();
      await expect(page.getByTestId("new-job")).toHaveCount(0);
      const first = page.getByTestId("job-link").first();
      await expect(first).toBeVisible();
      await first.click();
      await expect(page.getByTestId("job-progress")).toBeVisible();
      await expect(page.getByTestId("job-export")).toBeVisible();
      for (const id of ["job-pause", "job-resume", "job-cancel", "job-retry-failed"]) await expect(page.getByTestId(id)).toHaveCount(0);
      // No job entry on the device list or a group either, and the API refuses.
      await page.goto(`/devices?product=${PK}`);
      await expect(page.getByRole("table").locator("tbody tr").first()).toBeVisible();
      await expect(page.getByTestId("search-job")).toHaveCount(0);
      const res = await page.request.post("/api/jobs", {
        data: { productKey: PK, target: { kind: "macs", macs: ["aabbccddeeff"] }, command: { attrs: { set_temp: 26 } } },
        headers: { "Idempotency-Key": `e2e-${Date.now().toString(36)}-${role}` },
      });
      expect(res.status()).toBe(403);
    });
  }
});
