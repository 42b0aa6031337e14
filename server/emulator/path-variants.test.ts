import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Kit, startKit } from "./testkit";

/*
 * Issue 12: EMULATOR_PATH_VARIANT (config pathVariant) serves the documented form of the paths
 * the doc gets wrong, the alternative, or both; EMULATOR_MAX_PAGE (maxPage) cuts search pages and
 * group MAC lists; EMULATOR_AGG_MAX_DAYS (aggMaxDays) bounds agg_data.
 */

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({ devices: 1500 });
});
afterAll(() => kit.emu.close());

async function enterpriseGet(path: string, productSecret: string) {
  const u = new URL(`${kit.url}${path}`);
  u.searchParams.set("product_secret", productSecret);
  if (path.includes("liveness_total")) {
    const day = (d: number) => new Date(Date.now() + d * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    u.searchParams.set("start_date", day(-3));
    u.searchParams.set("end_date", day(-1));
  }
  return fetch(u, {
    headers: { "X-Gizwits-Enterprise-ID": kit.tenant.enterprise_id, "X-Gizwits-Enterprise-Secret": kit.tenant.enterprise_secret },
  });
}

describe("path variants", () => {
  const documented = ["/devices/summary", "/devices/report/devices/report/rt"];
  const alternative = ["/summary", "/devices/report/rt", "/alert/report/events", "/fault/alert/events"];

  it("serves both forms by default", async () => {
    expect((await kit.json(await kit.control("/config"))).pathVariant).toBe("both");
    for (const p of [...documented, ...alternative]) expect((await kit.api(0, p)).status, p).toBe(200);
  });

  it.each(["documented", "alternative"] as const)("serves only the %s form when switched", async (mode) => {
    await kit.control("/config", { pathVariant: mode });
    try {
      for (const p of documented) expect((await kit.api(0, p)).status, p).toBe(mode === "documented" ? 200 : 404);
      for (const p of alternative) expect((await kit.api(0, p)).status, p).toBe(mode === "alternative" ? 200 : 404);
      // The doc's alert/report/devices stays the alert-DEVICES report (no per-datapoint detail) in every mode.
      const devices = await kit.json(await kit.api(0, "/alert/report/devices"));
      expect(devices).not.toHaveProperty("detail");
      // Fault events have one path; it is always served.
      expect((await kit.api(0, "/fault/report/events")).status).toBe(200);
      const p = kit.tenant.products[0];
      for (const path of ["/v1/users/location", "/v1/users/liveness_total"]) {
        const byKey = await enterpriseGet(path, p.product_key);
        const bySecret = await enterpriseGet(path, p.product_secret);
        expect(byKey.status, `${path} key`).toBe(mode === "documented" ? 200 : 400);
        expect(bySecret.status, `${path} secret`).toBe(mode === "alternative" ? 200 : 400);
        if (mode === "alternative") expect(((await byKey.json()) as { error_code: number }).error_code).toBe(5005);
      }
    } finally {
      await kit.control("/config", { pathVariant: "both" });
    }
  });

  it("refuses an unknown mode", async () => {
    expect((await kit.control("/config", { pathVariant: "neither" })).status).toBe(400);
  });
});

describe("page and span limits", () => {
  it("cuts devices/search pages and group MAC lists at maxPage, keeping the real total", async () => {
    expect((await kit.json(await kit.control("/config"))).maxPage).toBe(1000);
    const full = await kit.json<{ meta: { total: number }; objects: unknown[] }>(await kit.api(0, "/devices/search?limit=1000"));
    const tree = await kit.json<Record<string, unknown>>(await kit.api(0, "/device_groups"));
    const gids: string[] = [];
    const walk = (node: unknown) => {
      if (node && typeof node === "object")
        for (const [gid, sub] of Object.entries(node)) {
          gids.push(gid);
          walk(sub);
        }
    };
    walk(tree);
    const sizes = async () => {
      const out = new Map<string, number>();
      for (const gid of gids) out.set(gid, (await kit.json<{ macs: string[] }>(await kit.api(0, `/device_groups/${gid}`))).macs.length);
      return out;
    };
    // A group larger than the cut: 150 devices moved into one leaf.
    const macs = (full.objects as { mac: string }[]).slice(0, 150).map((d) => d.mac);
    const leaf = gids[gids.length - 1]!;
    const moved = await kit.api(0, `/device_groups/${leaf}`, { method: "PUT", body: { action: "assign", macs, reassign: true } });
    expect(moved.status).toBe(200);
    const before = await sizes();
    const big = [...before].filter(([, n]) => n > 100).map(([gid]) => gid);
    expect(big.length).toBeGreaterThan(0);
    await kit.control("/config", { maxPage: 100 });
    try {
      const cut = await kit.json<{ meta: { total: number }; objects: unknown[] }>(await kit.api(0, "/devices/search?limit=1000"));
      expect(full.objects.length).toBeGreaterThan(100);
      expect(cut.objects).toHaveLength(100);
      expect(cut.meta.total).toBe(full.meta.total);
      const after = await sizes();
      for (const gid of big) expect(after.get(gid)).toBe(100);
      for (const [gid, n] of before) if (n <= 100) expect(after.get(gid)).toBe(n);
    } finally {
      await kit.control("/config", { maxPage: 1000 });
    }
  });

  it("bounds the agg_data span by aggMaxDays", async () => {
    expect((await kit.json(await kit.control("/config"))).aggMaxDays).toBe(31);
    const i = kit.tenant.products.findIndex((p) => kit.samples.find((s) => s.product_key === p.product_key)?.agg_data);
    const did = kit.samples[i].online[0]?.did ?? kit.samples[i].offline[0]!.did;
    const end = Date.now();
    const span = (days: number) =>
      `/devices/${did}/agg_data?start_ts=${end - days * 86_400_000}&end_ts=${end}&attrs=flow_rate&aggregator=avg&unit=DAYS`;
    expect((await kit.api(i, span(20))).status).toBe(200);
    await kit.control("/config", { aggMaxDays: 7 });
    try {
      expect((await kit.api(i, span(20))).status).toBe(400);
      expect((await kit.api(i, span(7))).status).toBe(200);
    } finally {
      await kit.control("/config", { aggMaxDays: 31 });
    }
  });
});
