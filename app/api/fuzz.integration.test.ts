/**
 * Property-based fuzz of every route under app/api (found on disk, like the role matrix): for
 * each route and method, fast-check generates malformed params, query strings and bodies — ids of
 * the wrong shape, NUL, control characters, lone surrogates, CR/LF, quotes and markup, bad
 * percent-encodings, dates the database cannot hold — and asserts that each one gets a 4xx with
 * a message, never a 5xx, and costs no upstream call, counted by this file's own emulator
 * (/__emulator/stats). Then one focused test per defect the issue listed. Bounded in time: a
 * fixed number of runs per route and a deadline for the whole suite.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/auth/session";
import { type SpawnedEmulator, spawnEmulator } from "@/server/cli/emulator-process";
import { useThrowawayDatabase } from "@/server/db/testing";

vi.setConfig({ testTimeout: 180_000 });

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", async (orig) => ({ ...(await orig<object>()), getSessionUser: async () => session.user }));

// This file's own emulator, so its call counter counts this file's calls only.
const emu: SpawnedEmulator = await spawnEmulator({ port: 0, env: { ...process.env, EMULATOR_DEVICES: "300" } });
const tenantRes = (await (await fetch(`${emu.url}/__emulator/tenant`)).json()) as {
  enterprise_id: string;
  enterprise_secret: string;
  products: { product_key: string; product_secret: string }[];
  appids: { appid: string; product_key: string }[];
};
Object.assign(process.env, {
  GIZWITS_API_BASE: emu.url,
  GIZWITS_OPENAPI_BASE: emu.url,
  GIZWITS_ENTERPRISE_ID: tenantRes.enterprise_id,
  GIZWITS_ENTERPRISE_SECRET: tenantRes.enterprise_secret,
  GIZWITS_PRODUCTS: tenantRes.products.map((p) => `${p.product_key}:${p.product_secret}`).join(","),
  GIZWITS_APPIDS: tenantRes.appids.map((a) => `${a.appid}:${a.product_key}`).join(","),
  GIZWITS_TIMEOUT_MS: "3000",
});
useThrowawayDatabase();

const { auditLog, closeDb, db } = await import("@/server/db");
const { createAccount } = await import("@/server/auth/accounts");

const ORIGIN = "http://console.test";
const admin: SessionUser = { id: "00000000-0000-4000-8000-000000000001", username: "fuzz-admin", name: "Fuzz", role: "admin" };

async function upstreamCalls(): Promise<number> {
  const s = (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { calls: number };
  return s.calls;
}
async function auditRows(): Promise<number> {
  return (await (await db()).select().from(auditLog)).length;
}

interface Sample {
  pk: string;
  did: string;
  mac: string;
  gid: string;
  uid: string;
  appid: string;
  accountId: string;
}
let sample: Sample;

beforeAll(async () => {
  await db();
  session.user = admin;
  const s = (await (await fetch(`${emu.url}/__emulator/sample`)).json()) as {
    products: {
      product_key: string;
      online: { did: string; mac: string }[];
      root_gid: string | null;
      bound_user: { uid: string; appid: string } | null;
    }[];
  };
  const p = s.products.find((x) => x.online.length && x.root_gid && x.bound_user) ?? s.products[0]!;
  const account = await createAccount({ username: "fuzz-target", name: "Target", role: "manager", password: "fuzz-target-password" });
  sample = {
    pk: p.product_key,
    did: p.online[0]!.did,
    mac: p.online[0]!.mac,
    gid: p.root_gid ?? "c8e4b5634b047dc495be4a05a39d02a3",
    uid: p.bound_user?.uid ?? "0123456789abcdef0123456789abcdef",
    appid: p.bound_user?.appid ?? tenantRes.appids[0]!.appid,
    accountId: account.id,
  };
}, 240_000);
afterAll(async () => {
  await closeDb();
  await emu.stop();
}, 60_000);

const apiDir = import.meta.dirname;
const PUBLIC_ROUTES = new Set(["auth/[...nextauth]/route.ts", "health/route.ts"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const routeFiles = readdirSync(apiDir, { recursive: true, encoding: "utf8" })
  .map((f) => f.split(path.sep).join("/"))
  .filter((f) => /(^|\/)route\.ts$/.test(f) && !PUBLIC_ROUTES.has(f))
  .sort();

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** The route's dynamic segments, filled with valid sample values. */
function validParams(file: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const s of file.split("/")) {
    const m = /^\[(\w+)\]$/.exec(s);
    if (!m) continue;
    const name = m[1]!;
    params[name] =
      name === "pk"
        ? sample.pk
        : name === "did"
          ? sample.did
          : name === "gid"
            ? sample.gid
            : name === "uid"
              ? sample.uid
              : name === "id"
                ? file.startsWith("admin/")
                  ? sample.accountId
                  : "11111111-2222-4333-8444-555555555555"
                : "sample";
  }
  return params;
}

function urlOf(file: string, params: Record<string, string>): string {
  const segs = file
    .replace(/(^|\/)route\.ts$/, "")
    .split("/")
    .filter(Boolean)
    .map((s) => {
      const m = /^\[(\w+)\]$/.exec(s);
      // The handler gets `params` as given; the URL only has to be well-formed (no lone surrogates).
      return m ? encodeURIComponent((params[m[1]!] ?? "x").toWellFormed()) : s;
    });
  return `/api/${segs.join("/")}`;
}

async function call(
  file: string,
  method: string,
  opts: { params?: Record<string, string>; query?: [string, string][]; body?: unknown } = {},
): Promise<Response> {
  const mod = (await import(path.join(apiDir, file))) as Record<string, unknown>;
  const handler = mod[method] as Handler;
  const params = opts.params ?? validParams(file);
  const qs = new URLSearchParams(opts.query ?? []).toString();
  const write = method !== "GET";
  const req = new NextRequest(`${ORIGIN}${urlOf(file, params)}${qs ? `?${qs}` : ""}`, {
    method,
    headers: {
      host: "console.test",
      "accept-language": "zh-CN",
      ...(write ? { origin: ORIGIN, "content-type": "application/json" } : {}),
    },
    body: write ? JSON.stringify(opts.body ?? {}) : undefined,
  });
  return handler(req, { params: Promise.resolve(params) });
}

// --- generators --------------------------------------------------------------------------------

const LONE_SURROGATES = ["\uD800", "\uDBFF", "\uDC00", "\uDFFF", "a\uD83Dz"];
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
/** Text that must never reach the database or the upstream. */
const unsafeText = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.oneof(
      fc.constant("\u0000"),
      controlChar.filter((c) => c !== "\t" && c !== "\n" && c !== "\r"),
      fc.constantFrom(...LONE_SURROGATES),
    ),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, b, c]) => a + b + c);
/**
 * The same for a URL's query: a lone surrogate cannot travel in a URL (UTF-8 has none; its CESU
 * bytes %ED%A0%80 are invalid UTF-8, which the launcher's guard refuses), so only NUL and controls.
 */
const unsafeQueryText = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.oneof(
      fc.constant("\u0000"),
      controlChar.filter((c) => c !== "\t" && c !== "\n" && c !== "\r"),
    ),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, b, c]) => a + b + c);
/** Ids of the wrong shape: junk the issue saw sent upstream, bad encodings, wrong lengths, unsafe text. */
const junkId = fc.oneof(
  fc.constantFrom("<script>", "a\r\nb", "'\"", "%zz", "%", "%E0%A4%A", "../..", "a b", " ", "null", "0".repeat(200), "zz:zz:zz:zz:zz:zz"),
  unsafeText,
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => !/^[A-Za-z0-9]{22}$/.test(s) && !/^[0-9a-fA-F]{32}$/.test(s) && !/^[0-9a-fA-F]{12}$/.test(s)),
  fc.stringMatching(/^[A-Za-z0-9]{21}$|^[A-Za-z0-9]{23}$/),
);
const junkQueryId = fc.oneof(
  fc.constantFrom("<script>", "a\r\nb", "'\"", "%zz", "%", "../..", "a b", " x", "null", "0".repeat(200), "zz:zz:zz:zz:zz:zz"),
  unsafeQueryText,
  fc.stringMatching(/^[A-Za-z0-9]{21}$|^[A-Za-z0-9]{23}$|^[0-9a-f]{31}$|^[g-z]{32}$/),
);
const badDate = fc.constantFrom(
  "0000-01-01",
  "+275760-09-13",
  "-000001-01-01",
  "9999-12-31",
  "1899-12-31",
  "not-a-date",
  "2024-13-45",
  "1e400",
);

/** Query keys that carry ids or dates in some route; for each, what is invalid. */
const ID_QUERY_KEYS: Record<string, fc.Arbitrary<string>> = {
  gid: junkQueryId,
  appid: junkQueryId,
  mac: junkQueryId,
  from: badDate,
  to: badDate,
  start: fc.oneof(badDate, fc.constantFrom("99999999999999", "-1", "1e3")),
  end: fc.oneof(badDate, fc.constantFrom("99999999999999", "-1")),
  context: fc.oneof(unsafeQueryText, fc.constantFrom("<x>", "a b", "\r\n")),
};

/** Which id-bearing query keys each route reads (a key a route ignores could not make it fail). */
function idKeysOf(file: string): string[] {
  const keys: string[] = [];
  if (/reports\/(alert|fault|realtime|users-total|locations|liveness|activation|users-new)/.test(file)) keys.push("gid");
  if (/devices\/(search|export)\/route|groups\/search-macs|users\/search/.test(file)) keys.push("gid");
  // /api/users checks appid against the configured list itself (400, before any call).
  if (file === "users/route.ts") keys.push("appid");
  if (file.endsWith("devices/lookup/route.ts")) keys.push("mac");
  if (file.startsWith("audit/")) keys.push("from", "to");
  if (/reports\/(active-devices|new-devices|users-active|liveness|activation|users-new)|devices\/\[did\]\/(data|online|cmd)/.test(file)) {
    keys.push("start", "end");
  }
  if (file.endsWith("[did]/cmd/route.ts")) keys.push("context");
  return keys;
}

/** Valid values for the other required keys of a route, so that only the fuzzed key is wrong. */
function baseQuery(file: string): [string, string][] {
  const now = Math.floor(Date.now() / 1000);
  if (file === "users/route.ts") return [["product", sample.pk]];
  if (file.startsWith("audit/")) return [];
  if (/reports\/(active-devices|new-devices|users-active)/.test(file))
    return [
      ["start", "2026-01-01"],
      ["end", "2026-01-02"],
    ];
  if (/reports\/(liveness|activation|users-new)/.test(file))
    return [
      ["cycle", "date"],
      ["start", "2026-01-01"],
      ["end", "2026-01-02"],
    ];
  if (/\[did\]\/(data|online|cmd)/.test(file))
    return [
      ["start", String(now - 3600)],
      ["end", String(now)],
    ];
  if (file.endsWith("devices/lookup/route.ts")) return [["mac", sample.mac]];
  if (file === "saved-views/route.ts") return [["page", "devices"]];
  return [];
}

const DEADLINE = Date.now() + 8 * 60_000;
const runs = () => (Date.now() > DEADLINE ? 1 : 12);

async function expectRefusedWithoutCalls(res: Response, what: string, calls0: number, audit0?: number): Promise<void> {
  const text = await res.text();
  expect(res.status, `${what}: ${res.status} ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: ${text.slice(0, 200)}`).toBeLessThan(500);
  expect(JSON.parse(text).error.message.length, what).toBeGreaterThan(0);
  expect(await upstreamCalls(), `${what}: upstream calls`).toBe(calls0);
  if (audit0 !== undefined) expect(await auditRows(), `${what}: audit rows`).toBe(audit0);
}

describe("fuzz: every route refuses malformed input with a 4xx and no upstream call", () => {
  it("finds the routes", () => {
    expect(routeFiles.length).toBeGreaterThan(20);
  });

  for (const file of routeFiles) {
    it(file, async () => {
      const mod = (await import(path.join(apiDir, file))) as Record<string, unknown>;
      const methods = METHODS.filter((m) => typeof mod[m] === "function");
      const dynamic = Object.keys(validParams(file));
      for (const method of methods) {
        // 1. Each dynamic segment replaced by a malformed id (as Next hands it over: decoded once).
        for (const name of dynamic) {
          await fc.assert(
            fc.asyncProperty(junkId, async (bad) => {
              const calls0 = await upstreamCalls();
              const res = await call(file, method, { params: { ...validParams(file), [name]: bad }, query: baseQuery(file) });
              await expectRefusedWithoutCalls(res, `${method} ${file} ${name}=${JSON.stringify(bad)}`, calls0);
            }),
            { numRuns: runs() },
          );
        }
        // 2. Unsafe text in any query key, known to the route or not.
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom("q", "name", "val", "gid", "user", "page", "zz", ...idKeysOf(file)),
            unsafeQueryText,
            async (key, bad) => {
              const calls0 = await upstreamCalls();
              const res = await call(file, method, { query: [...baseQuery(file).filter(([k]) => k !== key), [key, bad]] });
              await expectRefusedWithoutCalls(res, `${method} ${file} ?${key}=${JSON.stringify(bad)}`, calls0);
            },
          ),
          { numRuns: runs() },
        );
        // 3. Malformed ids and dates in the query keys this route reads.
        for (const key of idKeysOf(file)) {
          await fc.assert(
            fc.asyncProperty(ID_QUERY_KEYS[key]!, async (bad) => {
              const calls0 = await upstreamCalls();
              const res = await call(file, method, { query: [...baseQuery(file).filter(([k]) => k !== key), [key, bad]] });
              await expectRefusedWithoutCalls(res, `${method} ${file} ?${key}=${JSON.stringify(bad)}`, calls0);
            }),
            { numRuns: runs() },
          );
        }
        // 4. Bodies of writes: unsafe text anywhere, and junk ids in the id fields.
        if (method !== "GET" && (mod[method] as { takesBody?: boolean }).takesBody) {
          await fc.assert(
            fc.asyncProperty(
              fc.constantFrom("name", "description", "uid", "appid", "parentGid", "username", "query", "password", "zz"),
              unsafeText,
              async (key, bad) => {
                const calls0 = await upstreamCalls();
                const audit0 = await auditRows();
                const res = await call(file, method, { body: { [key]: bad, macs: [sample.mac], dids: [sample.did], attrs: { [bad]: 1 } } });
                await expectRefusedWithoutCalls(res, `${method} ${file} body.${key}=${JSON.stringify(bad)}`, calls0, audit0);
              },
            ),
            { numRuns: runs() },
          );
        }
      }
    });
  }
});

describe("focused: each defect of the issue", () => {
  const route = (f: string) => f;

  it("NUL in the audit search is a 400 in the user's language, not a 500", async () => {
    const res = await call(route("audit/route.ts"), "GET", { query: [["q", "\u0000"]] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/输入无效/);
  });

  it("NUL or a lone surrogate in a saved-view name is a 400, and nothing is written", async () => {
    for (const name of ["a\u0000b", "a\uD800b"]) {
      const res = await call(route("saved-views/route.ts"), "POST", { body: { page: "devices", name, query: "" } });
      expect(res.status).toBe(400);
    }
  });

  it("an account id with a NUL or of the wrong shape in the path is a 400", async () => {
    for (const id of ["a\u0000", "not-a-uuid", "%zz"]) {
      const res = await call(route("admin/accounts/[id]/route.ts"), "PATCH", { params: { id }, body: { name: "x" } });
      expect(res.status).toBe(400);
    }
  });

  it("a device id with a NUL in …/devices/a%00/commands is a 400", async () => {
    const res = await call(route("products/[pk]/devices/[did]/commands/route.ts"), "GET", { params: { pk: sample.pk, did: "a\u0000" } });
    expect(res.status).toBe(400);
  });

  it("a control write with a NUL is refused before the audit log, with a validation message, not 'audit log cannot be written'", async () => {
    const audit0 = await auditRows();
    const res = await call(route("products/[pk]/devices/[did]/control/route.ts"), "POST", {
      params: { pk: sample.pk, did: sample.did },
      body: { attrs: { "switch\u0000": true } },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("VALIDATION");
    expect(await auditRows()).toBe(audit0);
  });

  it.each(["0000-01-01", "+275760-09-13T00:00:00Z"])(
    "audit from=%s is a 400, also for the CSV export (before any byte is streamed)",
    async (from) => {
      const res = await call(route("audit/route.ts"), "GET", { query: [["from", from]] });
      expect(res.status).toBe(400);
      const csv = await call(route("audit/export/route.ts"), "GET", { query: [["from", from]] });
      expect(csv.status).toBe(400);
      expect(csv.headers.get("content-type")).toMatch(/json/);
    },
  );

  it("/devices/%25zz (decoded once by Next to '%zz') is a 400, not a 500 from a second decode", async () => {
    const calls0 = await upstreamCalls();
    const res = await call(route("products/[pk]/devices/[did]/route.ts"), "GET", { params: { pk: sample.pk, did: "%zz" } });
    expect(res.status).toBe(400);
    expect(await upstreamCalls()).toBe(calls0);
  });

  it("junk device ids, gid filters and lookup MACs cost no upstream call; a control to a junk did is not audited", async () => {
    const calls0 = await upstreamCalls();
    const audit0 = await auditRows();
    for (const junk of ["<script>", "a\r\nb", "x'\""]) {
      expect(
        (await call("products/[pk]/devices/[did]/control/route.ts", "POST", { params: { pk: sample.pk, did: junk }, body: { raw: [1] } }))
          .status,
      ).toBe(400);
      expect((await call("products/[pk]/devices/search/route.ts", "GET", { query: [["gid", junk]] })).status).toBe(400);
      expect((await call("products/[pk]/devices/lookup/route.ts", "GET", { query: [["mac", junk]] })).status).toBe(400);
    }
    expect(await upstreamCalls()).toBe(calls0);
    expect(await auditRows()).toBe(audit0);
  });

  it("valid ids still go through (the checks refuse only what cannot exist)", async () => {
    const res = await call("products/[pk]/devices/[did]/route.ts", "GET", { params: { pk: sample.pk, did: sample.did } });
    expect(res.status).toBe(200);
    const byMac = await call("products/[pk]/devices/[did]/route.ts", "GET", { params: { pk: sample.pk, did: sample.mac.toUpperCase() } });
    expect(byMac.status).toBe(200);
    const search = await call("products/[pk]/devices/search/route.ts", "GET", { query: [["gid", sample.gid]] });
    expect(search.status).toBe(200);
  });
});
