import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useThrowawayDatabase } from "@/server/db/testing";

useThrowawayDatabase({ GIZWITS_PRODUCTS: "pk_pub:ps_pub,pk_free:ps_free", GIZWITS_APPIDS: "0123456789abcdef0123456789abcdef:pk_free" });

const { closeDb, db } = await import("@/server/db");
const { AppError } = await import("@/server/errors");
const caps = await import("./capabilities");
const pc = await import("./product-capabilities");

const refusal = (code: number) =>
  new AppError("UPSTREAM", { en: "api deny to visit!", "zh-CN": "api deny to visit!" }, { upstreamCode: code });

describe("product capabilities (learned from refusals)", () => {
  // Opening PGlite can take longer than one test's timeout on a busy machine: open it in the hook.
  beforeAll(async () => {
    caps.resetCapabilityCache();
    await db();
  });
  afterAll(async () => {
    caps.resetCapabilityCache();
    await closeDb();
  });

  it("turns a 5024 on a history log into NOT_ENABLED with the explanation, records false, and stops asking for a day", async () => {
    let calls = 0;
    const refuse = async () => {
      calls++;
      throw refusal(5024);
    };
    const first = await pc.withCapability("pk_pub", pc.HISTORY_CAPABILITY.cmd, refuse).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(AppError);
    expect(first).toMatchObject({ code: "NOT_ENABLED", status: 403, upstreamCode: 5024 });
    const text = (first as InstanceType<typeof AppError>).text;
    expect(text["zh-CN"]).toContain("产品发布后如要使用，请联系机智云工作人员");
    expect(text.en).toContain("communication log (cmd)");
    expect(text.en).toContain("pk_pub");
    expect(text.en).not.toContain("api deny");
    const rec = await caps.getCapability("pk_pub", "history.cmd");
    expect(rec).toMatchObject({ value: false, source: "learned" });
    // Known gap: answered without calling upstream.
    await expect(pc.withCapability("pk_pub", pc.HISTORY_CAPABILITY.cmd, refuse)).rejects.toMatchObject({ code: "NOT_ENABLED" });
    expect(calls).toBe(1);
    // A day later the next read is the probe; an answer records true.
    await caps.recordCapability("pk_pub", "history.cmd", false, "learned");
    const old = await caps.getCapability("pk_pub", "history.cmd");
    old!.learnedAt = new Date(Date.now() - 25 * 3600_000);
    expect(await pc.withCapability("pk_pub", pc.HISTORY_CAPABILITY.cmd, async () => "page")).toBe("page");
    expect((await caps.getCapability("pk_pub", "history.cmd"))?.value).toBe(true);
  });

  it("passes other upstream errors through unchanged and records nothing", async () => {
    const err = refusal(5409);
    await expect(pc.withCapability("pk_free", pc.HISTORY_CAPABILITY.data, async () => Promise.reject(err))).rejects.toBe(err);
    expect(await caps.getCapability("pk_free", "history.data")).toBeUndefined();
  });

  it("observes control without changing its outcome: 5404 records false, the original error passes", async () => {
    const err = refusal(5404);
    await expect(pc.observeCapability("pk_pub", "control", async () => Promise.reject(err))).rejects.toBe(err);
    expect((await caps.getCapability("pk_pub", "control"))?.value).toBe(false);
    await pc.observeCapability("pk_pub", "control", async () => ({}));
    expect((await caps.getCapability("pk_pub", "control"))?.value).toBe(true);
  });

  it("lists every configured product with every capability, the AppID from configuration", async () => {
    const list = await pc.productCapabilities();
    expect(list.products.map((p) => p.productKey)).toEqual(["pk_pub", "pk_free"]);
    const free = list.products[1]!.capabilities.find((c) => c.key === "openapi.appid");
    expect(free?.record).toMatchObject({ value: true, source: "config", stale: false });
    const pub = list.products[0]!.capabilities;
    expect(pub.find((c) => c.key === "openapi.appid")?.record?.value).toBe(false);
    expect(pub.find((c) => c.key === "history.cmd")?.record?.value).toBe(true);
    expect(pub.find((c) => c.key === "agg_data")?.record).toBeNull();
    expect(pub.map((c) => c.key)).toEqual(["history.data", "history.cmd", "history.online", "agg_data", "control", "openapi.appid"]);
  });
});
