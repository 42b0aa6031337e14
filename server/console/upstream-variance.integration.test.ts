import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emulatorControl, tenantEnv } from "@/server/cli/emulator-control";
import { spawnEmulator } from "@/server/cli/emulator-process";
import { useThrowawayDatabase } from "@/server/db/testing";

/*
 * Issue 12 against a real emulator program of its own (started here, reached over HTTP):
 * - item 4: the console's reads of the paths the doc gets wrong, with the emulator serving only
 *   the documented form, only the alternative, and both; what answered is remembered per tenant;
 * - item 5: with pages and group MAC lists cut at 100, the search walk ("move all results"), the
 *   CSV export, a device-search page and the group members still give every device exactly once;
 * - item 6: a device in the 30th group created shows its group; a group write is seen at once;
 *   "unknown" (not "no group") when the index cannot be built.
 */

const spawned = await spawnEmulator({
  port: 0,
  host: "127.0.0.1",
  env: { ...process.env, EMULATOR_DEVICES: "1500", EMULATOR_PATH_VARIANT: "documented", EMULATOR_MAX_PAGE: "100" },
});
const control = emulatorControl(spawned.url);
const tenant = await control.tenant();
Object.assign(process.env, tenantEnv(spawned.url, tenant), { NEXTAUTH_SECRET: "test-secret-for-issue-12-variance-tests" });
useThrowawayDatabase();

const { resetGizwitsState } = await import("@/server/gizwits/client");
const { resetGizwitsStore } = await import("@/server/gizwits/store");
const reports = await import("@/server/gizwits/reports");
const users = await import("@/server/gizwits/users");
const { searchDevices } = await import("@/server/gizwits/devices");
const groups = await import("@/server/gizwits/groups");
const { AMBIGUOUS_PATHS, knownPathVariant, setVariantMemory } = await import("@/server/gizwits/variants");
const { getCapability, resetCapabilityCache } = await import("./capabilities");
const { reportCall } = await import("./reports");
const { collectSearchMacs, fillPage } = await import("./search-walk");
const { deviceExportStream } = await import("./device-export");
const { toDeviceRow } = await import("./device-search");
const { groupMembers } = await import("./group-members");
const { groupOfMac, locateMacs } = await import("./group-index");
const { loadDeviceInfo } = await import("./device");
const { AppError } = await import("@/server/errors");
const { closeDb } = await import("@/server/db");

const pk = tenant.products[0].product_key;
const day = (d: number) => new Date(Date.now() + d * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);

/** Forgets the console's caches (not the database): the next read asks the emulator. */
function freshConsole() {
  resetGizwitsState();
  resetGizwitsStore();
}

async function routeCalls(route: string): Promise<number> {
  return (await control.stats()).callsByRoute[route] ?? 0;
}

// Opening (and migrating) the throwaway database takes a while on a busy machine: before the tests.
beforeAll(async () => {
  await getCapability("tenant", "warm-up");
});

afterAll(async () => {
  await closeDb();
  await spawned.stop();
});

describe("the emulator program takes the issue-12 switches from its environment", () => {
  it("starts with the documented paths only and pages of 100", async () => {
    const cfg = await control.config();
    expect(cfg.pathVariant).toBe("documented");
    expect(cfg.maxPage).toBe(100);
    expect(cfg.aggMaxDays).toBe(31);
  });
});

describe("paths the doc gets wrong (item 4)", () => {
  beforeEach(() => freshConsole());

  const readAll = async () => ({
    realtime: await reports.getRealtimeReport(pk),
    summary: await reports.getDeviceSummary(pk),
    location: await users.getUsersLocation(pk),
    active: await users.getActiveUsersTotal(pk, { startDate: day(-5), endDate: day(-1) }),
  });

  it("reads every report from a tenant that serves only the documented form, and remembers it", async () => {
    await control.config({ pathVariant: "documented" });
    const r = await readAll();
    expect(r.summary.total).toBeGreaterThan(0);
    expect(r.realtime.counts?.activated).toBeGreaterThan(0);
    expect(r.location.nodes.length).toBeGreaterThan(0);
    expect(r.active.length).toBe(5);
    // Alert events have no documented path of their own: the doc's path answers the devices
    // report, which is not taken for events; the console says the report is unavailable.
    const err = await reportCall(() => reports.getFaultAlertEvents(pk, "alert")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as InstanceType<typeof AppError>).status).toBe(404);
    for (const key of [AMBIGUOUS_PATHS.realtimeReport, AMBIGUOUS_PATHS.summary, AMBIGUOUS_PATHS.userReportsProduct]) {
      expect(await knownPathVariant(key)).toBe("documented");
    }
  });

  it("falls back to the alternative on a 404 or a refused key, remembers it per tenant (database), then asks it first", async () => {
    await control.config({ pathVariant: "alternative" });
    const r = await readAll();
    expect(r.summary.total).toBeGreaterThan(0);
    expect(r.realtime.counts?.activated).toBeGreaterThan(0);
    expect(r.location.nodes.length).toBeGreaterThan(0);
    const events = await reports.getFaultAlertEvents(pk, "alert");
    const direct = await fetch(`${spawned.url}/v1/products/${pk}/alert/report/events`, {
      headers: { Authorization: `token ${await token()}` },
    }).then((x) => x.json() as Promise<{ count: { total: number } }>);
    expect(events.counts?.total).toBe(direct.count.total);
    expect(events.detail).toBeDefined();
    for (const key of Object.values(AMBIGUOUS_PATHS)) expect(await knownPathVariant(key)).toBe("alternative");
    // Stored as tenant capability records, so another process (or a restart) starts from them.
    resetCapabilityCache();
    setVariantMemory();
    // Written in the background: wait for it.
    await expect.poll(async () => (await getCapability("tenant", AMBIGUOUS_PATHS.summary))?.value).toEqual({ variant: "alternative" });
    resetCapabilityCache();
    setVariantMemory();
    expect(await knownPathVariant(AMBIGUOUS_PATHS.summary)).toBe("alternative");
    freshConsole();
    await control.resetStats();
    await readAll();
    expect(await routeCalls("GET /v1/products/{product_key}/devices/summary")).toBe(0);
    expect(await routeCalls("GET /v1/products/{product_key}/devices/report/devices/report/rt")).toBe(0);
    expect(await routeCalls("GET /v1/products/{product_key}/summary")).toBe(1);
    expect(await routeCalls("GET /v1/users/location")).toBe(1);
  });

  it("follows a tenant back to the documented form, and reads both when both are served", async () => {
    await control.config({ pathVariant: "documented" });
    const r = await readAll();
    expect(r.summary.total).toBeGreaterThan(0);
    expect(await knownPathVariant(AMBIGUOUS_PATHS.summary)).toBe("documented");
    expect(await knownPathVariant(AMBIGUOUS_PATHS.userReportsProduct)).toBe("documented");
    await control.config({ pathVariant: "both" });
    freshConsole();
    const b = await readAll();
    expect(b.summary.total).toBe(r.summary.total);
    expect((await reports.getFaultAlertEvents(pk, "alert")).detail).toBeDefined();
    expect(await knownPathVariant(AMBIGUOUS_PATHS.alertEvents)).toBe("alternative");
  });
});

async function token(): Promise<string> {
  const p = tenant.products[0];
  const res = await fetch(`${spawned.url}/v1/products/${p.product_key}/access_token`, {
    method: "POST",
    body: JSON.stringify({
      enterprise_id: tenant.enterprise_id,
      enterprise_secret: tenant.enterprise_secret,
      product_secret: p.product_secret,
    }),
  });
  return ((await res.json()) as { token: string }).token;
}

const searchAt =
  (q: { gid?: string; showDisabled?: boolean } = {}) =>
  (skip: number, limit: number) =>
    searchDevices(pk, { ...q, limit, skip }, { priority: "interactive" });

function expectEachOnce(macs: readonly string[], total: number) {
  expect(macs.length).toBe(total);
  expect(new Set(macs).size).toBe(total);
}

describe("no assumed page size (item 5): pages cut at 100", () => {
  beforeEach(() => freshConsole());

  it("the search walk ('move all results') yields every device exactly once", async () => {
    const first = await searchDevices(pk, { limit: 1000 });
    expect(first.objects.length).toBe(100);
    expect(first.total).toBeGreaterThan(300);
    expectEachOnce(await collectSearchMacs(searchAt()), first.total);
  });

  it("the CSV export has every device exactly once", async () => {
    const { total } = await searchDevices(pk, { limit: 1 });
    const stream = await deviceExportStream({
      productKey: pk,
      filter: {},
      locale: "en",
      timeZone: "Asia/Shanghai",
      fetchPage: async (skip) => {
        const r = await searchDevices(pk, { limit: 1000, skip }, { priority: "background" });
        return { devices: r.objects.map(toDeviceRow), total: r.total };
      },
    });
    const text = await new Response(stream).text();
    const macs = text
      .split("\r\n")
      .filter((l) => l && !l.startsWith("#") && !l.startsWith('"#') && !l.startsWith("\uFEFF"))
      .map((l) => l.match(/(?:^|,)"?([0-9a-f]{12})"?(?:,|$)/)?.[1])
      .filter((m): m is string => m !== undefined);
    expectEachOnce(macs, total);
    expect(new Set(macs)).toEqual(new Set(await collectSearchMacs(searchAt())));
  });

  it("a device-search page the upstream cuts short is completed from where it stopped", async () => {
    await control.config({ maxPage: 30 });
    try {
      freshConsole();
      const page = await fillPage(searchAt(), 40, 100);
      expect(page.objects.map((d) => d.mac)).toEqual((await collectSearchMacs(searchAt())).slice(40, 140));
    } finally {
      await control.config({ maxPage: 100 });
    }
  });

  it("group members are complete although the group's MAC list is cut at 100", async () => {
    const root = (await control.sample())[0].root_gid!;
    const { gid } = await groups.createGroup(pk, root);
    const macs = (await collectSearchMacs(searchAt())).slice(0, 250);
    for (let i = 0; i < macs.length; i += 100) {
      await groups.updateGroupMacs(pk, gid, { action: "assign", macs: macs.slice(i, i + 100), reassign: true });
    }
    expect((await groups.getGroupMacs(pk, gid)).length).toBe(100);
    const members = await groupMembers(pk, gid);
    expectEachOnce(members.macs, 250);
    expect(new Set(members.macs)).toEqual(new Set(macs));
    // Every member has its state from the search rows read on the way.
    expect(members.macs.every((m) => members.rows.has(m))).toBe(true);
  });
});

describe("which group a device is in (item 6)", () => {
  beforeEach(() => freshConsole());

  it("a device in the 30th group created shows that group; a move is seen at once", async () => {
    const root = (await control.sample())[0].root_gid!;
    const created: string[] = [];
    for (let i = 0; i < 30; i++) created.push((await groups.createGroup(pk, root)).gid);
    const thirtieth = created[29]!;
    const [device] = (await searchDevices(pk, { limit: 1, skip: 7 })).objects;
    await groups.updateGroupMacs(pk, thirtieth, { action: "assign", macs: [device!.mac], reassign: true });
    const info = await loadDeviceInfo(pk, device!.did);
    expect(info.groupLookup).toBe("found");
    expect(info.group?.gid).toBe(thirtieth);
    expect(await locateMacs(pk, [device!.mac])).toEqual({ [device!.mac.toLowerCase()]: thirtieth });
    // The index is cached; a group write invalidates it.
    await groups.updateGroupMacs(pk, created[3]!, { action: "assign", macs: [device!.mac], reassign: true });
    expect(await groupOfMac(pk, device!.mac)).toEqual({ status: "found", gid: created[3] });
    await groups.updateGroupMacs(pk, created[3]!, { action: "unassign", macs: [device!.mac] });
    expect(await groupOfMac(pk, device!.mac)).toEqual({ status: "none" });
  });

  it("says 'unknown', never 'not in a group', when the index cannot be built", async () => {
    const [device] = (await searchDevices(pk, { limit: 1, skip: 9 })).objects;
    await control.config({ errorRate: 1, errorCode: 5019, faultPath: "/device_groups" });
    try {
      freshConsole();
      const info = await loadDeviceInfo(pk, device!.did);
      expect(info.group).toBeNull();
      expect(info.groupLookup).toBe("unknown");
    } finally {
      await control.config({ errorRate: 0, faultPath: "" });
    }
  });
});

describe("no assumed agg_data span (item 5)", () => {
  it("an upstream taking 7 days gives the same buckets for 20 days as one taking 31", async () => {
    const { getAggData } = await import("@/server/gizwits/agg");
    const { aggAcrossSpan } = await import("./agg-span");
    const sample = (await control.sample()).find((p) => p.agg_data)!;
    const did = (sample.online[0] ?? sample.offline[0])!.did;
    const end = Date.now() - 3600_000;
    const q = { startMs: end - 20 * 86_400_000, endMs: end, unit: "DAYS" as const, aggregator: "max" as const, timeZone: "Asia/Shanghai" };
    const read = () =>
      aggAcrossSpan(sample.product_key, q, async (s, e) =>
        (
          await getAggData(sample.product_key, did, { startMs: s, endMs: e, attrs: ["flow_rate"], aggregator: "max", unit: "DAYS" })
        ).data.map((b) => ({
          datetime: b.datetime,
          attrs: { flow_rate: typeof b.attrs.flow_rate === "number" ? b.attrs.flow_rate : null },
        })),
      );
    freshConsole();
    const whole = await read();
    await control.config({ aggMaxDays: 7 });
    try {
      freshConsole();
      const parts = await read();
      expect(parts.map((b) => b.datetime)).toEqual(whole.map((b) => b.datetime));
      expect(parts).toEqual(whole);
      expect(whole.length).toBeGreaterThanOrEqual(20);
    } finally {
      await control.config({ aggMaxDays: 31 });
    }
  });
});
