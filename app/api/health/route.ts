import { healthReport } from "@/server/shared-state/health";

/**
 * GET /api/health — public by design (a load balancer cannot sign in), so it is not built with
 * defineRoute: it reads nothing from the request and answers only reachability (database, Redis,
 * Gizwits) with no URL, host or message. 200 while the instance can serve, 503 when its database
 * is unreachable or it is shutting down.
 */
export async function GET(): Promise<Response> {
  const health = await healthReport();
  return Response.json(health, {
    status: health.status === "ok" || health.status === "degraded" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
