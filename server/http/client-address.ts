import "server-only";
import { env } from "@/server/env";

/**
 * The address of the client that sent a request, for per-client limits. Next.js fills
 * X-Forwarded-For from the socket only when the request does not carry one, so the launcher's
 * guard (server/cli/guard.mjs) overwrites it with the socket address unless a trusted proxy is
 * configured. With CONSOLE_TRUSTED_PROXY=n the n-th address from the right is the one the
 * outermost trusted proxy saw, and everything left of it is the client's own claim.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  const hops = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!hops.length) return "unknown";
  const trusted = Math.max(1, env().CONSOLE_TRUSTED_PROXY);
  const addr = hops[Math.max(0, hops.length - trusted)]!;
  return addr
    .toLowerCase()
    .replace(/^::ffff:/, "")
    .slice(0, 64);
}
