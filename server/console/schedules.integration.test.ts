import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { emulatorControl, tenantEnv } from "@/server/cli/emulator-control";
import { spawnEmulator } from "@/server/cli/emulator-process";
import type { SessionUser } from "@/server/auth/session";
import { useThrowawayDatabase } from "@/server/db/testing";

/*
 * Schedules against an emulator program of this test's own (its schedules and bindings are
 * written): the service user is bound before the first device schedule and only then, a group
 * schedule mirrors the console group into an app group (a member that cannot be bound is
 * reported, not silently dropped), membership follows the console group on the next save, and
 * every write is in the audit log before it was sent.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const spawned = await spawnEmulator({ port: 0, host: "127.0.0.1", env: { ...process.env, EMULATOR_DEVICES: "400" } });
const control = emulatorControl(spawned.url);
const tenant = await control.tenant();
Object.assign(process.env, tenantEnv(spawned.url, tenant), { NEXTAUTH_SECRET: "test-secret-for-schedule-integration-tests" });
useThrowawayDatabase();

const { auditLog, closeDb, db } = await import("@/server/db");
const { asc, like } = await import("drizzle-orm");
const groups = await import("@/server/gizwits/groups");
const s = await import("./schedules");

const user: SessionUser = { id: "u-ops", username: "ops", name: "Ops", role: "ops" };
const weekdays08 = {
  timeZone: "Asia/Shanghai",
  time: "08:00",
  recurrence: { kind: "weekly" as const, weekdays: ["mon" as const, "tue" as const, "wed" as const, "thu" as const, "fri" as const] },
  command: { raw: [1, 2] },
  enabled: true,
};

// The air conditioner: it has AppIDs (the Open API is configured for it).
const sample = (await control.sample()).find((p) => p.product_key === "6f2e214bf2d79649232431b94a25f46a");
if (!sample) throw new Error("no air conditioner in the emulator sample");
const pk = sample.product_key;

/** Online devices straight from the emulator's device search (deterministic for its seed). */
async function emulatorDevices(skip: number, limit: number): Promise<{ did: string; mac: string }[]> {
  const token = await control.token(pk);
  const res = await fetch(`${spawned.url}/v1/products/${pk}/devices/search?is_online=1&skip=${skip}&limit=${limit}`, {
    headers: { Authorization: `token ${token}` },
  });
  return ((await res.json()) as { objects: { did: string; mac: string }[] }).objects;
}

async function scheduleActions(): Promise<{ action: string; status: string; target: string | null }[]> {
  return (await db())
    .select({ action: auditLog.action, status: auditLog.status, target: auditLog.target })
    .from(auditLog)
    .where(like(auditLog.action, "schedule.%"))
    .orderBy(asc(auditLog.id));
}

beforeAll(async () => {
  await db();
});
afterAll(async () => {
  await closeDb();
  await spawned.stop();
});

describe("device schedules", () => {
  it("binds the service user before the first schedule, not before the second, and stores UTC", async () => {
    const did = sample.online[0]!.did;
    expect(await s.deviceSchedules(pk, did)).toEqual({ bound: false, schedules: [] });

    const first = await s.createDeviceScheduleFor(user, pk, did, weekdays08);
    expect(first.boundNow).toBe(true);
    const second = await s.createDeviceScheduleFor(user, pk, did, { ...weekdays08, time: "07:00" });
    expect(second.boundNow).toBe(false);

    const listed = await s.deviceSchedules(pk, did);
    expect(listed.bound).toBe(true);
    const byId = new Map(listed.schedules.map((x) => [x.id, x.utc]));
    expect(byId.get(first.id)).toMatchObject({ time: "00:00", repeat: "mon,tue,wed,thu,fri" });
    expect(byId.get(second.id)).toMatchObject({ time: "23:00", repeat: "mon,tue,wed,thu,sun" });

    // Disable re-sends the stored schedule unchanged but for `enabled`.
    await s.updateDeviceScheduleFor(user, pk, did, first.id, { enabled: false });
    const after = (await s.deviceSchedules(pk, did)).schedules.find((x) => x.id === first.id)!;
    expect(after).toMatchObject({ enabled: false, command: { raw: "0102" }, utc: { time: "00:00", repeat: "mon,tue,wed,thu,fri" } });

    await s.deleteDeviceScheduleFor(user, pk, did, second.id);
    expect((await s.deviceSchedules(pk, did)).schedules.map((x) => x.id)).toEqual([first.id]);

    const actions = (await scheduleActions()).filter((a) => a.target === did);
    expect(actions.map((a) => a.action)).toEqual([
      "schedule.bind",
      "schedule.create",
      "schedule.create",
      "schedule.disable",
      "schedule.delete",
    ]);
    expect(actions.every((a) => a.status === "ok")).toBe(true);
  });

  it("a timing UTC cannot hold is refused before anything is written or sent", async () => {
    const did = sample.online[1]!.did;
    const before = (await scheduleActions()).length;
    await expect(
      s.createDeviceScheduleFor(user, pk, did, { ...weekdays08, time: "06:00", recurrence: { kind: "monthly", days: [1] } }),
    ).rejects.toMatchObject({ code: "VALIDATION", status: 400 });
    expect((await scheduleActions()).length).toBe(before);
    expect((await s.deviceSchedules(pk, did)).bound).toBe(false);
  });
});

describe("group schedules", () => {
  it("mirror the console group into an app group, report members that cannot be bound, and follow membership on the next save", async () => {
    const { gid } = await groups.createGroup(pk, sample.root_gid ?? undefined);
    const members = await emulatorDevices(20, 8);
    if (members.length < 8) throw new Error("the emulator listed too few online devices");
    const disabled = sample.disabled[0]!;
    await groups.updateGroupMacs(pk, gid, { action: "assign", macs: [...members, disabled].map((d) => d.mac), reassign: true });

    expect(await s.groupSchedules(pk, gid)).toEqual({ mirror: null, schedules: [] });
    const created = await s.createGroupScheduleFor(user, pk, gid, weekdays08);
    // A disabled device cannot be bound (9023), nor one whose owner allows no other binding (9092):
    // both are reported, the others covered.
    const notCovered = created.sync?.notCovered ?? [];
    expect(notCovered).toContainEqual({ mac: disabled.mac.toLowerCase(), reason: "9023" });
    expect(notCovered.filter((n) => n.mac !== disabled.mac.toLowerCase()).every((n) => n.reason === "9092")).toBe(true);
    const covered = members.filter((m) => !notCovered.some((n) => n.mac === m.mac.toLowerCase()));
    if (covered.length < 2) throw new Error("pick members the service user can bind (the emulator's seed changed?)");
    expect(created.sync).toMatchObject({ members: members.length + 1, covered: covered.length, added: covered.length, removed: 0 });

    const view = await s.groupSchedules(pk, gid);
    expect(view.mirror).toMatchObject({ covered: covered.length, lastSync: { by: "ops", members: members.length + 1 } });
    expect(view.mirror?.lastSync?.notCovered).toEqual(notCovered);
    expect(view.schedules).toHaveLength(1);
    expect(view.schedules[0]!.utc).toMatchObject({ time: "00:00", repeat: "mon,tue,wed,thu,fri" });

    // The emulator holds it on the app group and runs it on the covered members.
    const run = await control.runSchedules({ id: created.id });
    const results = run.runs.find((r) => r.id === created.id)?.results ?? [];
    expect(results.map((r) => r.did).sort()).toEqual(covered.map((m) => m.did).sort());
    expect(results.every((r) => r.result)).toBe(true);

    // A member leaves the console group: the next save of a schedule removes it from the app group.
    await groups.updateGroupMacs(pk, gid, { action: "unassign", macs: [covered[0]!.mac] });
    const edited = await s.updateGroupScheduleFor(user, pk, gid, created.id, { ...weekdays08, time: "09:00" });
    expect(edited.sync).toMatchObject({ members: members.length, covered: covered.length - 1, added: 0, removed: 1, boundNow: 0 });
    const again = await s.groupSchedules(pk, gid);
    expect(again.mirror?.covered).toBe(covered.length - 1);
    expect(again.schedules[0]!.utc.time).toBe("01:00");

    // Enable/disable does not touch membership; a schedule of another group is not found here.
    await s.updateGroupScheduleFor(user, pk, gid, created.id, { enabled: false });
    const { gid: other } = await groups.createGroup(pk, sample.root_gid ?? undefined);
    await expect(s.deleteGroupScheduleFor(user, pk, other, created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await s.deleteGroupScheduleFor(user, pk, gid, created.id);
    expect((await s.groupSchedules(pk, gid)).schedules).toEqual([]);

    const actions = (await scheduleActions()).filter((a) => a.target === gid).map((a) => a.action);
    expect(actions).toEqual([
      "schedule.group.create",
      "schedule.group.sync",
      "schedule.create",
      "schedule.group.sync",
      "schedule.update",
      "schedule.disable",
      "schedule.delete",
    ]);
  });
});
