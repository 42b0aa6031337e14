/**
 * `npm run emulator`: starts the Gizwits Enterprise API emulator alone, configured from the
 * environment, prints the demo tenant's credentials and then `EMULATOR_READY <url>` (the
 * console's launcher waits for that exact line).
 */
import { z } from "zod";
import { DEFAULTS, startEmulator } from "./server";

const list = z.string().transform((s) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean),
);

const envSchema = z.object({
  EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  EMULATOR_HOST: z.string().default("127.0.0.1"),
  EMULATOR_DEVICES: z.coerce.number().int().min(3).max(5_000_000).default(DEFAULTS.devices),
  EMULATOR_SEED: z.coerce.number().int().default(DEFAULTS.seed),
  EMULATOR_QUOTA: z.coerce.number().int().min(0).default(DEFAULTS.quota),
  EMULATOR_TOKEN_TTL: z.coerce.number().int().min(1).default(DEFAULTS.tokenTtlSeconds),
  EMULATOR_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  EMULATOR_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
  EMULATOR_ERROR_CODE: z.coerce.number().int().default(5409),
  EMULATOR_HANG: z
    .string()
    .default("0")
    .transform((s) => (s === "true" ? 1 : s === "false" ? 0 : Number(s)))
    .pipe(z.number().min(0).max(1)),
  EMULATOR_FAULT_PATH: z.string().default(""),
  EMULATOR_IP_WHITELIST: list.optional(),
  EMULATOR_REMOTE_CONTROL_DISABLED: list.optional(),
  EMULATOR_AGG_ENABLED: list.optional(),
  EMULATOR_PUBLISHED: list.optional(),
  EMULATOR_HISTORY_ENABLED: list.optional(),
  EMULATOR_PATH_VARIANT: z.enum(["documented", "alternative", "both"]).default("both"),
  EMULATOR_MAX_PAGE: z.coerce.number().int().min(1).max(100_000).default(1000),
  EMULATOR_AGG_MAX_DAYS: z.coerce.number().int().min(1).max(3660).default(31),
});

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    console.error(`Invalid emulator environment:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    process.exit(2);
  }
  const env = parsed.data;
  const started = performance.now();
  const emu = await startEmulator({
    port: env.EMULATOR_PORT,
    host: env.EMULATOR_HOST,
    devices: env.EMULATOR_DEVICES,
    seed: env.EMULATOR_SEED,
    quota: env.EMULATOR_QUOTA,
    tokenTtlSeconds: env.EMULATOR_TOKEN_TTL,
    latencyMs: env.EMULATOR_LATENCY_MS,
    errorRate: env.EMULATOR_ERROR_RATE,
    errorCode: env.EMULATOR_ERROR_CODE,
    hang: env.EMULATOR_HANG,
    faultPath: env.EMULATOR_FAULT_PATH,
    ipWhitelist: env.EMULATOR_IP_WHITELIST,
    remoteControlDisabled: env.EMULATOR_REMOTE_CONTROL_DISABLED,
    aggEnabled: env.EMULATOR_AGG_ENABLED,
    published: env.EMULATOR_PUBLISHED,
    historyEnabled: env.EMULATOR_HISTORY_ENABLED,
    pathVariant: env.EMULATOR_PATH_VARIANT,
    maxPage: env.EMULATOR_MAX_PAGE,
    aggMaxDays: env.EMULATOR_AGG_MAX_DAYS,
  });
  const t = emu.tenant;
  const lines = [
    `Gizwits Enterprise API emulator — ${t.size} devices, seed ${t.seed}, started in ${Math.round(performance.now() - started)} ms`,
    `  GIZWITS_ENTERPRISE_ID=${t.enterpriseId}`,
    `  GIZWITS_ENTERPRISE_SECRET=${t.enterpriseSecret}`,
    `  GIZWITS_PRODUCTS=${t.products.map((p) => `${p.def.key}:${p.def.secret}`).join(",")}`,
    `  GIZWITS_APPIDS=${t.products.flatMap((p) => p.appids).join(",")}`,
    ...t.products.map(
      (p) =>
        `  product ${p.def.key}  ${p.def.name}  devices=${p.end - p.start}  remote_control=${p.remoteControl ? "on" : "off"}  agg_data=${emu.state.aggEnabled(p) ? "on" : "off"}  published=${emu.state.published(p) ? "yes" : "no"}  history=${emu.state.historyAllowed(p) ? "on" : "off"}`,
    ),
    `  control surface: ${emu.url}/__emulator/tenant`,
    `  Open API (/app): AppIDs, app secrets and demo app users at ${emu.url}/__emulator/openapi`,
  ];
  console.log(lines.join("\n"));
  console.log(`EMULATOR_READY ${emu.url}`);

  const stop = () => {
    emu.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
