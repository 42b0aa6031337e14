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

/** Drops the cached view of an account after it changed, so this process sees the change at once. */
export function forgetSessionUser(uid: string): void {
  sessionCache().delete(uid);
}
