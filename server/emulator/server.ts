/**
 * The Gizwits Enterprise API emulator: a standalone node:http server answering `/v1/...` like
 * enterpriseapi.gizwits.com, plus a test-only control surface under `/__emulator/...` (a path
 * the real API does not have). Every /v1 response carries X-RateLimit-* headers; the pipeline
 * is quota → IP whitelist → injected faults → route.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { ApiError, isErrorCode } from "./errors";
import { ok, Router, type Ctx, type Result } from "./http";
import { refreshDevices } from "./model";
import { PRODUCTS } from "./products";
import { registerAuth } from "./routes/auth";
import { registerAgg } from "./routes/agg";
import { registerDevices } from "./routes/devices";
import { registerGroups } from "./routes/groups";
import { registerHistory } from "./routes/history";
import { registerReports } from "./routes/reports";
import { registerUsers } from "./routes/users";
import { createOpenApi } from "./openapi";
import { configPatchSchema, EmulatorState, type EmulatorConfig } from "./state";
import { DemoTenant, FLAG_ALERT, FLAG_DISABLED, FLAG_FAULTY, FLAG_ONLINE } from "./tenant";

export type { DemoTenant } from "./tenant";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  devices?: number;
  seed?: number;
  quota?: number;
  tokenTtlSeconds?: number;
  latencyMs?: number;
  errorRate?: number;
  errorCode?: number;
  hang?: boolean | number;
  faultPath?: string;
  ipWhitelist?: string[];
  remoteControlDisabled?: string[];
  aggEnabled?: string[];
  contextTtlSeconds?: number;
  /** Published product keys (default: the air conditioner). */
  published?: string[];
  /** Published product keys whose history logs are enabled anyway (default: none). */
  historyEnabled?: string[];
  /** Which form of the doc's ambiguous paths is served (default both). */
  pathVariant?: "documented" | "alternative" | "both";
  /** Rows per devices/search page and group MAC list at most (default 1000). */
  maxPage?: number;
  /** Longest agg_data span in days (default 31). */
  aggMaxDays?: number;
  /** How often a slice of devices is re-evaluated (online/faulty/alert); a full pass takes ~60 s. */
  sweepIntervalMs?: number;
}

export interface EmulatorHandle {
  url: string;
  port: number;
  close(): Promise<void>;
  tenant: DemoTenant;
  state: EmulatorState;
}

export const DEFAULTS = {
  devices: 2000,
  seed: 20240501,
  quota: 3600,
  tokenTtlSeconds: 7 * 24 * 3600,
  ipWhitelist: ["127.0.0.1", "::1"],
};

const nowSec = () => Date.now() / 1000;

export function buildTenant(devices: number, seed: number): DemoTenant {
  const now = nowSec();
  const tenant = new DemoTenant({ devices, seed, now });
  refreshDevices(tenant, 0, tenant.size, now);
  tenant.initCounts();
  return tenant;
}

function normaliseIp(ip: string | undefined): string {
  if (!ip) return "";
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}

function readBody(req: IncomingMessage, limit = 4 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new ApiError(5001, "body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startEmulator(opts: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const devices = Math.max(PRODUCTS.length, opts.devices ?? DEFAULTS.devices);
  const seed = opts.seed ?? DEFAULTS.seed;
  const initialConfig: EmulatorConfig = {
    latencyMs: opts.latencyMs ?? 0,
    errorRate: opts.errorRate ?? 0,
    errorCode: opts.errorCode ?? 5409,
    hang: opts.hang ?? false,
    faultPath: opts.faultPath ?? "",
    quota: opts.quota ?? DEFAULTS.quota,
    tokenTtlSeconds: opts.tokenTtlSeconds ?? DEFAULTS.tokenTtlSeconds,
    ipWhitelist: opts.ipWhitelist ?? DEFAULTS.ipWhitelist,
    remoteControlDisabled: opts.remoteControlDisabled ?? PRODUCTS.filter((p) => !p.remoteControlDefault).map((p) => p.key),
    aggEnabled: opts.aggEnabled ?? PRODUCTS.filter((p) => p.aggEnabled).map((p) => p.key),
    contextTtlSeconds: opts.contextTtlSeconds ?? 3600,
    published: opts.published ?? PRODUCTS.filter((p) => p.published).map((p) => p.key),
    historyEnabled: opts.historyEnabled ?? [],
    pathVariant: opts.pathVariant ?? "both",
    maxPage: opts.maxPage ?? 1000,
    aggMaxDays: opts.aggMaxDays ?? 31,
    controlFailDids: [],
  };
  const state = new EmulatorState(buildTenant(devices, seed), initialConfig);

  const api = new Router();
  registerAuth(api, state);
  registerDevices(api, state);
  registerHistory(api, state);
  registerAgg(api, state);
  registerGroups(api, state);
  registerUsers(api, state);
  registerReports(api, state);
  // The app-level Open API (/app/..., the Gizwits Open API reference) over the same tenant.
  const openapi = createOpenApi(state);
  let cursor = 0;
  const control = controlRouter(
    state,
    initialConfig,
    () => {
      state.tenant = buildTenant(devices, seed);
      cursor = 0;
    },
    (now) => openapi.expireTokens(now),
  );
  openapi.registerControl(control);

  // Background sweep: re-evaluates a slice of devices per tick so online/fault/alert flags
  // follow the simulated schedule without a stop-the-world pass over a million devices.
  const sweepMs = opts.sweepIntervalMs ?? 250;
  const sweep = setInterval(() => {
    const t = state.tenant;
    const chunk = Math.max(1, Math.ceil(t.size / (60_000 / sweepMs)));
    const end = Math.min(t.size, cursor + chunk);
    refreshDevices(t, cursor, end, nowSec());
    cursor = end >= t.size ? 0 : end;
  }, sweepMs);
  sweep.unref();

  const hung = new Set<ServerResponse>();

  const send = (res: ServerResponse, result: Result, headers: Record<string, string>) => {
    const body = JSON.stringify(result.body);
    res.writeHead(result.status, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const method = (req.method ?? "GET").toUpperCase();
    const now = nowSec();
    const isApi = path === "/v1" || path.startsWith("/v1/");
    const rate = () => state.rateHeaders(nowSec());
    let rawBody = "";
    try {
      rawBody = await readBody(req);
    } catch (e) {
      if (e instanceof ApiError) send(res, { status: e.status, body: e.body() }, rate());
      return;
    }
    const ctx: Ctx = {
      method,
      path,
      query: url.searchParams,
      params: {},
      headers: req.headers,
      rawBody,
      remote: normaliseIp(req.socket.remoteAddress),
      now,
    };

    if (path === "/__emulator" || path.startsWith("/__emulator/")) {
      const m = control.match(method, path);
      if (m.kind !== "ok")
        return send(
          res,
          { status: m.kind === "method" ? 405 : 404, body: { detail: m.kind === "method" ? "Method not allowed." : "Not found." } },
          {},
        );
      ctx.params = m.params;
      try {
        return send(res, await m.handler(ctx), rate());
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        return send(res, { status: 400, body: { error: msg } }, {});
      }
    }
    if (openapi.handles(path)) {
      const served = await openapi.serve(ctx);
      if (served === null) {
        hung.add(res);
        res.on("close", () => hung.delete(res));
        return;
      }
      return send(res, served.result, served.detail ? { "X-Emulator-Detail": encodeURIComponent(served.detail) } : {});
    }
    if (!isApi) return send(res, { status: 404, body: { detail: "Not found." } }, {});

    const m = api.match(method, path);
    state.countCall(path, m.kind === "ok" ? `${method} ${m.template}` : `${method} (unknown)`);
    let result: Result;
    let detail: string | null = null;
    try {
      if (!state.takeQuota(now)) throw new ApiError(5013);
      const wl = state.config.ipWhitelist;
      if (!wl.includes("*") && !wl.includes(ctx.remote)) throw new ApiError(5012, `client ip ${ctx.remote} is not whitelisted`);
      const cfg = state.config;
      if (cfg.faultPath === "" || path.includes(cfg.faultPath)) {
        if (cfg.latencyMs > 0) await sleep(cfg.latencyMs);
        const hangP = cfg.hang === true ? 1 : cfg.hang === false ? 0 : cfg.hang;
        if (hangP > 0 && Math.random() < hangP) {
          // Never answered: the client's timeout is what is being tested.
          hung.add(res);
          res.on("close", () => hung.delete(res));
          return;
        }
        if (cfg.errorRate > 0 && Math.random() < cfg.errorRate)
          throw new ApiError(isErrorCode(cfg.errorCode) ? cfg.errorCode : 5409, "injected fault");
      }
      if (m.kind === "none") result = { status: 404, body: { detail: "Not found." } };
      else if (m.kind === "method") result = { status: 405, body: { detail: `Method "${method}" not allowed.` } };
      else {
        ctx.params = m.params;
        result = await m.handler(ctx);
      }
    } catch (e) {
      if (e instanceof ApiError) {
        result = { status: e.status, body: e.body() };
        detail = e.detail;
      } else {
        console.error("[emulator] handler failed:", e);
        const err = new ApiError(5409, e instanceof Error ? e.message : String(e));
        result = { status: err.status, body: err.body() };
      }
    }
    const headers = rate();
    if (detail) headers["X-Emulator-Detail"] = encodeURIComponent(detail);
    send(res, result, headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error("[emulator] request failed:", e);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Like nginx in front of the real API (keepalive_timeout 75 s): idle connections outlive the
  // client's own keep-alive, so a request never races the server closing its socket.
  server.keepAliveTimeout = 75_000;

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    get tenant() {
      return state.tenant;
    },
    state,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        openapi.close();
        for (const r of hung) r.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// --- /__emulator control surface ------------------------------------------------------------------

const resetSchema = z.object({ tokens: z.boolean().optional() }).strict();

function controlRouter(
  state: EmulatorState,
  initial: EmulatorConfig,
  rebuild: () => void,
  expireAppTokens: (now: number) => number,
): Router {
  const r = new Router();
  const body = (ctx: Ctx): unknown => (ctx.rawBody.trim() === "" ? {} : JSON.parse(ctx.rawBody));

  r.add("GET", "/__emulator/tenant", () => {
    const t = state.tenant;
    return ok({
      enterprise_id: t.enterpriseId,
      enterprise_secret: t.enterpriseSecret,
      products: t.products.map((p) => ({ product_key: p.def.key, product_secret: p.def.secret, name: p.def.name })),
      appids: t.products.flatMap((p) => p.appids.map((appid) => ({ appid, product_key: p.def.key }))),
    });
  });

  r.add("GET", "/__emulator/config", () => ok(state.config));
  r.add("POST", "/__emulator/config", (ctx) => {
    const parsed = configPatchSchema.safeParse(body(ctx));
    if (!parsed.success) return { status: 400, body: { error: "invalid config", issues: parsed.error.issues } };
    state.setConfig(parsed.data);
    return ok(state.config);
  });

  r.add("POST", "/__emulator/tokens/expire", (ctx) => ok({ expired: state.expireTokens(ctx.now) + expireAppTokens(ctx.now) }));

  for (const target of ["offline", "online"] as const) {
    r.add("POST", `/__emulator/devices/{did}/${target}`, (ctx) => {
      const t = state.tenant;
      const i = t.deviceByDid(ctx.params.did);
      if (i < 0) return { status: 404, body: { error: "unknown did" } };
      const online = target === "online";
      if (online && t.flags[i] & FLAG_DISABLED) return { status: 409, body: { error: "device is disabled" } };
      t.override(i).forced.push({ t: ctx.now, online });
      t.setFlags(i, online ? t.flags[i] | FLAG_ONLINE : t.flags[i] & ~FLAG_ONLINE);
      if (online) t.onlineLatest[i] = Math.floor(ctx.now);
      return ok({ did: ctx.params.did, is_online: online });
    });
  }

  r.add("POST", "/__emulator/reset", (ctx) => {
    const parsed = resetSchema.safeParse(body(ctx));
    if (!parsed.success) return { status: 400, body: { error: "invalid reset body", issues: parsed.error.issues } };
    rebuild();
    state.setConfig(initial);
    if (parsed.data.tokens) state.tokens.clear();
    state.quotaUsed = 0;
    state.resetStats();
    state.controlCounts.clear();
    return ok({ reset: true, devices: state.tenant.size });
  });

  const stats = () => ({
    calls: state.calls,
    callsByPath: Object.fromEntries(state.callsByPath),
    callsByRoute: Object.fromEntries(state.callsByRoute),
    quota: { limit: state.config.quota, used: state.quotaUsed, reset: Math.floor(nowSec() / 3600 + 1) * 3600 },
  });
  r.add("GET", "/__emulator/stats", () => ok(stats()));
  r.add("POST", "/__emulator/stats/reset", () => {
    state.resetStats();
    return ok(stats());
  });

  // Commands each did received (bulk-job tests prove no device got a command twice).
  const controls = () => ({ counts: Object.fromEntries(state.controlCounts) });
  r.add("GET", "/__emulator/controls", () => ok(controls()));
  r.add("POST", "/__emulator/controls/reset", () => {
    state.controlCounts.clear();
    return ok(controls());
  });

  /** Handy fixtures for tests: a few devices in each state per product, a bound user, the root group. */
  r.add("GET", "/__emulator/sample", () => {
    const t = state.tenant;
    return ok({
      devices: t.size,
      products: t.products.map((p) => {
        const pick = (pred: (f: number) => boolean) => {
          const out: { did: string; mac: string }[] = [];
          for (let i = p.start; i < p.end && out.length < 5; i++) if (pred(t.flags[i])) out.push({ did: t.did(i), mac: t.mac(i) });
          return out;
        };
        let bound: { uid: string; appid: string; did: string } | null = null;
        for (let i = p.start; i < p.end && !bound; i++) {
          const u = t.owner[i];
          if (u >= 0) bound = { uid: t.uid(u), appid: p.appids[t.userApp[u]], did: t.did(i) };
        }
        return {
          product_key: p.def.key,
          devices: p.end - p.start,
          remote_control: p.remoteControl,
          agg_data: state.aggEnabled(p),
          published: state.published(p),
          history: state.historyAllowed(p),
          root_gid: t.rootGroup(p.index)?.gid ?? null,
          online: pick((f) => (f & (FLAG_ONLINE | FLAG_DISABLED)) === FLAG_ONLINE),
          offline: pick((f) => (f & (FLAG_ONLINE | FLAG_DISABLED)) === 0),
          disabled: pick((f) => Boolean(f & FLAG_DISABLED)),
          faulty: pick((f) => Boolean(f & FLAG_FAULTY)),
          alerting: pick((f) => Boolean(f & FLAG_ALERT)),
          bound_user: bound,
        };
      }),
    });
  });
  return r;
}
