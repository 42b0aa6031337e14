import "server-only";

/**
 * Slows password guessing per username: after MAX_FAILURES wrong passwords within WINDOW_MS the
 * username is refused until the window has passed, even with the right password. In memory per
 * process (a restart clears it); bcrypt's cost already limits the guessing rate per core.
 */
const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;

const g = globalThis as unknown as { __consoleSignInFailures?: Map<string, { count: number; since: number }> };
const failures = (g.__consoleSignInFailures ??= new Map());

export function signInLocked(username: string, now = Date.now()): boolean {
  const f = failures.get(username);
  if (!f) return false;
  if (now - f.since >= WINDOW_MS) {
    failures.delete(username);
    return false;
  }
  return f.count >= MAX_FAILURES;
}

export function recordSignIn(username: string, ok: boolean, now = Date.now()): void {
  if (ok) {
    failures.delete(username);
    return;
  }
  const f = failures.get(username);
  if (!f || now - f.since >= WINDOW_MS) failures.set(username, { count: 1, since: now });
  else f.count += 1;
  // Bound memory against floods of random usernames.
  if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
}
