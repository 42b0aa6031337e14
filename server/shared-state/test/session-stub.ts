import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { SessionUser } from "../../auth/session";

/**
 * The session module as the multi-instance test's console instances see it (see register.mjs):
 * everything of the real module, except that the signed-in user is the one instance.ts puts in
 * `currentUser` for the request (there is no next-auth cookie handling outside Next).
 */
export * from "../../auth/session";

const g = globalThis as unknown as { __itCurrentUser?: AsyncLocalStorage<SessionUser | null> };
export const currentUser: AsyncLocalStorage<SessionUser | null> = (g.__itCurrentUser ??= new AsyncLocalStorage());

export async function getSessionUser(): Promise<SessionUser | null> {
  return currentUser.getStore() ?? null;
}
