import "server-only";
import { parseRoleMap } from "@/server/auth/oidc-roles";
import { db } from "@/server/db";
import { parseBootstrapAdmin } from "@/server/db/seed";
import { env } from "@/server/env";
import { installShutdownHooks } from "@/server/shared-state/shutdown";

/**
 * Checks every setting at server start so a misconfigured console stops with a message naming
 * what to set, instead of failing on the first request; then opens the database in the
 * background so the first sign-in does not wait for migrations.
 */
export function validateConfigOrExit(): void {
  try {
    const e = env();
    parseRoleMap(e.OIDC_ROLE_MAP);
    parseBootstrapAdmin(process.env.CONSOLE_BOOTSTRAP_ADMIN);
  } catch (err) {
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  installShutdownHooks();
  db()
    // Jobs that were running resume (issue 13); a job that cannot is marked interrupted.
    .then(() => import("@/server/console/jobs/runner"))
    .then((m) => m.resumeJobs())
    .catch((err: unknown) => {
      console.error("[console] database could not be opened:", err instanceof Error ? err.message : String(err));
    });
}
