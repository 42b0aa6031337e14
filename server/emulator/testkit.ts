/**
 * Helpers for the emulator's contract tests: start an emulator on a random port, talk to it
 * over HTTP only (as the console will), and assert the documented error shape.
 */
import { expect } from "vitest";
// The control client's schemas, so these contract tests also hold the client to the emulator's answers.
import { type EmulatorSample, type EmulatorTenant, emulatorControl } from "../cli/emulator-control";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "./server";

export type Sample = EmulatorSample;
export type TenantInfo = EmulatorTenant;

export interface Kit {
  emu: EmulatorHandle;
  url: string;
  tenant: TenantInfo;
  samples: Sample[];
  /** Fresh token for product n (0 = air conditioner, 1 = water meter, 2 = sensor). */
  token(n?: number): Promise<string>;
  /** GET/POST/... with the product's token; path relative to /v1/products/{pk}. */
  api(n: number, path: string, init?: { method?: string; body?: unknown; token?: string }): Promise<Response>;
  json<T = Record<string, unknown>>(res: Response): Promise<T>;
  /** /__emulator call: GET without a body, POST with one. */
  control(path: string, body?: unknown): Promise<Response>;
}

/**
 * Starts a contract-test emulator. Its products are all unpublished unless `opts.published` says
 * otherwise (the history-log contract tests need them answering); `published.test.ts` passes
 * `published: undefined` to get the program's default (the air conditioner published).
 */
export async function startKit(opts: EmulatorOptions = {}): Promise<Kit> {
  const emu = await startEmulator({ devices: 2000, published: [], ...opts });
  const url = emu.url;
  const client = emulatorControl(url);
  const tenant = await client.tenant();
  const samples = await client.sample();
  const tokens = new Map<number, string>();
  const kit: Kit = {
    emu,
    url,
    tenant,
    samples,
    async token(n = 0) {
      const p = tenant.products[n];
      const res = await fetch(`${url}/v1/products/${p.product_key}/access_token`, {
        method: "POST",
        body: JSON.stringify({
          enterprise_id: tenant.enterprise_id,
          enterprise_secret: tenant.enterprise_secret,
          product_secret: p.product_secret,
        }),
      });
      expect(res.status).toBe(201);
      const { token } = (await res.json()) as { token: string };
      tokens.set(n, token);
      return token;
    },
    async api(n, path, init = {}) {
      const token = init.token ?? tokens.get(n) ?? (await kit.token(n));
      const headers: Record<string, string> = { Authorization: `token ${token}` };
      if (init.body !== undefined) headers["Content-Type"] = "application/json";
      return fetch(`${url}/v1/products/${tenant.products[n].product_key}${path}`, {
        method: init.method ?? "GET",
        headers,
        body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      });
    },
    async json<T>(res: Response) {
      return (await res.json()) as T;
    },
    control(path, body) {
      return fetch(`${url}/__emulator${path}`, {
        method: body === undefined ? "GET" : "POST",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
  };
  return kit;
}

/** Asserts the documented error envelope: table status, integer code, null detail_message. */
export async function expectError(res: Response | Promise<Response>, code: number, status: number): Promise<void> {
  const r = await res;
  const body = (await r.json()) as Record<string, unknown>;
  expect({ status: r.status, code: body.error_code }).toEqual({ status, code });
  expect(Object.keys(body).sort()).toEqual(["detail_message", "error_code", "error_message"]);
  expect(typeof body.error_message).toBe("string");
  expect(body.detail_message).toBeNull();
}

/** Keys of an object, sorted, for comparing against the API reference's examples. */
export function keys(o: unknown): string[] {
  return Object.keys(o as Record<string, unknown>).sort();
}

export function expectKeys(o: unknown, expected: string[]): void {
  expect(keys(o)).toEqual([...expected].sort());
}

export const yesterday = (): string => {
  const d = new Date(Date.now() + 8 * 3600_000 - 86400_000);
  return d.toISOString().slice(0, 10);
};

export const todayCst = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Waits until a device took a control: the emulator's device acknowledges a control with a report
 * a millisecond after the control's answer (model.ts logBetween), so a status, data or cmd read in
 * the same millisecond still sees the old values (a CI failure on a fast machine).
 */
export const acknowledged = () => new Promise<void>((r) => setTimeout(r, 10));
