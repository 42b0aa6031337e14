import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useThrowawayDatabase } from "@/server/db/testing";

useThrowawayDatabase();

const { closeDb, db } = await import("@/server/db");
const caps = await import("./capabilities");

describe("capabilities", () => {
  // Opening PGlite can take longer than one test's timeout on a busy machine: open it in the hook.
  beforeAll(async () => {
    caps.resetCapabilityCache();
    await db();
  });
  afterAll(async () => {
    caps.resetCapabilityCache();
    await closeDb();
  });

  it("records, reads back and lists, surviving a cache reset (stored in the database)", async () => {
    expect(await caps.getCapability("pk_a", "history.data")).toBeUndefined();
    const rec = await caps.recordCapability("pk_a", "history.data", false, "learned");
    expect(rec.value).toBe(false);
    await caps.recordCapability("tenant", "path.summary", { variant: "alternative" }, "probe");
    caps.resetCapabilityCache();
    const again = await caps.getCapability("pk_a", "history.data");
    expect(again?.value).toBe(false);
    expect(again?.source).toBe("learned");
    expect(Math.abs(again!.learnedAt.getTime() - rec.learnedAt.getTime())).toBeLessThan(1000);
    expect((await caps.getCapability("tenant", "path.summary"))?.value).toEqual({ variant: "alternative" });
    const list = await caps.listCapabilities();
    expect(list.map((r) => `${r.scope}/${r.key}`)).toEqual(["pk_a/history.data", "tenant/path.summary"]);
  });

  it("replaces a record for the same (scope, key)", async () => {
    await caps.recordCapability("pk_a", "history.data", true, "probe");
    caps.resetCapabilityCache();
    const rec = await caps.getCapability("pk_a", "history.data");
    expect(rec?.value).toBe(true);
    expect(rec?.source).toBe("probe");
    expect((await caps.listCapabilities()).filter((r) => r.scope === "pk_a")).toHaveLength(1);
  });

  it("is stale after 24 hours, and a stale refusal is tried again", async () => {
    const rec = await caps.recordCapability("pk_b", "history.cmd", false, "learned");
    const t = rec.learnedAt.getTime();
    expect(caps.isStale(rec, t + 23 * 3600_000)).toBe(false);
    expect(caps.isStale(rec, t + 25 * 3600_000)).toBe(true);
    expect(caps.isStale(undefined)).toBe(true);
    expect(await caps.capabilityAllowed("pk_b", "history.cmd", t + 60_000)).toBe(false);
    expect(await caps.capabilityAllowed("pk_b", "history.cmd", t + 25 * 3600_000)).toBe(true);
    expect(await caps.capabilityAllowed("pk_b", "never.learned")).toBe(true);
  });
});

describe("forgetCapabilities", () => {
  it("forgets one scope's records in the database and the cache, and leaves the others", async () => {
    await caps.recordCapability("pk_f", "history.data", false, "learned");
    await caps.recordCapability("pk_f", "control", true, "learned");
    await caps.recordCapability("pk_g", "control", true, "learned");
    expect(await caps.forgetCapabilities("pk_f")).toBe(2);
    expect(await caps.getCapability("pk_f", "history.data")).toBeUndefined();
    caps.resetCapabilityCache();
    expect(await caps.getCapability("pk_f", "control")).toBeUndefined();
    expect((await caps.getCapability("pk_g", "control"))?.value).toBe(true);
  });
});
