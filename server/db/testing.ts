import "server-only";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * For vitest files that touch the database: points the console at a fresh PGlite directory under
 * the OS temp dir and fills the upstream settings env() requires with loopback placeholders
 * (only where not set, so a suite's emulator setup wins). Call before anything reads env().
 */
export function useThrowawayDatabase(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "console-db-"));
  const defaults: Record<string, string> = {
    GIZWITS_API_BASE: "http://127.0.0.1:9",
    GIZWITS_ENTERPRISE_ID: "test-enterprise",
    GIZWITS_ENTERPRISE_SECRET: "test-enterprise-secret",
    GIZWITS_PRODUCTS: "pk_test:ps_test",
    NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdef",
  };
  for (const [k, v] of Object.entries(defaults)) process.env[k] ??= v;
  Object.assign(process.env, { CONSOLE_DATA_DIR: dir, ...extra });
  delete process.env.DATABASE_URL;
  return dir;
}
