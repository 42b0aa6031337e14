/** Absolute session lifetime: a session ends 8 hours after sign-in however active it is. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function sessionExpired(loginAt: unknown, now = Date.now()): boolean {
  return (
    typeof loginAt !== "number" || !Number.isFinite(loginAt) || now - loginAt >= SESSION_MAX_AGE_SECONDS * 1000 || loginAt > now + 60_000
  );
}
