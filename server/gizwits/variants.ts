import "server-only";
import { z } from "zod";
import { getCapability, recordCapability, TENANT_SCOPE } from "@/server/console/capabilities";
import { dbRequested } from "@/server/db";
import { processSingleton } from "@/server/process-singleton";

/*
 * Paths the doc gets wrong (issue 12). Each ambiguous call has a documented form and an
 * alternative; the console tries the one that last answered (the documented form when nothing
 * is known), and when the upstream says it does not serve it (`isMiss`), the other one. What
 * answered is remembered per tenant as a capability record (scope "tenant", key `path.<name>`),
 * so a tenant pays for the miss once, and a tenant that changes its mind is followed.
 */

export type PathVariant = "documented" | "alternative";

export const AMBIGUOUS_PATHS = {
  /** GET …/devices/report/devices/report/rt (doc) vs …/devices/report/rt (operation id). */
  realtimeReport: "path.realtime_report",
  /** GET …/alert/report/devices (doc, also the alert-devices report) vs …/alert/report/events. */
  alertEvents: "path.alert_events",
  /** GET …/devices/summary (doc) vs …/summary (operation id). */
  summary: "path.summary",
  /** users/liveness_total and users/location: product_secret = the product key (doc) or the secret. */
  userReportsProduct: "path.user_reports_product_secret",
} as const;
export type AmbiguousPath = (typeof AMBIGUOUS_PATHS)[keyof typeof AMBIGUOUS_PATHS];

/** Where the answering variant is kept. The default is the capability records (database). */
export interface VariantMemory {
  get(key: AmbiguousPath): Promise<PathVariant | undefined>;
  set(key: AmbiguousPath, variant: PathVariant): Promise<void>;
}

const storedValue = z.object({ variant: z.enum(["documented", "alternative"]) });

/** Longest a read waits for the stored record; the record only saves a 404, never worth a slow answer. */
const LOOKUP_WAIT_MS = 500;

/**
 * Capability records, with this process's memory in front. The database never delays or fails a
 * read: a lookup slower than LOOKUP_WAIT_MS (e.g. the database still opening) counts as unknown
 * and fills the memory when it arrives; a record is written in the background, and when the
 * database is down the variant is kept in memory and learned again after a restart. Nor is the
 * database opened for this: the console opens it at start-up (server/startup.ts); a process that
 * never did (a script, the client's own tests) keeps what it learns in memory.
 */
function capabilityMemory(): VariantMemory {
  const known = new Map<AmbiguousPath, PathVariant>();
  return {
    async get(key) {
      const hit = known.get(key);
      if (hit || !dbRequested()) return hit;
      const lookup = getCapability(TENANT_SCOPE, key).then(
        (rec) => {
          const parsed = storedValue.safeParse(rec?.value);
          if (!parsed.success) return undefined;
          if (!known.has(key)) known.set(key, parsed.data.variant);
          return known.get(key);
        },
        () => undefined,
      );
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), LOOKUP_WAIT_MS);
      });
      try {
        return await Promise.race([lookup, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async set(key, variant) {
      known.set(key, variant);
      if (!dbRequested()) return;
      recordCapability(TENANT_SCOPE, key, { variant }, "learned").catch(() => {
        // Kept in process memory; learned again after a restart.
      });
    },
  };
}

const memory = processSingleton<VariantMemory>("__gizwitsPathVariants", capabilityMemory);

/** Tests: another memory (or, with no argument, a fresh default one). */
export function setVariantMemory(m?: VariantMemory): void {
  if (m) memory.set(m);
  else memory.reset();
}

const other = (v: PathVariant): PathVariant => (v === "documented" ? "alternative" : "documented");

/**
 * Calls `attempt` with the variant last known to answer (documented when unknown); when that
 * one is refused as `isMiss` says, tries the other once and remembers it if it answers. Any
 * other error is passed on unchanged (and nothing is learned from it). Reads only: a write is
 * never sent twice.
 */
export async function withPathVariant<T>(
  key: AmbiguousPath,
  attempt: (variant: PathVariant) => Promise<T>,
  isMiss: (err: unknown) => boolean,
): Promise<T> {
  const m = memory.get();
  const known = await m.get(key);
  const first = known ?? "documented";
  try {
    const out = await attempt(first);
    if (known === undefined) await m.set(key, first);
    return out;
  } catch (err) {
    if (!isMiss(err)) throw err;
    const second = other(first);
    const out = await attempt(second);
    await m.set(key, second);
    return out;
  }
}

/** The variant last known to answer, if any (settings page, tests). */
export function knownPathVariant(key: AmbiguousPath): Promise<PathVariant | undefined> {
  return memory.get().get(key);
}
