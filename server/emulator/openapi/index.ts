/**
 * The app-level Open API (the Open API reference "Gizwits Open API（新）", api.gizwits.com/app/...) on the emulator's port, over
 * the same tenant as /v1. Pipeline per call: route match → X-Gizwits-Application-Id (9003) →
 * per-AppID hourly quota (9041) → the /__emulator fault switches (latency, hang, errorRate with a
 * 9xxx errorCode or 9008, faultPath) → the handler. Test-only helpers live under
 * /__emulator/openapi/... (AppID secrets, demo users, SMS/email/image codes, QR contents, the
 * scheduler clock).
 */
import type { Ctx, Result, Router as RouterType } from "../http";
import { ok, Router } from "../http";
import type { EmulatorState } from "../state";
import { FLAG_DISABLED, FLAG_ONLINE } from "../tenant";
import { registerBindings } from "./bindings";
import { passcode, requireApp, type AppCtx, type AppHandler } from "./context";
import { registerDevices } from "./devices";
import { AppError, isAppErrorCode } from "./errors";
import { registerExtras } from "./extras";
import { seedDemo, DEMO_PASSWORD } from "./seed";
import { registerSchedulers, runDue, scheduleView } from "./schedulers";
import { expireShares } from "./sharing";
import { SHARING_PRODUCTS, storeOf, type AppStore } from "./store";
import { registerUsers } from "./users";

export interface OpenApi {
  /** Whether a path belongs to the Open API (/app/..., /status, /errors). */
  handles(path: string): boolean;
  /** Serves one call; null means "never answer" (the hang fault). */
  serve(ctx: Ctx): Promise<{ result: Result; detail: string | null } | null>;
  /** Adds the /__emulator/openapi/... helpers to the control router. */
  registerControl(r: RouterType): void;
  /** Expires every user and app token (POST /__emulator/tokens/expire). */
  expireTokens(now: number): number;
  close(): void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createOpenApi(state: EmulatorState, opts: { schedulerIntervalMs?: number } = {}): OpenApi {
  const router = new Router();
  const add = (method: string, path: string, h: AppHandler) => {
    // The dispatcher hands every handler an AppCtx (see serve()).
    router.add(method, path, (ctx) => h(ctx as AppCtx));
  };
  registerUsers(add);
  registerBindings(add);
  registerDevices(add);
  registerSchedulers(add);
  registerExtras(add);

  const store = (): AppStore => storeOf(state.tenant, (s) => seedDemo(state, s));
  // Build (and seed) the store now, so the first call does not pay for it.
  store();

  const tick = () => {
    try {
      const now = Date.now() / 1000;
      runDue(state, store(), now, now);
      expireShares(state, store(), now);
    } catch (e) {
      console.error("[emulator] scheduler tick failed:", e);
    }
  };
  const timer = setInterval(tick, opts.schedulerIntervalMs ?? 5000);
  timer.unref();

  return {
    handles: (path) => path === "/app" || path.startsWith("/app/") || path === "/status" || path === "/errors",

    async serve(ctx) {
      let m: ReturnType<typeof router.match>;
      try {
        m = router.match(ctx.method, ctx.path);
      } catch {
        // A malformed %-escape in a path segment.
        const err = new AppError(9015, "malformed path");
        return { result: { status: err.status, body: err.body() }, detail: err.detail };
      }
      state.countCall(ctx.path, m.kind === "ok" ? `${ctx.method} ${m.template}` : `${ctx.method} (unknown)`);
      if (m.kind === "none") return { result: { status: 404, body: { detail: "Not found." } }, detail: null };
      if (m.kind === "method") return { result: { status: 405, body: { detail: `Method "${ctx.method}" not allowed.` } }, detail: null };
      try {
        const s = store();
        const app = requireApp(s, ctx);
        const cfg = state.config;
        if (!s.takeQuota(app.appid, cfg.quota, ctx.now)) throw new AppError(9041, `more than ${cfg.quota} calls this hour for this AppID`);
        if (cfg.faultPath === "" || ctx.path.includes(cfg.faultPath)) {
          if (cfg.latencyMs > 0) await sleep(cfg.latencyMs);
          const hangP = cfg.hang === true ? 1 : cfg.hang === false ? 0 : cfg.hang;
          if (hangP > 0 && Math.random() < hangP) return null;
          if (cfg.errorRate > 0 && Math.random() < cfg.errorRate)
            throw new AppError(isAppErrorCode(cfg.errorCode) ? cfg.errorCode : 9008, "injected fault");
        }
        const c: AppCtx = { ...ctx, params: m.params, state, store: s, app };
        return { result: await m.handler(c), detail: null };
      } catch (e) {
        if (e instanceof AppError) return { result: { status: e.status, body: e.body() }, detail: e.detail };
        console.error("[emulator] /app handler failed:", e);
        const err = new AppError(9008, e instanceof Error ? e.message : String(e));
        return { result: { status: err.status, body: err.body() }, detail: err.detail };
      }
    },

    registerControl(r) {
      const parseBody = (ctx: Ctx): Record<string, unknown> => {
        if (ctx.rawBody.trim() === "") return {};
        const v: unknown = JSON.parse(ctx.rawBody);
        if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("body must be a JSON object");
        return v as Record<string, unknown>;
      };

      r.add("GET", "/__emulator/openapi", () => {
        const s = store();
        const t = state.tenant;
        return ok({
          apps: [...s.apps.values()].map((a) => ({
            appid: a.appid,
            app_secret: a.secret,
            product_keys: a.products.map((k) => t.products[k].def.key),
            super: a.superApp,
          })),
          sharing_products: [...SHARING_PRODUCTS],
          // Online, enabled devices nobody is bound to: bind_mac succeeds on them for any AppID of the product.
          free_devices: t.products.map((p) => {
            const out: { did: string; mac: string }[] = [];
            for (let i = p.start; i < p.end && out.length < 10; i++) {
              if (t.owner[i] < 0 && (t.flags[i] & (FLAG_ONLINE | FLAG_DISABLED)) === FLAG_ONLINE)
                out.push({ did: t.did(i), mac: t.mac(i) });
            }
            return { product_key: p.def.key, devices: out };
          }),
          demo_password: DEMO_PASSWORD,
          demo_users: [...s.users.values()]
            .filter((u) => u.username?.startsWith("demo_"))
            .map((u) => ({
              appid: u.appid,
              uid: u.uid,
              username: u.username,
              phone: u.phone,
              password: DEMO_PASSWORD,
              devices: s.devicesOf(u.u, s.productsOf(s.apps.get(u.appid) ?? [...s.apps.values()][0])).map((i) => t.did(i)),
            })),
        });
      });

      r.add("GET", "/__emulator/openapi/codes", () => {
        const s = store();
        const list = (m: Map<string, { code: string; appid: string; createdAt: number; expireAt: number; purpose: string }>, key: string) =>
          [...m.entries()].map(([k, v]) => ({
            [key]: k,
            code: v.code,
            appid: v.appid,
            purpose: v.purpose,
            created_at: Math.floor(v.createdAt),
            expire_at: Math.floor(v.expireAt),
          }));
        return ok({ sms: list(s.smsCodes, "phone"), email: list(s.emailCodes, "email"), captcha: list(s.captchas, "captcha_id") });
      });

      r.add("GET", "/__emulator/openapi/qr/{did}", (ctx) => {
        const t = state.tenant;
        const i = t.deviceByDid(ctx.params.did);
        if (i < 0) return { status: 404, body: { error: "unknown did" } };
        return ok({ qr_content: `product_key=${t.products[t.productOf[i]].def.key}&did=${t.did(i)}&passcode=${passcode({ state }, i)}` });
      });

      r.add("GET", "/__emulator/openapi/scheduler", (ctx) => {
        const s = store();
        return ok({ clock: Math.floor(ctx.now), schedules: [...s.schedules.values()].map((x) => scheduleView(x, ctx.now)) });
      });

      r.add("POST", "/__emulator/openapi/scheduler/run", (ctx) => {
        const b = parseBody(ctx);
        const at = b.at === undefined ? ctx.now : Number(b.at);
        if (!Number.isFinite(at) || at < ctx.now - 366 * 86400) throw new Error("at must be unix seconds");
        const id = typeof b.id === "string" ? b.id : undefined;
        const s = store();
        if (id !== undefined && !s.schedules.has(id)) return { status: 404, body: { error: "unknown schedule id" } };
        const runs = runDue(state, s, at, ctx.now, id);
        return ok({ runs, expired_shares: id === undefined ? expireShares(state, s, at) : [] });
      });

      r.add("POST", "/__emulator/openapi/tokens/expire", (ctx) => ok({ expired: store().expireTokens(ctx.now) }));
    },

    expireTokens: (now) => store().expireTokens(now),

    close() {
      clearInterval(timer);
    },
  };
}
