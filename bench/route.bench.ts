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
 *   cached    — the same console request for a MAC it has just looked up (served from its cache).
 *
 *   npm run bench:route
 *   BENCH_REQUESTS=300 npm run bench:route     # rounds (default 300; each uncached round spends 1 call)
 */
import { cpus, loadavg } from "node:os";
import { emulatorControl } from "../server/cli/emulator-control";
import { startConsole } from "./console";

const ROUNDS = Math.min(Number(process.env.BENCH_REQUESTS ?? 300), 1000);
const PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3790);
const EMU_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 4790);

async function timed(fn: () => Promise<Response>): Promise<number> {
  const t = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${res.url}`);
  return performance.now() - t;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main(): Promise<void> {
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
    if (macs.length < ROUNDS + 10) throw new Error(`only ${macs.length} devices for ${ROUNDS} rounds`);
    const session = await c.signIn("manager", "manager-demo-2026");
    const viaConsole = (mac: string) => fetch(`${console_}/api/products/${pk}/devices/lookup?mac=${mac}`, { headers: { Cookie: session } });
    const direct = (mac: string) => fetch(`${emulator}/v1/products/${pk}/devices?mac=${mac}`, { headers: auth });

    // Warm-up: JIT, route compilation, the console's token and session caches.
    for (let i = 0; i < 10; i++) {
      await timed(() => direct(macs[i]!));
      await timed(() => viaConsole(macs[i]!));
    }
    const r = { direct: [] as number[], uncached: [] as number[], cached: [] as number[] };
    for (let i = 10; i < ROUNDS + 10; i++) {
      r.direct.push(await timed(() => direct(macs[i]!)));
      r.uncached.push(await timed(() => viaConsole(macs[i]!)));
      r.cached.push(await timed(() => viaConsole(macs[i]!)));
    }
    const row = (name: string, xs: number[]) =>
      `${name.padEnd(10)} ${pct(xs, 50).toFixed(2).padStart(8)} ${pct(xs, 99).toFixed(2).padStart(8)} ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2).padStart(8)}`;
    console.log(
      `\nroute bench: ${ROUNDS} rounds, ${cpus().length} cores, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(`${"path".padEnd(10)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"mean ms".padStart(8)}`);
    console.log(row("direct", r.direct));
    console.log(row("uncached", r.uncached));
    console.log(row("cached", r.cached));
    const overhead = r.uncached.map((u, i) => u - r.direct[i]!);
    console.log(`console overhead per uncached read (uncached − direct, same round): p50 ${pct(overhead, 50).toFixed(2)} ms`);
  } finally {
    c.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
