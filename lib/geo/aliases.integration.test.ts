/**
 * The place names the test emulator actually reports resolve to our aliases (an integration
 * test: it reads the shared emulator that vitest's integration project starts).
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { cityLabel, regionLabel, resolveCountry, resolveProvince } from "./aliases";

describe("the emulator's place names", () => {
  // Read over HTTP like any upstream: every product's /devices/locations report of the shared
  // test emulator (started by vitest's globalSetup), whose fleet covers its whole place table.
  const china: string[] = [];
  const chinaCities: string[] = [];
  const abroad: [country: string, region: string, city: string][] = [];
  beforeAll(async () => {
    const provided = inject("gizwitsEmulator");
    if (!provided) throw new Error("no test emulator: this file must be named *.integration.test.ts (see vitest.config.ts)");
    const { url, tenant } = provided;
    for (const p of tenant.products) {
      const tokenRes = await fetch(`${url}/v1/products/${p.product_key}/access_token`, {
        method: "POST",
        body: JSON.stringify({
          enterprise_id: tenant.enterprise_id,
          enterprise_secret: tenant.enterprise_secret,
          product_secret: p.product_secret,
        }),
      });
      const { token } = (await tokenRes.json()) as { token: string };
      const report = (await (
        await fetch(`${url}/v1/products/${p.product_key}/devices/locations`, { headers: { Authorization: `token ${token}` } })
      ).json()) as {
        location: Record<string, Record<string, unknown>>;
      };
      for (const [country, regions] of Object.entries(report.location)) {
        for (const [region, cities] of Object.entries(regions)) {
          if (region === "count" || typeof cities !== "object" || cities === null) continue;
          for (const city of Object.keys(cities)) {
            if (city === "count") continue;
            if (country === "China") {
              china.push(region);
              chinaCities.push(city);
            } else abroad.push([country, region, city]);
          }
        }
      }
    }
  });

  it("finds the emulator's places", () => {
    expect(china.length).toBeGreaterThan(30);
    expect(abroad.length).toBeGreaterThan(3);
  });

  it("resolves every region of China it uses, covering all 34", () => {
    for (const region of china) expect(resolveProvince(region), region).not.toBeNull();
    expect(new Set(china.map((r) => resolveProvince(r))).size).toBe(34);
  });

  it("resolves every country it uses", () => {
    for (const m of abroad) expect(resolveCountry(m[0]), m[0]).not.toBeNull();
  });

  it("has Chinese names for its cities and regions abroad", () => {
    for (const m of abroad) {
      expect(cityLabel(m[2], "zh-CN"), m[2]).toMatch(/\p{Script=Han}/u);
      expect(regionLabel(m[0], m[1], "zh-CN"), m[1]).toMatch(/\p{Script=Han}/u);
    }
    for (const c of chinaCities) expect(cityLabel(c, "zh-CN"), c).toMatch(/\p{Script=Han}/u);
  });
});
