import "server-only";

/** A failed read is repeated at most this many times; writes never are. */
export const MAX_READ_RETRIES = 2;
const BASE_MS = 200;
const CAP_MS = 2000;

/** "Full jitter" backoff: a random wait up to an exponentially growing cap, so retries spread out. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(CAP_MS, BASE_MS * 2 ** (attempt + 1)));
}

export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt)));
}
