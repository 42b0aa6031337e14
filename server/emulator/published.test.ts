/**
 * Contract tests: published products (issue 12). Seed 002 says the data, cmd and online history
 * logs work only for unpublished products; once published they need Gizwits to enable them. The
 * emulator publishes the air conditioner by default and refuses its logs with 403/5024 until the
 * "enabled by Gizwits" override (historyEnabled) names it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorControl } from "../cli/emulator-control";
import { expectError, type Kit, startKit } from "./testkit";

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({ published: undefined });
});
afterAll(() => kit.emu.close());

const AC = 0;
const METER = 1;
const LOGS = ["data", "cmd", "online"] as const;

describe("published products", () => {
  it("publishes the air conditioner by default, not the water meter; the sample and config say so", async () => {
    const cfg = await emulatorControl(kit.url).config();
    expect(cfg.published).toEqual([kit.tenant.products[AC]!.product_key]);
    expect(cfg.historyEnabled).toEqual([]);
    const samples = await emulatorControl(kit.url).sample();
    expect(samples[AC]).toMatchObject({ published: true, history: false });
    expect(samples[METER]).toMatchObject({ published: false, history: true });
  });

  it("refuses the three history logs of a published product with 403/5024 and the table's text", async () => {
    const did = kit.samples[AC]!.online[0]!.did;
    for (const log of LOGS) {
      const res = await kit.api(AC, `/devices/${did}/${log}?limit=1`);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error_code: 5024, error_message: "api deny to visit!", detail_message: null });
    }
    // Other device reads of the published product still answer.
    expect((await kit.api(AC, `/device_detail?mac=${kit.samples[AC]!.online[0]!.mac}`)).status).toBe(200);
  });

  it("serves an unpublished product's logs", async () => {
    const did = kit.samples[METER]!.online[0]!.did;
    for (const log of LOGS) expect((await kit.api(METER, `/devices/${did}/${log}?limit=1`)).status).toBe(200);
  });

  it("serves a published product's logs once Gizwits enabled them, and refuses again when withdrawn", async () => {
    const ctl = emulatorControl(kit.url);
    const pk = kit.tenant.products[AC]!.product_key;
    const did = kit.samples[AC]!.online[0]!.did;
    await ctl.config({ historyEnabled: [pk] });
    for (const log of LOGS) expect((await kit.api(AC, `/devices/${did}/${log}?limit=1`)).status).toBe(200);
    await ctl.config({ historyEnabled: [] });
    await expectError(kit.api(AC, `/devices/${did}/data?limit=1`), 5024, 403);
    // Publishing the water meter at runtime refuses its logs too; reset restores the start-up config.
    await ctl.config({ published: [pk, kit.tenant.products[METER]!.product_key] });
    await expectError(kit.api(METER, `/devices/${kit.samples[METER]!.online[0]!.did}/cmd`), 5024, 403);
    await ctl.reset();
    expect((await ctl.config()).published).toEqual([pk]);
  });

  it("checks the token before publication (5009 without one), and rejects unknown config keys", async () => {
    const did = kit.samples[AC]!.online[0]!.did;
    await expectError(kit.api(AC, `/devices/${did}/data`, { token: "nope" }), 5009, 400);
    const res = await kit.control("/config", { publishedProducts: [] });
    expect(res.status).toBe(400);
  });
});
