import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useThrowawayDatabase } from "@/server/db/testing";

useThrowawayDatabase();

const { closeDb, db, groupMeta } = await import("@/server/db");
const { dropMeta, GROUP_META_TTL_MS, metaOf, saveMeta } = await import("./groups");

beforeAll(() => db());
afterAll(() => closeDb());
afterEach(() => vi.useRealTimers());

/** A rename made without this process knowing (another console instance, SQL). */
async function renameElsewhere(pk: string, gid: string, name: string): Promise<void> {
  await (await db())
    .update(groupMeta)
    .set({ name })
    .where(and(eq(groupMeta.productKey, pk), eq(groupMeta.gid, gid)));
}

describe("group names (metaOf)", () => {
  it("applies this console's own writes at once", async () => {
    await saveMeta("pk_a", "g1", { name: "East", description: "" }, "tester");
    expect((await metaOf("pk_a")).get("g1")?.name).toBe("East");
    await saveMeta("pk_a", "g1", { name: "East wing", description: "floor 2" }, "tester");
    expect((await metaOf("pk_a")).get("g1")).toEqual({ name: "East wing", description: "floor 2" });
    await dropMeta("pk_a", "g1");
    expect((await metaOf("pk_a")).has("g1")).toBe(false);
  });

  it("reuses a product's names for a few seconds, then reads a change made elsewhere", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-02T09:00:00Z") });
    await saveMeta("pk_b", "g2", { name: "North", description: "" }, "tester");
    expect((await metaOf("pk_b")).get("g2")?.name).toBe("North");
    await renameElsewhere("pk_b", "g2", "North renamed");
    vi.setSystemTime(Date.now() + GROUP_META_TTL_MS - 1);
    expect((await metaOf("pk_b")).get("g2")?.name).toBe("North");
    vi.setSystemTime(Date.now() + 2);
    expect((await metaOf("pk_b")).get("g2")?.name).toBe("North renamed");
    // Products are kept apart.
    expect((await metaOf("pk_a")).has("g2")).toBe(false);
  });
});
