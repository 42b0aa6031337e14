/**
 * Test helpers for the /app contract tests: start the emulator like the Enterprise contract
 * tests do (startKit), then talk to /app over HTTP only, with an AppID and an optional user token.
 */
import { createHash } from "node:crypto";
import { expect } from "vitest";
import { startKit, type Kit } from "../testkit";

export { acknowledged } from "../testkit";

export interface AppMeta {
  apps: { appid: string; app_secret: string; product_keys: string[]; super: boolean }[];
  sharing_products: string[];
  free_devices: { product_key: string; devices: { did: string; mac: string }[] }[];
  demo_password: string;
  demo_users: { appid: string; uid: string; username: string; phone: string | null; password: string; devices: string[] }[];
}

export interface AppKit extends Kit {
  meta: AppMeta;
  /** AppID of product n (0 = air conditioner, 1 = water meter, 2 = sensor). */
  appid(n?: number): string;
  call(
    path: string,
    init?: { method?: string; body?: unknown; token?: string; appid?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Registers a fresh username user; returns its session. */
  register(appid?: string, username?: string): Promise<{ token: string; uid: string; expire_at: number; username: string }>;
  signed(productKey: string, ts?: number): Record<string, string>;
  secret(productKey: string): string;
  /** Refreshes the free-device list (online, unbound) and returns the first one of product n not used yet. */
  freeDevice(n?: number): Promise<{ did: string; mac: string }>;
}

let counter = 0;

export async function startAppKit(): Promise<AppKit> {
  const kit = await startKit();
  const loadMeta = async () => (await (await fetch(`${kit.url}/__emulator/openapi`)).json()) as AppMeta;
  const meta = await loadMeta();
  const used = new Set<string>();
  const app: AppKit = {
    ...kit,
    meta,
    appid(n = 0) {
      const pk = kit.tenant.products[n].product_key;
      const a = meta.apps.find((x) => !x.super && x.product_keys.includes(pk));
      if (!a) throw new Error(`no appid for product ${n}`);
      return a.appid;
    },
    call(path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      const appid = init.appid === undefined ? app.appid(0) : init.appid;
      if (appid !== null) headers["X-Gizwits-Application-Id"] = appid;
      if (init.token) headers["X-Gizwits-User-token"] = init.token;
      if (init.body !== undefined) headers["Content-Type"] = "application/json";
      return fetch(`${kit.url}${path}`, {
        method: init.method ?? "GET",
        headers,
        body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      });
    },
    async register(appid = app.appid(0), username = `user_${Date.now().toString(36)}_${++counter}`) {
      const res = await app.call("/app/users", { method: "POST", appid, body: { username, password: "Secret-pass-1" } });
      expect(res.status).toBe(201);
      return { ...((await res.json()) as { token: string; uid: string; expire_at: number }), username };
    },
    secret(productKey) {
      const p = kit.tenant.products.find((x) => x.product_key === productKey);
      if (!p) throw new Error(`unknown product ${productKey}`);
      return p.product_secret;
    },
    signed(productKey, ts = Math.floor(Date.now() / 1000)) {
      const sig = createHash("md5")
        .update(app.secret(productKey) + String(ts))
        .digest("hex");
      return { "X-Gizwits-Timestamp": String(ts), "X-Gizwits-Signature": sig };
    },
    async freeDevice(n = 0) {
      const m = await loadMeta();
      const list = m.free_devices.find((f) => f.product_key === kit.tenant.products[n].product_key)?.devices ?? [];
      const d = list.find((x) => !used.has(x.did));
      if (!d) throw new Error("no free device left");
      used.add(d.did);
      return d;
    },
  };
  return app;
}

/** Asserts the documented Open API error envelope with a 9xxx code. */
export async function expectAppError(res: Response | Promise<Response>, code: number, status?: number): Promise<void> {
  const r = await res;
  const body = (await r.json()) as Record<string, unknown>;
  expect({ code: body.error_code, keys: Object.keys(body).sort() }).toEqual({
    code,
    keys: ["detail_message", "error_code", "error_message"],
  });
  if (status !== undefined) expect(r.status).toBe(status);
  expect(typeof body.error_message).toBe("string");
}
