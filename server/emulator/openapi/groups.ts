/**
 * 设备分组 (Open API reference): a user's app groups (single-product or mixed), their members and group
 * control. Group control answers `[{did, result}]`: a member that is offline, disabled, whose
 * product has remote control off, or that the user is no longer bound to reports `false`; the
 * others are controlled exactly like POST /app/control/{did}.
 */
import { z } from "zod";
import { ok } from "../http";
import { body, deviceForApp, isoZ, parse, productForApp, qint, requireUser, type AppCtx } from "./context";
import type { EmulatorState } from "../state";
import type { ProductState } from "../tenant";
import { coding, parseCommand, trySend, type Command } from "./control";
import { AppError, type AppErrorCode } from "./errors";
import type { AppGroup, AppStore, UserRec } from "./store";
import type { Add } from "./users";

export function groupOf(c: AppCtx, user: UserRec, id: string): AppGroup {
  const g = c.store.groups.get(id);
  // The Open API error table has no "group not found" code: 9015 (form invalid) with a hint.
  if (!g || g.owner !== user.u || g.appid !== c.app.appid) throw new AppError(9015, "group not found");
  return g;
}

function groupJson(c: AppCtx, g: AppGroup): Record<string, unknown> {
  const p = g.productKey ? c.state.tenant.productByKey(g.productKey) : undefined;
  return {
    created_at: isoZ(g.createdAt),
    updated_at: isoZ(g.updatedAt),
    product_key: g.productKey,
    group_name: g.name,
    verbose_name: p?.def.name ?? "",
    id: g.id,
  };
}

export interface Env {
  state: EmulatorState;
  store: AppStore;
  now: number;
}

/** The product of a single-product group (9002 for a mixed group: it cannot be controlled). */
export function groupProduct(env: Env, g: AppGroup): ProductState {
  const p = g.productKey ? env.state.tenant.productByKey(g.productKey) : undefined;
  if (!p) throw new AppError(9002, "only a single-product_key group can be controlled");
  return p;
}

/** Sends a command to every member; a member the user is no longer bound to also reports false. */
export function runGroup(
  env: Env,
  user: UserRec,
  g: AppGroup,
  cmd: Command,
  source: "client" | "d3",
): { did: string; result: boolean; error: AppErrorCode | null }[] {
  return g.devices.map((i) => {
    let why: AppErrorCode | null = env.store.role(i, user.u) === null ? 9017 : null;
    // Counted as received; an injected fault (config controlFailDids) reports false without sending.
    if (env.state.receiveControl(env.state.tenant.did(i)) && why === null) why = 9008;
    if (why === null) why = trySend(env.state, env.store, i, cmd, env.now, { uid: user.uid, appid: g.appid, source });
    return { did: env.state.tenant.did(i), result: why === null, error: why };
  });
}

const didsSchema = z.object({ dids: z.array(z.string()).min(1) });

export function registerGroups(add: Add): void {
  add("GET", "/app/group", (c) => {
    const user = requireUser(c);
    return ok([...c.store.groups.values()].filter((g) => g.owner === user.u && g.appid === c.app.appid).map((g) => groupJson(c, g)));
  });

  add("POST", "/app/group", (c) => {
    const user = requireUser(c);
    const b = parse(z.object({ product_key: z.string().optional(), group_name: z.string().min(1) }), body(c));
    const pk = b.product_key ? productForApp(c, b.product_key).def.key : "";
    const id = c.store.objectId();
    c.store.addGroup({
      id,
      owner: user.u,
      appid: c.app.appid,
      productKey: pk,
      name: b.group_name,
      devices: [],
      createdAt: c.now,
      updatedAt: c.now,
    });
    return ok({ id }, 201);
  });

  add("PUT", "/app/group/{id}", (c) => {
    const user = requireUser(c);
    const g = groupOf(c, user, c.params.id);
    const b = parse(z.object({ group_name: z.string().min(1) }), body(c));
    g.name = b.group_name;
    g.updatedAt = c.now;
    return ok({});
  });

  add("DELETE", "/app/group/{id}", (c) => {
    const user = requireUser(c);
    const g = groupOf(c, user, c.params.id);
    c.store.groups.delete(g.id);
    return ok({});
  });

  add("GET", "/app/group/{id}/devices", (c) => {
    const user = requireUser(c);
    const g = groupOf(c, user, c.params.id);
    const t = c.state.tenant;
    return ok(
      g.devices.map((i) => {
        const p = t.products[t.productOf[i]];
        return {
          did: t.did(i),
          type: "normal",
          verbose_name: g.productKey ? p.def.name : "",
          dev_alias: c.store.meta(i, user.u)?.dev_alias ?? "",
          product_key: g.productKey ? p.def.key : "",
        };
      }),
    );
  });

  add("POST", "/app/group/{id}/devices", (c) => {
    const user = requireUser(c);
    const g = groupOf(c, user, c.params.id);
    const showDetail = (qint(c, "show_detail", { min: 0, max: 1, def: 0 }) ?? 0) === 1;
    const b = parse(didsSchema, body(c));
    const success: string[] = [];
    const failed: string[] = [];
    const detail: { did: string; error_message: string; error_code: number; detail_msg: string | null }[] = [];
    for (const did of b.dids) {
      try {
        const i = deviceForApp(c, did);
        if (c.store.role(i, user.u) === null) throw new AppError(9017);
        const p = c.state.tenant.products[c.state.tenant.productOf[i]];
        if (g.productKey && p.def.key !== g.productKey) throw new AppError(9002, "the device belongs to another product than the group");
        if (!g.devices.includes(i)) g.devices.push(i);
        success.push(did);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        failed.push(did);
        detail.push({ did, error_message: e.message, error_code: e.code, detail_msg: e.detail });
      }
    }
    g.updatedAt = c.now;
    return ok(showDetail ? { failed, detail, success } : { failed, success });
  });

  add("DELETE", "/app/group/{id}/devices", (c) => {
    const user = requireUser(c);
    const g = groupOf(c, user, c.params.id);
    const b = parse(didsSchema, body(c));
    const success: string[] = [];
    const failed: string[] = [];
    const t = c.state.tenant;
    for (const did of b.dids) {
      const i = t.deviceByDid(did);
      const k = i < 0 ? -1 : g.devices.indexOf(i);
      if (k < 0) failed.push(did);
      else {
        g.devices.splice(k, 1);
        success.push(did);
      }
    }
    g.updatedAt = c.now;
    return ok({ failed, success });
  });

  add("POST", "/app/group/{id}/control", (c) => {
    const user = requireUser(c);
    const g = groupOf(c, user, c.params.id);
    const b = body(c);
    const p = groupProduct(c, g);
    const cmd = parseCommand(p.def, b.attrs, b.raw, coding(b.binary_coding ?? c.query.get("binary_coding") ?? undefined), null);
    return ok(runGroup(c, user, g, cmd, "client").map(({ did, result }) => ({ did, result })));
  });
}
