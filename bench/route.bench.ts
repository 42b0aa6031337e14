/**
 * Route-overhead benchmark (not a test): what a read costs through the whole console — Next's
 * route layer, session check, defineRoute, the Gizwits client — against the same read sent
 * straight to the emulator. Needs a production build (`npm run build`).
 *
 * Starts the launcher (console + embedded emulator) on spare loopback ports, signs in as the demo
 * manager, and measures over a bounded number of sequential requests, interleaved round by round:
 *   direct    — GET /v1/products/{pk}/devices?mac= straight to the emulator with a token;
 *   uncached  — GET /api/products/{pk}/devices/lookup?mac= for a MAC the console has not seen,
 *               so each request makes exactly one upstream call;
 *   cached    — the same console request for a MAC it has just looked up (served from its cache);
 *   floor     — a trivial node:http server in its own process (startFloor()): the machine's own
 *               loopback latency, the yardstick for the other three.
 *
 * All three go through one client: node:http with a keep-alive agent (one connection per server,
 * reused), so the direct and the console figures carry the same client-side cost and the
 * comparison is fair. (undici's fetch() added ~1–2 ms per request on this machine to both paths.)
 * After SETTLE_MS of quiet (start-up's own garbage collections in the launcher and its wrappers),
 * a warm-up of WARMUP rounds (JIT of the console's route code and of this client, route
 * compilation, the token and session caches) is not counted, and this process collects its own
 * garbage before the measured rounds (its collections are not the console's). Prints p50, p99
 * and mean per path, and the cached read's time inside the console from its Server-Timing header.
 *
 *   npm run bench:route
 *   BENCH_REQUESTS=300 npm run bench:route     # rounds (default 300; each uncached round spends 1 call)
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { cpus, loadavg } from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import { emulatorControl } from "../server/cli/emulator-control";
import { startConsole } from "./console";

const ROUNDS = Math.min(Number(process.env.BENCH_REQUESTS ?? 300), 1000);
const PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3790);
const EMU_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 4790);
/** Warm-up rounds, not counted (each spends one upstream call for its uncached read). */
const WARMUP = 100;
/**
 * Quiet time between start-up and the warm-up. A Node process that falls idle after start-up
 * runs V8's memory reducer (full collections, 8 s after its allocation rate drops): the launcher's,
 * npm's and tsx's did, 8–20 ms each, inside the measured second on a 2-core machine, and showed up
 * in every path's p99. They are start-up's, not the read path's.
 */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 10_000);

/** Keep-alive, one socket per server: every measured request reuses a warm connection. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** The console's own time for the last answer (its Server-Timing `app;dur=`), ms; null when absent. */
let lastServerMs: number | null = null;

/** GET `url` with the shared keep-alive client; resolves once the whole body arrived (non-2xx throws). */
function get(url: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const timing = /(?:^|,)\s*app;dur=([\d.]+)/.exec(String(res.headers["server-timing"] ?? ""));
      lastServerMs = timing ? Number(timing[1]) : null;
      res.on("data", () => {});
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) reject(new Error(`HTTP ${status} from ${url}`));
        else resolve();
      });
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/**
 * A full collection of this (the measuring) process's heap, so that its own mark-compact does not
 * land inside the measured rounds: once seen as a 20 ms sample. The console and the emulator are
 * left alone.
 */
function collectOwnGarbage(): void {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/**
 * The machine's floor: a node:http server in its own process that answers every GET with a fixed
 * lookup-sized JSON body and does nothing else. Measured in the same rounds and with the same
 * client as the three paths, it shows what loopback, the scheduler and the VM alone cost.
 */
async function startFloor(): Promise<{ url: string; stop: () => void }> {
  const code = `const s=require("node:http").createServer((q,r)=>{r.writeHead(200,{"Content-Type":"application/json"});r.end('{"did":"floor","mac":"000000000000"}')});s.listen(0,"127.0.0.1",()=>console.log(s.address().port))`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(String(d).trim()));
    child.once("exit", () => reject(new Error("the floor server did not start")));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

async function main(): Promise<void> {
  const floorServer = await startFloor();
  const c = await startConsole({ port: PORT, emulatorPort: EMU_PORT, name: "route" });
  const console_ = c.origin;
  const emulator = c.emulator;
  try {
    const control = emulatorControl(emulator);
    const pk = (await control.tenant()).products[0]!.product_key;
    const token = await control.token(pk);
    const auth = { Authorization: `token ${token}` };
    const search = (await (
      await fetch(`${emulator}/v1/products/${pk}/devices/search?limit=1000&show_disabled=1`, { headers: auth })
    ).json()) as { objects: { mac: string }[] };
    const macs = search.objects.map((o) => o.mac);
    if (macs.length < ROUNDS + WARMUP) throw new Error(`only ${macs.length} devices for ${ROUNDS} rounds + ${WARMUP} warm-up`);
    const session = await c.signIn("manager", "manager-demo-2026");
    const viaConsole = (mac: string) => get(`${console_}/api/products/${pk}/devices/lookup?mac=${mac}`, { Cookie: session });
    const direct = (mac: string) => get(`${emulator}/v1/products/${pk}/devices?mac=${mac}`, auth);
    const floor = () => get(floorServer.url, {});

    await new Promise((r) => setTimeout(r, SETTLE_MS));
    // Warm-up (not counted): the same three requests per round as measured, on MACs of their own.
    for (let i = 0; i < WARMUP; i++) {
      await timed(floor);
      await timed(() => direct(macs[i]!));
      await timed(() => viaConsole(macs[i]!));
      await timed(() => viaConsole(macs[i]!));
    }
    const r = { floor: [] as number[], direct: [] as number[], uncached: [] as number[], cached: [] as number[] };
    /** Server-Timing of the cached reads: what the console itself spent on each. */
    const cachedInConsole: number[] = [];
    collectOwnGarbage();
    for (let i = WARMUP; i < ROUNDS + WARMUP; i++) {
      r.floor.push(await timed(floor));
      r.direct.push(await timed(() => direct(macs[i]!)));
      r.uncached.push(await timed(() => viaConsole(macs[i]!)));
      r.cached.push(await timed(() => viaConsole(macs[i]!)));
      if (lastServerMs !== null) cachedInConsole.push(lastServerMs);
    }
    const row = (name: string, xs: number[]) =>
      `${name.padEnd(10)} ${pct(xs, 50).toFixed(2).padStart(8)} ${pct(xs, 99).toFixed(2).padStart(8)} ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2).padStart(8)}`;
    console.log(
      `\nroute bench: ${ROUNDS} rounds after ${SETTLE_MS / 1000} s quiet and ${WARMUP} warm-up, keep-alive node:http client, ${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(`${"path".padEnd(10)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"mean ms".padStart(8)}`);
    console.log(row("floor", r.floor));
    console.log(row("direct", r.direct));
    console.log(row("uncached", r.uncached));
    console.log(row("cached", r.cached));
    const overhead = r.uncached.map((u, i) => u - r.direct[i]!);
    console.log(`console overhead per uncached read (uncached − direct, same round): p50 ${pct(overhead, 50).toFixed(2)} ms`);
    if (cachedInConsole.length > 0) {
      // From the answer's Server-Timing: the handler's time in the console, without the socket,
      // the request guard and the client (the rest of a cached read's figure above).
      console.log(
        `cached read inside the console (Server-Timing app): p50 ${pct(cachedInConsole, 50).toFixed(2)} ms, p99 ${pct(cachedInConsole, 99).toFixed(2)} ms`,
      );
    }
  } finally {
    agent.destroy();
    c.stop();
    floorServer.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
