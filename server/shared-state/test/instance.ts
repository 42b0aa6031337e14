import "server-only";
/**
 * One console instance for the multi-instance test (multi-instance.integration.test.ts): the console's
 * server layer — every app/api route handler, the Gizwits client, database, audit, shared state —
 * as its own Node process with its own memory, behind a plain node:http server. Run as
 * `node --import tsx --import ./register.mjs instance.ts`; configured by the environment like the
 * real console (GIZWITS_*, DATABASE_URL, REDIS_URL, ...). Prints `INSTANCE_READY <url>`.
 *
 * The user of a request is named by the `x-test-role` header (session-stub.ts). On SIGTERM it
 * stops accepting connections, lets requests in flight finish, closes Redis and the database and
 * exits, as `next start` does.
 */
import { readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { NextRequest } from "next/server";
import { roleSchema } from "@/lib/roles";
import { closeDb, db } from "@/server/db";
import { markDraining } from "@/server/shared-state/health";
import { closeRedis, redis } from "@/server/shared-state/redis";
import { currentUser } from "./session-stub";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const apiDir = path.resolve(import.meta.dirname, "../../../app/api");
const routes = readdirSync(apiDir, { recursive: true, encoding: "utf8" })
  .map((f) => f.split(path.sep).join("/"))
  .filter((f) => /(^|\/)route\.ts$/.test(f) && !f.includes("[..."))
  .map((f) => {
    const names: string[] = [];
    const pattern = f
      .split("/")
      .slice(0, -1)
      .filter((s) => !/^\(.*\)$/.test(s))
      .map((s) => {
        const m = /^\[(\w+)\]$/.exec(s);
        if (!m) return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(m[1]!);
        return "([^/]+)";
      })
      .join("/");
    return { re: new RegExp(`^/api/${pattern}/?$`), names, file: path.join(apiDir, f) };
  })
  .sort((a, b) => a.names.length - b.names.length);

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  const route = routes.find((r) => r.re.test(url.pathname));
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  const m = route.re.exec(url.pathname)!;
  const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
  const mod = (await import(pathToFileURL(route.file).href)) as Record<string, unknown>;
  const method = (req.method ?? "GET").toUpperCase();
  const handler = mod[method];
  if (typeof handler !== "function") {
    res.writeHead(405).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = chunks.length && method !== "GET" && method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  const nreq = new NextRequest(url, { method, headers, body });
  const role = roleSchema.parse(headers.get("x-test-role") ?? "ops");
  const user = { id: `it-${role}`, username: `it-${role}`, name: `IT ${role}`, role };
  const answer = await currentUser.run(user, () => (handler as Handler)(nreq, { params: Promise.resolve(params) }));
  const out: Record<string, string> = {};
  answer.headers.forEach((v, k) => {
    out[k] = v;
  });
  res.writeHead(answer.status, out);
  res.end(Buffer.from(await answer.arrayBuffer()));
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    console.error("[instance] unhandled:", err);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});

process.once("SIGTERM", () => {
  markDraining();
  server.close(() => {
    void Promise.allSettled([closeRedis(), closeDb()]).then(() => process.exit(0));
  });
  server.closeIdleConnections();
});

await db();
redis();
server.listen(0, "127.0.0.1", () => {
  const a = server.address();
  if (a && typeof a === "object") console.log(`INSTANCE_READY http://127.0.0.1:${a.port}`);
});
