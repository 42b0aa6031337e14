import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { JobCreateInputRaw, JobDetail, JobDeviceState } from "@/lib/schemas/jobs";
import type { SessionUser } from "@/server/auth/session";
import { emulatorControl, tenantEnv } from "@/server/cli/emulator-control";
import { spawnEmulator } from "@/server/cli/emulator-process";
import { useThrowawayDatabase } from "@/server/db/testing";

/*
 * The jobs engine against an emulator of its own (it controls devices and injects failures),
 * reached over HTTP only, with a throwaway database. Two products, two paths: the air
 * conditioner has an AppID (Open API group control through the service user's app group), the
 * water meter has none (Enterprise control per device). The emulator counts the commands each
 * did received, which proves no device got a command twice.
 */

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const spawned = await spawnEmulator({
  port: 0,
  host: "127.0.0.1",
  env: { ...process.env, EMULATOR_DEVICES: "2000", EMULATOR_QUOTA: "100000" },
});
const emu = emulatorControl(spawned.url);
const tenant = await emu.tenant();
const AC = tenant.products.find(
  (p) => tenant.appids.some((a) => a.product_key === p.product_key) && p.name.toLowerCase().includes("air"),
)?.product_key;
const sampleProducts = await emu.sample();
// Open API product: the first controllable product with an AppID; Enterprise product: the next controllable one, its AppIDs left out.
const controllable = sampleProducts.filter((p) => p.remote_control).map((p) => p.product_key);
const OPEN_PK = AC ?? controllable[0]!;
const ENT_PK = controllable.find((pk) => pk !== OPEN_PK)!;
Object.assign(process.env, tenantEnv(spawned.url, { ...tenant, appids: tenant.appids.filter((a) => a.product_key !== ENT_PK) }), {
  NEXTAUTH_SECRET: "test-secret-for-jobs-tests-0123456789",
  GIZWITS_QUOTA_PER_HOUR: "100000",
  // Generous: the machine is shared, and a timed-out command fails its device (never re-sent).
  GIZWITS_TIMEOUT_MS: "20000",
});
useThrowawayDatabase();

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", async (orig) => ({ ...(await orig<object>()), getSessionUser: async () => session.user }));

const { db, closeDb, accounts, auditLog, jobs, jobDevices } = await import("@/server/db");
const { and, eq, sql } = await import("drizzle-orm");
const { searchDevices } = await import("@/server/gizwits/devices");
const { jobCreateInputSchema } = await import("@/lib/schemas/jobs");
const { JobRunner, setJobRunner } = await import("./runner");
const service = await import("./service");
const { jobDetail, listJobDevices } = await import("./store");
const jobDevicesOf = async (id: string) => (await listJobDevices(id, { page: 1, page_size: 1000 }, "en")).items;

let user: SessionUser;

interface Dev {
  did: string;
  mac: string;
  online: boolean;
  disabled: boolean;
}
async function allDids(pk: string, showDisabled: boolean): Promise<Set<string>> {
  const out = new Set<string>();
  for (let skip = 0; ; ) {
    const r = await searchDevices(pk, { showDisabled, skip, limit: 1000 });
    for (const d of r.objects) out.add(d.did);
    skip += r.objects.length;
    if (r.objects.length === 0 || skip >= r.total) return out;
  }
}
const disabledSets = new Map<string, Set<string>>();
/** Disabled devices: listed with show_disabled, missing without (search rows do not say). */
async function disabledOf(pk: string): Promise<Set<string>> {
  let s = disabledSets.get(pk);
  if (!s) {
    const enabled = await allDids(pk, false);
    s = new Set([...(await allDids(pk, true))].filter((d) => !enabled.has(d)));
    disabledSets.set(pk, s);
  }
  return s;
}
/** Devices of a product in search order (disabled included), with their states. */
async function devicesOf(pk: string, skip: number, n: number): Promise<Dev[]> {
  const r = await searchDevices(pk, { showDisabled: true, skip, limit: n });
  const disabled = await disabledOf(pk);
  return r.objects.map((d) => ({
    did: d.did,
    mac: d.mac.toLowerCase(),
    online: d.isOnline,
    disabled: d.isDisabled || disabled.has(d.did),
  }));
}
const sendable = (d: Dev) => d.online && !d.disabled;

function input(raw: JobCreateInputRaw) {
  return jobCreateInputSchema.parse(raw);
}

/** A runner of our own (no sweep); the process's runner is replaced by it. */
function freshRunner(leaseMs = 30_000) {
  const r = new JobRunner({ leaseMs, sweepMs: 0, readBackSettleMs: 50 });
  setJobRunner(r);
  return r;
}

async function states(jobId: string): Promise<Map<string, string>> {
  const d = await db();
  const rows = await d.select({ did: jobDevices.did, state: jobDevices.state }).from(jobDevices).where(eq(jobDevices.jobId, jobId));
  return new Map(rows.map((r) => [r.did, r.state]));
}

/** Audit records of device writes per did for a job. */
async function auditedDevices(jobId: string, action = "job.device.control"): Promise<Map<string, number>> {
  const d = await db();
  const rows = await d
    .select({ target: auditLog.target })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), sql`${auditLog.payload}->>'jobId' = ${jobId}`));
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.target!, (m.get(r.target!) ?? 0) + 1);
  return m;
}

async function waitFor(cond: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function settled(runner: InstanceType<typeof JobRunner>, id: string): Promise<JobDetail> {
  await runner.idle();
  return jobDetail(id, "en");
}

beforeAll(async () => {
  await emu.config({ published: [], quota: 100000 });
  const d = await db();
  const [a] = await d.select().from(accounts).limit(1);
  const id = a?.id ?? crypto.randomUUID();
  if (!a) await d.insert(accounts).values({ id, username: "ops1", name: "Ops One", role: "ops" });
  const [acct] = await d.select().from(accounts).where(eq(accounts.id, id));
  user = { id: acct!.id, username: acct!.username, name: acct!.name, role: "ops" };
  session.user = user;
});

afterAll(async () => {
  setJobRunner(null);
  await closeDb();
  await spawned.stop();
});

describe("Enterprise path (no AppID)", () => {
  let jobId: string;
  let devs: Dev[];
  let failing: string[];

  it("a job over 300+ devices: canary then batches, offline/disabled skipped, injected failures failed, each device audited and sent once", async () => {
    const runner = freshRunner();
    devs = await devicesOf(ENT_PK, 0, 330);
    expect(devs.length).toBeGreaterThan(300);
    expect(devs.some((d) => !d.online && !d.disabled)).toBe(true);
    expect(devs.some((d) => d.disabled)).toBe(true);
    const online = devs.filter(sendable);
    failing = online.slice(10, 15).map((d) => d.did);
    await emu.config({ controlFailDids: failing });
    await emu.resetControlCounts();

    const job = await service.createJob(
      user,
      input({
        productKey: ENT_PK,
        target: { kind: "dids", dids: devs.map((d) => d.did) },
        command: { attrs: await writableAttrs(ENT_PK) },
        batchSize: 100,
        failureThresholdPercent: 50,
      }),
      "en",
    );
    jobId = job.id;
    expect(job.path).toBe("enterprise");
    const done = await settled(runner, job.id);
    expect(done.state).toBe("completed");
    expect(done.batches[0]!.canary).toBe(true);
    expect(done.batches[0]!.size).toBe(Math.ceil(online.length / 100));
    expect(done.batches.reduce((a, b) => a + b.size, 0)).toBe(online.length);
    for (let i = 1; i < done.batches.length; i++)
      expect(done.batches[i]!.startedAt!).toBeGreaterThanOrEqual(done.batches[i - 1]!.finishedAt!);

    const st = await states(job.id);
    const page = await jobDevicesOf(job.id);
    // Only the injected failures fail (the error says why otherwise).
    expect(page.filter((r) => r.state === "failed" && !failing.includes(r.did))).toEqual([]);
    for (const d of devs) {
      const want: JobDeviceState = d.disabled
        ? "skipped_disabled"
        : !d.online
          ? "skipped_offline"
          : failing.includes(d.did)
            ? "failed"
            : "confirmed";
      expect([d.did, st.get(d.did)]).toEqual([d.did, want]);
    }
    const audits = await auditedDevices(job.id);
    const counts = await emu.controlCounts();
    for (const d of devs) {
      expect(audits.get(d.did) ?? 0).toBe(sendable(d) ? 1 : 0);
      expect(counts[d.did] ?? 0).toBe(sendable(d) ? 1 : 0);
    }
    expect(done.counts.failed).toBe(5);
    expect(done.counts.confirmed).toBe(online.length - 5);
  });

  it("retry failed: a new linked job over the failed devices only; confirmed devices never get the command again", async () => {
    await emu.config({ controlFailDids: [] });
    const runner = freshRunner();
    const retry = await service.retryFailed(user, jobId, "en");
    expect(retry.retryOf).toBe(jobId);
    expect(retry.total).toBe(failing.length);
    const done = await settled(runner, retry.id);
    expect(done.state).toBe("completed");
    expect(done.counts.confirmed).toBe(failing.length);
    const counts = await emu.controlCounts();
    for (const d of devs.filter(sendable)) expect(counts[d.did]).toBe(failing.includes(d.did) ? 2 : 1);
  });

  it("the failure threshold stops the job after the canary; nothing else is sent", async () => {
    const runner = freshRunner();
    await emu.resetControlCounts();
    const devs2 = (await devicesOf(ENT_PK, 330, 120)).filter(sendable);
    await emu.config({ controlFailDids: [devs2[0]!.did] });
    const job = await service.createJob(
      user,
      input({
        productKey: ENT_PK,
        target: { kind: "dids", dids: devs2.map((d) => d.did) },
        command: { attrs: await writableAttrs(ENT_PK) },
        batchSize: 20,
        failureThresholdPercent: 10,
      }),
      "en",
    );
    const done = await settled(runner, job.id);
    expect(done.state).toBe("stopped_threshold");
    expect(done.message).toMatch(/threshold/);
    expect(done.counts.failed).toBe(1);
    expect(done.counts.pending).toBe(devs2.length - 1);
    const counts = await emu.controlCounts();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
    await emu.config({ controlFailDids: [] });
  });

  it("pause, resume and cancel take effect between devices", async () => {
    const runner = freshRunner();
    await emu.resetControlCounts();
    const devs3 = (await devicesOf(ENT_PK, 450, 200)).filter(sendable);
    await emu.config({ latencyMs: 20, faultPath: "/control" });
    const job = await service.createJob(
      user,
      input({
        productKey: ENT_PK,
        target: { kind: "dids", dids: devs3.map((d) => d.did) },
        command: { attrs: await writableAttrs(ENT_PK) },
        batchSize: 50,
      }),
      "en",
    );
    await waitFor(async () => [...(await states(job.id)).values()].filter((s) => s !== "pending").length >= 5);
    expect((await service.pauseJob(job.id, "en")).state).toBe("paused");
    await runner.idle();
    const sentAtPause = Object.keys(await emu.controlCounts()).length;
    expect(sentAtPause).toBeLessThan(devs3.length);
    await new Promise((r) => setTimeout(r, 300));
    expect(Object.keys(await emu.controlCounts()).length).toBe(sentAtPause);
    await expect(service.pauseJob(job.id, "en")).rejects.toMatchObject({ code: "CONFLICT" });

    expect((await service.resumeJob(job.id, "en")).state).toBe("running");
    await waitFor(async () => Object.keys(await emu.controlCounts()).length >= sentAtPause + 5);
    const c = await service.cancelJob(job.id, "en");
    expect(["cancelling", "cancelled"]).toContain(c.state);
    const done = await settled(runner, job.id);
    expect(done.state).toBe("cancelled");
    expect(done.counts.pending).toBeGreaterThan(0);
    const counts = await emu.controlCounts();
    const st = await states(job.id);
    for (const d of devs3) {
      expect(counts[d.did] ?? 0).toBeLessThanOrEqual(1);
      if (st.get(d.did) === "pending") expect(counts[d.did] ?? 0).toBe(0);
    }
    await emu.config({ latencyMs: 0, faultPath: "" });
  });

  it("a restart mid-batch: the new runner resumes, and no device gets the command twice", async () => {
    await emu.resetControlCounts();
    const devs4 = (await devicesOf(ENT_PK, 0, 700)).filter(sendable).slice(0, 150);
    await emu.config({ latencyMs: 30, faultPath: "/control" });
    const a = freshRunner(400);
    const job = await service.createJob(
      user,
      input({
        productKey: ENT_PK,
        target: { kind: "macs", macs: devs4.map((d) => d.mac) },
        command: { attrs: await writableAttrs(ENT_PK) },
        batchSize: 40,
      }),
      "en",
    );
    expect(a.running(job.id)).toBe(true);
    await waitFor(async () => [...(await states(job.id)).values()].filter((s) => s !== "pending").length >= 20);
    // Slow the next command down and crash while it is in flight: its device stays `sending`.
    await emu.config({ latencyMs: 1500 });
    await waitFor(async () => [...(await states(job.id)).values()].includes("sending"));
    a.abort();
    const inFlight = [...(await states(job.id)).entries()].filter(([, s]) => s === "sending").map(([did]) => did);
    expect(inFlight).toHaveLength(1);
    await a.idle();
    expect((await states(job.id)).get(inFlight[0]!)).toBe("sending");
    await emu.config({ latencyMs: 30 });
    const b = freshRunner(400);
    await waitFor(async () => (await b.resumeAll()).includes(job.id), 10_000);
    const done = await settled(b, job.id);
    expect(done.state).toBe("completed");
    // The device in flight at the crash is read back, never sent again.
    expect(["confirmed", "not_confirmed"]).toContain((await states(job.id)).get(inFlight[0]!));
    const counts = await emu.controlCounts();
    for (const d of devs4) expect(counts[d.did] ?? 0).toBe(1);
    const audits = await auditedDevices(job.id);
    for (const d of devs4) expect(audits.get(d.did)).toBe(1);
    await emu.config({ latencyMs: 0, faultPath: "" });
  });

  it("two runners: only one takes the job's lease", async () => {
    const dead = freshRunner();
    dead.abort(); // createJob's kick finds no live runner
    const job = await service.createJob(
      user,
      input({
        productKey: ENT_PK,
        target: { kind: "dids", dids: (await devicesOf(ENT_PK, 650, 40)).filter(sendable).map((d) => d.did) },
        command: { attrs: await writableAttrs(ENT_PK) },
      }),
      "en",
    );
    await emu.resetControlCounts();
    const r1 = new JobRunner({ sweepMs: 0, readBackSettleMs: 50 });
    const r2 = new JobRunner({ sweepMs: 0, readBackSettleMs: 50 });
    const kicks = await Promise.all([r1.kick(job.id), r2.kick(job.id)]);
    expect(kicks.filter(Boolean)).toHaveLength(1);
    await Promise.all([r1.idle(), r2.idle()]);
    expect((await jobDetail(job.id, "en")).state).toBe("completed");
    for (const n of Object.values(await emu.controlCounts())) expect(n).toBe(1);
  });
});

describe("Open API path (AppID): one group control per batch through the service user's app group", () => {
  it("binds, controls in batches, and reports each device's own result", async () => {
    const runner = freshRunner();
    await emu.resetControlCounts();
    const devs = await devicesOf(OPEN_PK, 0, 320);
    const online = devs.filter(sendable);
    const failing = online.slice(3, 6).map((d) => d.did);
    await emu.config({ controlFailDids: failing });
    const job = await service.createJob(
      user,
      input({
        productKey: OPEN_PK,
        target: { kind: "dids", dids: devs.map((d) => d.did) },
        command: { attrs: await writableAttrs(OPEN_PK) },
        batchSize: 100,
        failureThresholdPercent: 100,
      }),
      "en",
    );
    expect(job.path).toBe("openapi_group");
    const done = await settled(runner, job.id);
    expect(done.state).toBe("completed");
    const st = await states(job.id);
    const counts = await emu.controlCounts();
    const audits = await auditedDevices(job.id);
    const binds = await auditedDevices(job.id, "job.device.bind");
    for (const d of devs) {
      const s = st.get(d.did);
      if (d.disabled) expect(s).toBe("skipped_disabled");
      else if (!d.online) expect(s).toBe("skipped_offline");
      else if (failing.includes(d.did)) expect(s).toBe("failed");
      else expect(["confirmed", "failed"]).toContain(s);
      // Sent at most once; a device whose binding was refused was never sent anything.
      expect(counts[d.did] ?? 0).toBeLessThanOrEqual(1);
      expect(audits.get(d.did) ?? 0).toBe(counts[d.did] ?? 0);
      expect(binds.get(d.did) ?? 0).toBeLessThanOrEqual(1);
    }
    expect(done.counts.confirmed).toBeGreaterThan(online.length / 2);
    // One group control per batch.
    const stats = await emu.stats();
    expect(stats.callsByRoute["POST /app/group/{id}/control"]).toBe(done.batchesTotal);
    await emu.config({ controlFailDids: [] });
  });
});

describe("routes", () => {
  function post(url: string, body: unknown, key?: string) {
    return new NextRequest(`http://console.test${url}`, {
      method: "POST",
      headers: {
        host: "console.test",
        origin: "http://console.test",
        "content-type": "application/json",
        "accept-language": "en",
        ...(key ? { "idempotency-key": key } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  it("a double start with the same Idempotency-Key creates one job; preview writes nothing", async () => {
    freshRunner();
    const { POST } = await import("@/app/api/jobs/route");
    const preview = await import("@/app/api/jobs/preview/route");
    const dids = (await devicesOf(ENT_PK, 680, 20)).map((d) => d.did);
    const body = { productKey: ENT_PK, target: { kind: "dids", dids }, command: { attrs: await writableAttrs(ENT_PK) } };
    const d = await db();
    const before = (await d.select({ id: jobs.id }).from(jobs)).length;

    const pv = await preview.POST(post("/api/jobs/preview", body), { params: Promise.resolve({}) });
    expect(pv.status).toBe(200);
    const p = (await pv.json()) as { total: number; toSend: number; calls: { enterprise: number } };
    expect(p.total).toBe(20);
    expect(p.calls.enterprise).toBe(p.toSend * 2);
    expect((await d.select({ id: jobs.id }).from(jobs)).length).toBe(before);

    expect((await POST(post("/api/jobs", body), { params: Promise.resolve({}) })).status).toBe(400);
    const key = `start-${crypto.randomUUID()}`;
    const [r1, r2] = await Promise.all([
      POST(post("/api/jobs", body, key), { params: Promise.resolve({}) }),
      POST(post("/api/jobs", body, key), { params: Promise.resolve({}) }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const r3 = await POST(post("/api/jobs", body, key), { params: Promise.resolve({}) });
    const first = (await (r1.status === 200 ? r1 : r2).json()) as { id: string };
    expect(((await r3.json()) as { id: string }).id).toBe(first.id);
    expect((await d.select({ id: jobs.id }).from(jobs)).length).toBe(before + 1);
  });
});

describe("targets and results", () => {
  const req = (url: string, body?: unknown) =>
    new NextRequest(`http://console.test${url}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { host: "console.test", origin: "http://console.test", "content-type": "application/json", "accept-language": "en" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("a search's filters and a group with its sub-groups resolve to the devices the upstream lists", async () => {
    const attrs = await writableAttrs(ENT_PK);
    const searched = await service.previewJob(
      input({ productKey: ENT_PK, target: { kind: "search", filters: { is_online: "1" } }, command: { attrs } }),
    );
    expect(searched.total).toBe((await searchDevices(ENT_PK, { isOnline: true, limit: 1 })).total);
    expect(searched.offline).toBe(0);
    expect(searched.toSend).toBe(searched.total - searched.disabled);

    const { getGroupTree } = await import("@/server/gizwits/groups");
    const { treeGids, findGroup } = await import("@/lib/schemas/groups");
    const tree = await getGroupTree(ENT_PK);
    const withChildren = treeGids(tree)
      .map((g) => findGroup(tree, g)!)
      .find((n) => n.children.length > 0)!;
    const gids = treeGids([withChildren]);
    let all = 0;
    let enabled = 0;
    let online = 0;
    for (const gid of gids) {
      all += (await searchDevices(ENT_PK, { gid, showDisabled: true, limit: 1 })).total;
      enabled += (await searchDevices(ENT_PK, { gid, limit: 1 })).total;
      online += (await searchDevices(ENT_PK, { gid, isOnline: true, limit: 1 })).total;
    }
    const group = await service.previewJob(
      input({ productKey: ENT_PK, target: { kind: "group", gid: withChildren.gid, includeSubgroups: true }, command: { attrs } }),
    );
    expect(group.total).toBe(all);
    expect(group.disabled).toBe(all - enabled);
    expect(group.online).toBe(online);
    const direct = await service.previewJob(
      input({ productKey: ENT_PK, target: { kind: "group", gid: withChildren.gid }, command: { attrs } }),
    );
    expect(direct.total).toBe((await searchDevices(ENT_PK, { gid: withChildren.gid, showDisabled: true, limit: 1 })).total);
  });

  it("a sub-group deleted behind the console's back since it read the tree is skipped, not a failed preview", async () => {
    const { createGroup, getGroupTree } = await import("@/server/gizwits/groups");
    const { treeGids, findGroup } = await import("@/lib/schemas/groups");
    const root = (await getGroupTree(ENT_PK))[0]!;
    const { gid: extra } = await createGroup(ENT_PK, root.gid);
    expect(treeGids([findGroup(await getGroupTree(ENT_PK), root.gid)!])).toContain(extra);
    const attrs = await writableAttrs(ENT_PK);
    const target = { kind: "group", gid: root.gid, includeSubgroups: true } as const;
    const before = await service.previewJob(input({ productKey: ENT_PK, target, command: { attrs } }));
    // Deleted straight at the upstream: the console's cached tree still lists it.
    const token = await emu.token(ENT_PK);
    const res = await fetch(`${spawned.url}/v1/products/${ENT_PK}/device_groups/${extra}`, {
      method: "DELETE",
      headers: { Authorization: `token ${token}` },
    });
    expect(res.status).toBeLessThan(300);
    const after = await service.previewJob(input({ productKey: ENT_PK, target, command: { attrs } }));
    expect(after.total).toBe(before.total);
  });

  it("a job started from a filtered search reads back and lists with its frozen filters", async () => {
    const runner = freshRunner();
    const filters = { is_online: "0", show_disabled: "1", region: "Guangdong" } as const;
    const job = await service.createJob(
      user,
      input({ productKey: ENT_PK, target: { kind: "search", filters }, command: { attrs: await writableAttrs(ENT_PK) } }),
      "en",
    );
    await settled(runner, job.id);
    const { jobDetail, listJobs } = await import("./store");
    const read = await jobDetail(job.id, "en");
    expect(read.target).toEqual({ kind: "search", filters: { is_online: false, show_disabled: true, region: "Guangdong" } });
    const listed = await listJobs({ product: ENT_PK, page: 1, page_size: 100 }, "en");
    expect(listed.items.map((j) => j.id)).toContain(job.id);
  });

  it("lists jobs with filters and pages, a job's devices by state, and its results as CSV", async () => {
    const list = await import("@/app/api/jobs/route");
    const devices = await import("@/app/api/jobs/[id]/devices/route");
    const exported = await import("@/app/api/jobs/[id]/devices/export/route");
    const page = (await (
      await list.GET(req(`/api/jobs?product=${ENT_PK}&state=completed&page_size=20`), { params: Promise.resolve({}) })
    ).json()) as {
      items: { id: string; state: string; productKey: string; total: number; counts: Record<string, number> }[];
      total: number;
    };
    expect(page.items.length).toBeGreaterThan(0);
    for (const j of page.items) expect([j.state, j.productKey]).toEqual(["completed", ENT_PK]);
    const job = page.items.find((j) => j.counts.skipped_offline! > 0) ?? page.items[0]!;
    const params = { params: Promise.resolve({ id: job.id }) };
    const offline = (await (await devices.GET(req(`/api/jobs/${job.id}/devices?state=skipped_offline&page_size=50`), params)).json()) as {
      items: { state: string }[];
      total: number;
    };
    expect(offline.total).toBe(job.counts.skipped_offline);
    for (const d of offline.items) expect(d.state).toBe("skipped_offline");
    const bytes = new Uint8Array(await (await exported.GET(req(`/api/jobs/${job.id}/devices/export`), params)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads the file as UTF-8
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines[0]).toBe("did,mac,state,batch,sent at,confirmed at,error");
    expect(lines).toHaveLength(job.total + 1);
    expect(
      (
        await devices.GET(req("/api/jobs/00000000-0000-4000-8000-000000000000/devices"), {
          params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }),
        })
      ).status,
    ).toBe(404);
  });
});

/** A writable value per product: the first writable bool datapoint switched on, else a number set to its minimum. */
async function writableAttrs(pk: string): Promise<Record<string, boolean | number>> {
  const { getProduct } = await import("@/server/gizwits/products");
  const dps = (await getProduct(pk)).datapoints ?? [];
  const w = dps.filter((d) => d.type === "status_writable");
  const b = w.find((d) => d.data_type === "bool");
  if (b) return { [b.name]: true };
  const n = w.find((d) => d.data_type === "uint8" || d.data_type === "uint16" || d.data_type === "uint32");
  if (n) return { [n.name]: 1 };
  throw new Error(`no writable datapoint on ${pk}`);
}
