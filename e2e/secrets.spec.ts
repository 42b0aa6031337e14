/**
 * Canary secrets: the e2e console runs against the emulator with the emulator's real enterprise
 * and product secrets and a generated NEXTAUTH_SECRET. None of them may reach the browser: not
 * in the built client assets, not in served HTML, not in any API answer.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { EmulatorTenant } from "../server/cli/emulator-control";
import { authFile, e2eEmulator, expect, test } from "./fixtures";

const root = path.resolve(import.meta.dirname, "..");
// A variant config on other ports may point the spec at its own emulator (E2E_EMULATOR_URL) and data dir.
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";

async function canaries(): Promise<{ tenant: EmulatorTenant; secrets: Record<string, string> }> {
  const tenant = await e2eEmulator().tenant();
  const secrets: Record<string, string> = { "enterprise secret": tenant.enterprise_secret };
  for (const p of tenant.products) secrets[`product secret of ${p.product_key}`] = p.product_secret;
  const secretFile = path.join(root, dataDir, "nextauth-secret");
  const nextauth = process.env.NEXTAUTH_SECRET ?? (existsSync(secretFile) ? readFileSync(secretFile, "utf8").trim() : "");
  expect(nextauth.length, "NEXTAUTH_SECRET of the e2e console").toBeGreaterThanOrEqual(16);
  secrets.NEXTAUTH_SECRET = nextauth;
  for (const [name, value] of Object.entries(secrets)) expect(value.length, name).toBeGreaterThanOrEqual(8);
  return { tenant, secrets };
}

function leaks(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, v]) => text.includes(v))
    .map(([k]) => k);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** GET-able API paths found on disk; [pk]-like segments get a real product key, others are skipped. */
function apiPaths(productKey: string): string[] {
  const apiDir = path.join(root, "app/api");
  return readdirSync(apiDir, { recursive: true, encoding: "utf8" })
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => /(^|\/)route\.ts$/.test(f) && !f.includes("[...nextauth]"))
    .map((f) =>
      f
        .replace(/(^|\/)route\.ts$/, "")
        .split("/")
        .filter(Boolean),
    )
    .map((segs) => segs.map((s) => (/^\[(pk|productKey|product)\]$/.test(s) ? productKey : s)))
    .filter((segs) => !segs.some((s) => s.startsWith("[")))
    .map((segs) => `/api/${segs.join("/")}`);
}

test.describe("canary secrets", () => {
  test("are not in any built client asset (.next/static)", async () => {
    const { secrets } = await canaries();
    const files = filesUnder(path.join(root, ".next/static"));
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((f) => leaks(readFileSync(f, "latin1"), secrets).map((s) => `${s} in ${path.relative(root, f)}`));
    expect(found).toEqual([]);
  });

  test.describe("signed in as admin", () => {
    test.use({ storageState: authFile("admin") });

    test("are not in served HTML of the console's pages", async ({ page, request }) => {
      const { secrets } = await canaries();
      const pages = [
        "/",
        "/devices",
        "/groups",
        "/users",
        "/reports",
        "/audit",
        "/settings",
        "/settings/accounts",
        "/signin",
        "/no-such-page",
      ];
      for (const p of pages) {
        const res = await request.get(p);
        expect(res.status(), p).toBeLessThan(500);
        expect(leaks(await res.text(), secrets), `HTML of ${p}`).toEqual([]);
      }
      // and what the browser ends up holding after client-side rendering and data fetching
      await page.goto("/devices");
      await page.waitForLoadState("networkidle");
      expect(leaks(await page.content(), secrets), "rendered /devices").toEqual([]);
    });

    test("are not in API bodies or headers", async ({ request }) => {
      const { tenant, secrets } = await canaries();
      const paths = [...apiPaths(tenant.products[0]!.product_key), "/api/auth/session", "/api/auth/providers", "/api/auth/csrf"];
      expect(paths).toEqual(expect.arrayContaining(["/api/products", "/api/quota", "/api/audit", "/api/admin/accounts"]));
      for (const p of paths) {
        const res = await request.get(`${p}?product=${tenant.products[0]!.product_key}`);
        const headers = JSON.stringify(res.headersArray());
        expect(leaks(`${await res.text()}\n${headers}`, secrets), `GET ${p} (${res.status()})`).toEqual([]);
      }
    });
  });
});
