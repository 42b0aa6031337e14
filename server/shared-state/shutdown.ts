import "server-only";
import { markDraining } from "./health";
import { redis } from "./redis";
import { processSingleton } from "@/server/process-singleton";

/**
 * Graceful shutdown. `next start` already handles SIGTERM/SIGINT by closing its HTTP server and
 * waiting for the requests in flight before it exits (next/dist/server/lib/start-server.js), so
 * nothing here may exit the process. This only (1) makes /api/health answer "draining" (503) so a
 * balancer stops sending new requests, and (2) opens the shared-state connection at start-up, so
 * the first request does not pay for it and a wrong REDIS_URL shows in the log at once.
 */
export function installShutdownHooks(): void {
  const installed = processSingleton("__consoleShutdownHooks", () => false);
  if (installed.get()) return;
  installed.set(true);
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    process.once(sig, () => {
      markDraining();
      console.warn(`[console] ${sig}: finishing requests in flight, then stopping`);
      // Listening to a signal turns off Node's default exit: if nobody else handles it
      // (NEXT_MANUAL_SIG_HANDLE without a handler), exit as Node would have.
      if (process.listenerCount(sig) === 0) process.exit(sig === "SIGTERM" ? 143 : 130);
    });
  }
  redis();
}
