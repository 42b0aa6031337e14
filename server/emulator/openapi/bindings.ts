/**
 * 绑定管理 (Open API reference): bind_mac (signed with X-Gizwits-Timestamp / X-Gizwits-Signature =
 * lower(md5(product_secret + timestamp)), ±5 minutes), bind_latest (QR content), the bindings
 * list, per-user alias/remark/labels, unbinding, and the owner's guest queries and unbinds.
 *
 * Roles: the tenant keeps one owner (first binder) and guests per device, shared with the
 * Enterprise API. Products without device sharing (the water meter) print them as
 * special/normal; sharing products print owner/guest once the device is in "owner mode"
 * (bound with set_owner=1, or shared) and special/normal before — the reference's role table.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { ok } from "../http";
import type { ProductState } from "../tenant";
import { FLAG_DISABLED } from "../tenant";
import {
  body,
  boundDevice,
  deviceForApp,
  deviceJson,
  header,
  isoZ,
  mask,
  paging,
  parse,
  productForApp,
  qint,
  qstr,
  requireUser,
  type AppCtx,
} from "./context";
import { AppError } from "./errors";
import type { UserRec } from "./store";
import type { Add } from "./users";
import { userView } from "./users";

const SKEW = 300;

function checkSignature(c: AppCtx, p: ProductState): void {
  const ts = header(c, "X-Gizwits-Timestamp");
  if (!ts || !/^\d{1,12}$/.test(ts) || Math.abs(Number(ts) - c.now) > SKEW)
    throw new AppError(9043, "X-Gizwits-Timestamp must be unix seconds within 5 minutes of the server clock");
  const sig = header(c, "X-Gizwits-Signature");
  const expected = createHash("md5")
    .update(p.def.secret + ts)
    .digest("hex");
  if (!sig || sig.toLowerCase() !== expected) throw new AppError(9044, "expected lower(md5(product_secret + X-Gizwits-Timestamp))");
}

/** Binds with the seed's role rules; returns the device object (201 when newly bound). */
export function bindDevice(
  c: AppCtx,
  user: UserRec,
  i: number,
  setOwner: boolean,
  extra: { remark?: string; dev_alias?: string },
): { status: number; device: Record<string, unknown> } {
  const { store } = c;
  const t = c.state.tenant;
  const p = t.products[t.productOf[i]];
  if (t.flags[i] & FLAG_DISABLED) throw new AppError(9023);
  const already = store.role(i, user.u) !== null;
  if (!already) {
    if (store.sharingEnabled(p)) {
      const ownerMode = store.isOwnerMode(i);
      // "当开启分享功能且设备没有任何用户绑定 … A 用户成为 owner, 其他用户无法再绑定该设备"
      if (ownerMode || (setOwner && t.owner[i] >= 0)) throw new AppError(9092);
      if (setOwner) store.ownerMode.set(i, true);
    }
    t.bind(i, user.u);
    store.setMeta(i, user.u, { createdAt: Math.floor(c.now) }, c.now);
  }
  if (extra.remark !== undefined || extra.dev_alias !== undefined) {
    store.setMeta(
      i,
      user.u,
      {
        ...(extra.remark !== undefined ? { remark: extra.remark } : {}),
        ...(extra.dev_alias !== undefined ? { dev_alias: extra.dev_alias } : {}),
      },
      c.now,
    );
  }
  return { status: already ? 200 : 201, device: deviceJson(c, i, user.u) };
}

/** Unbinds a user; an owner in owner mode takes every guest with it (the reference's role table). */
export function unbindDevice(c: AppCtx, i: number, u: number): boolean {
  const { store } = c;
  const t = c.state.tenant;
  const role = store.role(i, u);
  if (role === null) return false;
  if (role === "owner") {
    for (const g of [...(t.guests.get(i) ?? [])]) {
      t.unbind(i, g);
      store.bindingMeta.delete(`${i}:${g}`);
    }
    store.ownerMode.delete(i);
  }
  t.unbind(i, u);
  store.bindingMeta.delete(`${i}:${u}`);
  // Pending invitations for the device die with the owner's binding.
  for (const s of store.sharings.values()) if (s.device === i && s.status === 0 && (s.owner === u || role === "owner")) s.status = 3;
  if (t.owner[i] < 0) store.ownerMode.delete(i);
  return true;
}

/**
 * QR content: the emulator's generator (GET /__emulator/openapi/qr/{did}) prints
 * `product_key=<pk>&did=<did>&passcode=<passcode>`; `mac=<mac>` instead of did/passcode works too,
 * alone or behind a URL's "?".
 */
function parseQr(c: AppCtx, content: string): number {
  const q = new URLSearchParams(content.includes("?") ? content.slice(content.indexOf("?") + 1) : content);
  const pk = q.get("product_key");
  if (!pk) throw new AppError(9040);
  const t = c.state.tenant;
  const p = t.productByKey(pk);
  if (!p) throw new AppError(9040);
  if (!c.app.products.includes(p.index)) throw new AppError(9002);
  const did = q.get("did");
  const mac = q.get("mac");
  const i = did ? t.deviceByDid(did) : mac ? t.deviceByMac(mac) : -1;
  if (i < 0 || t.productOf[i] !== p.index) throw new AppError(9040);
  return i;
}

const bindMacSchema = z.object({
  product_key: z.string().min(1),
  mac: z.string().min(1),
  remark: z.string().optional(),
  dev_alias: z.string().optional(),
  set_owner: z.union([z.literal(0), z.literal(1)]).optional(),
});

export function registerBindings(add: Add): void {
  add("POST", "/app/bind_mac", (c) => {
    const user = requireUser(c);
    const b = parse(bindMacSchema, body(c));
    const p = productForApp(c, b.product_key);
    checkSignature(c, p);
    const t = c.state.tenant;
    const i = t.deviceByMac(b.mac.replace(/[:-]/g, ""));
    if (i < 0 || t.productOf[i] !== p.index) throw new AppError(9014);
    const r = bindDevice(c, user, i, b.set_owner === 1, { remark: b.remark, dev_alias: b.dev_alias });
    return ok(r.device, r.status);
  });

  add("POST", "/app/bind_latest", (c) => {
    const user = requireUser(c);
    const b = parse(z.object({ qr_content: z.string().min(1), set_owner: z.union([z.literal(0), z.literal(1)]).optional() }), body(c));
    const i = parseQr(c, b.qr_content);
    const r = bindDevice(c, user, i, b.set_owner === 1, {});
    return ok(r.device, r.status);
  });

  add("GET", "/app/bindings", (c) => {
    const user = requireUser(c);
    const { limit, skip } = paging(c);
    const showDisabled = (qint(c, "show_disabled", { min: 0, max: 1, def: 0 }) ?? 0) === 1;
    // The example always prints proto_ver/wifi_soft_version/is_sandbox; show_proto_ver=0 drops them.
    const protoVer = qstr(c, "show_proto_ver") !== "0";
    const t = c.state.tenant;
    const all = c.store.devicesOf(user.u, c.store.productsOf(c.app)).filter((i) => showDisabled || !(t.flags[i] & FLAG_DISABLED));
    return ok({ devices: all.slice(skip, skip + limit).map((i) => deviceJson(c, i, user.u, { protoVer })) });
  });

  add("PUT", "/app/bindings/{did}", (c) => {
    const user = requireUser(c);
    const i = boundDevice(c, user, c.params.did);
    const b = parse(
      z.object({ remark: z.string().optional(), dev_alias: z.string().optional(), dev_label: z.array(z.string()).optional() }),
      body(c),
    );
    if (b.remark === undefined && b.dev_alias === undefined && b.dev_label === undefined)
      throw new AppError(9015, "send at least one of remark, dev_alias, dev_label");
    const patch: { remark?: string; dev_alias?: string; dev_label?: string[] } = {};
    if (b.remark !== undefined) patch.remark = b.remark;
    if (b.dev_alias !== undefined) patch.dev_alias = b.dev_alias;
    if (b.dev_label !== undefined) patch.dev_label = b.dev_label;
    const m = c.store.setMeta(i, user.u, patch, c.now);
    return ok({ remark: m.remark, dev_label: m.dev_label, dev_alias: m.dev_alias });
  });

  add("DELETE", "/app/bindings", (c) => {
    const user = requireUser(c);
    const b = parse(z.object({ devices: z.array(z.object({ did: z.string() })).min(1) }), body(c));
    const success: string[] = [];
    const failed: string[] = [];
    const t = c.state.tenant;
    for (const { did } of b.devices) {
      const i = t.deviceByDid(did);
      const okay = i >= 0 && c.app.products.includes(t.productOf[i]) && unbindDevice(c, i, user.u);
      (okay ? success : failed).push(did);
    }
    return ok({ failed, success });
  });

  add("GET", "/app/{did}/bindings", (c) => {
    const user = requireUser(c);
    const i = deviceForApp(c, c.params.did);
    if (c.store.role(i, user.u) !== "owner") throw new AppError(9093);
    const guests = c.state.tenant.guests.get(i) ?? [];
    return ok(
      guests.map((g) => {
        const v = userView(c, g);
        const created = c.store.meta(i, g)?.createdAt ?? c.state.tenant.builtAt;
        return { username: mask(v.username), phone: mask(v.phone), created_at: isoZ(created), uid: v.uid, email: mask(v.email) };
      }),
    );
  });

  add("DELETE", "/app/{did}/bindings", (c) => {
    const user = requireUser(c);
    const i = deviceForApp(c, c.params.did);
    if (c.store.role(i, user.u) !== "owner") throw new AppError(9093);
    const uid = qstr(c, "uid");
    if (!uid) throw new AppError(9015, "uid is required");
    if (uid === user.uid) throw new AppError(9095);
    const g = c.state.tenant.userByUid(uid);
    if (g < 0 || c.store.role(i, g) !== "guest") throw new AppError(9082);
    unbindDevice(c, i, g);
    return ok({});
  });
}
