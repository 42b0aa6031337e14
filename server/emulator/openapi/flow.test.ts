/**
 * The "done when": a third-party Open API client, changed only in host and AppID,
 * registers, logs in, binds a device by MAC with a signature, lists its bindings, reads the
 * device's latest status and detail, controls it and sees the change — all over HTTP.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { acknowledged, startAppKit, type AppKit } from "./apptest";

let kit: AppKit;
beforeAll(async () => {
  kit = await startAppKit();
});
afterAll(async () => {
  await kit.emu.close();
});

it("register → login → bind_mac (signed) → bindings → latest + detail → control → latest shows the change", async () => {
  // What a client is configured with: a host, an AppID, and (for binding) the product's key and secret.
  const host = kit.url;
  const appid = kit.appid(0);
  const { product_key, product_secret } = kit.tenant.products[0];
  const device = await kit.freeDevice(0);
  const headers = (token?: string): Record<string, string> => ({
    "Content-Type": "application/json",
    "X-Gizwits-Application-Id": appid,
    ...(token ? { "X-Gizwits-User-Token": token } : {}),
  });

  const username = `client_${Date.now()}`;
  const reg = await fetch(`${host}/app/users`, {
    method: "POST",
    headers: headers(),
    body: JSON.stringify({ username, password: "Client-pass-9" }),
  });
  expect(reg.status).toBe(201);
  const created = (await reg.json()) as { uid: string; token: string; expire_at: number };
  expect(created.uid).toMatch(/^[0-9a-f]{32}$/);

  const login = await fetch(`${host}/app/login`, {
    method: "POST",
    headers: headers(),
    body: JSON.stringify({ username, password: "Client-pass-9" }),
  });
  expect(login.status).toBe(200);
  const session = (await login.json()) as { uid: string; token: string; expire_at: number };
  expect(session.uid).toBe(created.uid);
  expect(session.expire_at).toBeGreaterThan(Date.now() / 1000 + 6 * 86400);

  const ts = String(Math.floor(Date.now() / 1000));
  const signature = createHash("md5")
    .update(product_secret + ts)
    .digest("hex");
  const bind = await fetch(`${host}/app/bind_mac`, {
    method: "POST",
    headers: { ...headers(session.token), "X-Gizwits-Timestamp": ts, "X-Gizwits-Signature": signature },
    body: JSON.stringify({ product_key, mac: device.mac, dev_alias: "客厅空调" }),
  });
  expect(bind.status).toBe(201);
  const bound = (await bind.json()) as Record<string, unknown>;
  expect(bound).toMatchObject({ did: device.did, mac: device.mac, product_key, dev_alias: "客厅空调", role: "special", is_online: true });

  const list = (await (await fetch(`${host}/app/bindings`, { headers: headers(session.token) })).json()) as {
    devices: Record<string, unknown>[];
  };
  expect(list.devices.map((d) => d.did)).toEqual([device.did]);
  expect(list.devices[0]).toMatchObject({
    did: device.did,
    mac: device.mac,
    product_key,
    dev_alias: "客厅空调",
    is_online: true,
    role: "special",
  });

  const latest1 = (await (await fetch(`${host}/app/devdata/${device.did}/latest`, { headers: headers() })).json()) as {
    did: string;
    updated_at: number;
    attr: Record<string, unknown>;
  };
  expect(latest1.did).toBe(device.did);
  expect(typeof latest1.attr.set_temp).toBe("number");

  const detail = (await (await fetch(`${host}/app/devices/${device.did}`, { headers: headers(session.token) })).json()) as Record<
    string,
    unknown
  >;
  expect(detail).toMatchObject({ did: device.did, mac: device.mac, product_key, role: "special" });

  const target = latest1.attr.set_temp === 26 ? 24 : 26;
  const mode = latest1.attr.mode === "制热" ? "制冷" : "制热";
  const control = await fetch(`${host}/app/control/${device.did}`, {
    method: "POST",
    headers: headers(session.token),
    body: JSON.stringify({ attrs: { set_temp: target, mode } }),
  });
  expect(control.status).toBe(200);
  await acknowledged();

  const latest2 = (await (await fetch(`${host}/app/devdata/${device.did}/latest`, { headers: headers() })).json()) as {
    updated_at: number;
    attr: Record<string, unknown>;
  };
  expect(latest2.attr.set_temp).toBe(target);
  expect(latest2.attr.mode).toBe(mode);
  expect(latest2.updated_at).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
});
