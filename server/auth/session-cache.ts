import "server-only";
import type { Role } from "@/lib/roles";
import { processSingleton } from "@/server/process-singleton";

/** What the per-request account check last read for an account, kept a few seconds per process. */
export interface CachedSessionAccount {
  user: { id: string; username: string; name: string; role: Role } | null;
  sessionVersion: number;
  at: number;
}

const sessionUsers = processSingleton("__consoleSessionUsers", () => new Map<string, CachedSessionAccount>());
export const sessionCache = (): Map<string, CachedSessionAccount> => sessionUsers.get();

// One account query in flight per account: 50 concurrent requests of one user after the cache
// entry expired cost one query on the (single-connection, in-process) database, not 50 queued ones.
const sessionLoads = processSingleton("__consoleSessionLoads", () => new Map<string, Promise<CachedSessionAccount>>());
export const sessionLoadsInFlight = (): Map<string, Promise<CachedSessionAccount>> => sessionLoads.get();

/**
 * Drops the cached view of an account after it changed, so this process sees the change at once.
 * A query already in flight was read before the change: it is forgotten too, so its answer is
 * neither cached nor shared with later requests.
 */
export function forgetSessionUser(uid: string): void {
  sessionCache().delete(uid);
  sessionLoadsInFlight().delete(uid);
}
