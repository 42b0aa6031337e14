/**
 * 设备分享 (Open API reference): invitations by user (uid/username/email/phone, 24 h) or by QR code
 * (15 min), listing as owner (sharing_type 0) or guest (1), accept/refuse, cancel/revoke, the
 * owner's alias for a guest, and owner transfer. Only sharing products (see SHARING_PRODUCTS)
 * have owners; sharing a device puts it in "owner mode" (special → owner, normal → guest).
 * Both parties get message-centre messages (type 1).
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ok } from "../http";
import { body, deviceForApp, isoZ, mask, metaPage, paging, parse, qint, qstr, requireUser, type AppCtx } from "./context";
import { AppError } from "./errors";
import type { EmulatorState } from "../state";
import type { AppStore, Sharing, UserRec } from "./store";
import { type Add, userView } from "./users";

const NORMAL_TTL = 24 * 3600;
const QR_TTL = 15 * 60;

function ownerName(c: AppCtx, u: number): string {
  const v = userView(c, u);
  return mask(v.phone ?? v.email ?? v.username) ?? v.uid;
}

function deviceName(c: AppCtx, s: Sharing): string {
  const t = c.state.tenant;
  return c.store.meta(s.device, s.owner)?.dev_alias || t.products[t.productOf[s.device]].def.name;
}

/** The guest a normal invitation names (uid / username / email / phone in this app): 9082 if none. */
function findGuest(c: AppCtx, b: { uid?: string; username?: string; email?: string; phone?: string }): number {
  const { store, app } = c;
  if (b.uid) {
    const u = c.state.tenant.userByUid(b.uid);
    const rec = store.users.get(u);
    if (u >= 0 && (rec ? rec.appid === app.appid : app.products.includes(c.state.tenant.userProduct[u]))) return u;
    throw new AppError(9082);
  }
  const rec = b.username
    ? store.findUser(app.appid, "username", b.username)
    : b.email
      ? store.findUser(app.appid, "email", b.email)
      : b.phone
        ? store.findUser(app.appid, "phone", b.phone)
        : undefined;
  if (!b.username && !b.email && !b.phone) throw new AppError(9015, "name the guest by uid, username, email or phone");
  if (!rec) throw new AppError(9082);
  return rec.u;
}

function sharingOf(c: AppCtx, id: string): Sharing {
  const s = /^\d+$/.test(id) ? c.store.sharings.get(Number(id)) : undefined;
  if (!s || c.store.users.get(s.owner)?.appid !== c.app.appid) throw new AppError(9084);
  return s;
}

function accept(c: AppCtx, s: Sharing, guest: UserRec): void {
  const t = c.state.tenant;
  if (c.store.role(s.device, s.owner) !== "owner") throw new AppError(9090);
  if (c.store.role(s.device, guest.u) !== null) throw new AppError(9083);
  t.bind(s.device, guest.u);
  c.store.setMeta(s.device, guest.u, { createdAt: Math.floor(c.now) }, c.now);
  s.guest = guest.u;
  s.status = 1;
  s.acceptedAt = c.now;
  s.updatedAt = c.now;
  const name = deviceName(c, s);
  c.store.notify(s.owner, 1, `${ownerName(c, guest.u)} 接受了您分享的设备 ${name}!`, c.now);
  c.store.notify(guest.u, 1, `您已接受 ${ownerName(c, s.owner)} 分享的设备 ${name}!`, c.now);
}

function pendingState(c: AppCtx, s: Sharing): void {
  if (s.status === 3) throw new AppError(9094);
  if (s.status !== 0) throw new AppError(9089);
  if (s.expiredAt < c.now) throw new AppError(9088);
}

const createSchema = z.object({
  type: z.union([z.literal(0), z.literal(1)]),
  did: z.string().min(1),
  uid: z.string().optional(),
  username: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  duration: z.number().int().min(1).max(1440).optional(),
});

/**
 * Ends guest bindings whose `duration` (minutes after acceptance) has run out at `at`: the guest
 * is unbound and both parties get a message. Run by the emulator's clock with the schedulers.
 */
export function expireShares(state: EmulatorState, store: AppStore, at: number): number[] {
  const t = state.tenant;
  const ended: number[] = [];
  for (const s of store.sharings.values()) {
    if (s.status !== 1 || s.duration === null || s.acceptedAt === null || s.guest === null) continue;
    if (s.acceptedAt + s.duration * 60 > at) continue;
    if (store.role(s.device, s.guest) === "guest") {
      t.unbind(s.device, s.guest);
      store.bindingMeta.delete(`${s.device}:${s.guest}`);
      const name = store.meta(s.device, s.owner)?.dev_alias || t.products[t.productOf[s.device]].def.name;
      store.notify(s.guest, 1, `设备 ${name} 的分享已到期!`, at);
      store.notify(s.owner, 1, `设备 ${name} 的分享已到期!`, at);
    }
    s.acceptedAt = null;
    s.updatedAt = at;
    ended.push(s.id);
  }
  return ended;
}

export function registerSharing(add: Add): void {
  add("POST", "/app/sharing", (c) => {
    const user = requireUser(c);
    const b = parse(createSchema, body(c));
    const i = deviceForApp(c, b.did);
    const t = c.state.tenant;
    const p = t.products[t.productOf[i]];
    const role = c.store.role(i, user.u);
    if (role === null) throw new AppError(9017);
    if (!c.store.sharingEnabled(p) || (role !== "owner" && role !== "special")) throw new AppError(9081);
    let guest: number | null = null;
    if (b.type === 0) {
      guest = findGuest(c, b);
      if (guest === user.u) throw new AppError(9080);
      if (c.store.role(i, guest) !== null) throw new AppError(9083);
      for (const s of c.store.sharings.values())
        if (s.device === i && s.guest === guest && s.status === 0 && s.expiredAt >= c.now) throw new AppError(9087);
    }
    // Sharing turns the first binder into the owner and everybody else into guests.
    c.store.ownerMode.set(i, true);
    const id = c.store.nextSharingId();
    const code = b.type === 1 ? randomBytes(16).toString("hex") : null;
    const s: Sharing = {
      id,
      type: b.type,
      device: i,
      owner: user.u,
      guest,
      status: 0,
      code,
      duration: b.duration ?? null,
      acceptedAt: null,
      userAlias: null,
      createdAt: c.now,
      updatedAt: c.now,
      expiredAt: c.now + (b.type === 1 ? QR_TTL : NORMAL_TTL),
    };
    c.store.addSharing(s);
    const name = deviceName(c, s);
    if (guest !== null) {
      c.store.notify(user.u, 1, `您给 ${ownerName(c, guest)} 共享了设备 ${name}!`, c.now);
      c.store.notify(guest, 1, `${ownerName(c, user.u)} 给您共享了设备 ${name}!`, c.now);
    }
    return ok({ qr_content: code ? `type=share&code=${code}` : null, id: b.type === 0 ? id : null }, 201);
  });

  add("GET", "/app/sharing", (c) => {
    const user = requireUser(c);
    const sharingType = qint(c, "sharing_type", { min: 0, max: 1 });
    if (sharingType === undefined) throw new AppError(9015, "sharing_type (0: shared by me, 1: shared with me) is required");
    const status = qint(c, "status", { min: 0, max: 3 });
    const did = qstr(c, "did");
    if (did !== undefined && sharingType !== 0) throw new AppError(9015, "only an owner (sharing_type 0) can filter by did");
    const { limit, skip } = paging(c);
    const t = c.state.tenant;
    const all = [...c.store.sharings.values()]
      .filter((s) => (sharingType === 0 ? s.owner === user.u : s.guest === user.u))
      .filter((s) => (status === undefined || s.status === status) && (did === undefined || t.did(s.device) === did))
      .sort((a, b) => b.id - a.id)
      .map((s) => {
        const other = sharingType === 0 ? s.guest : s.owner;
        const v = other === null ? null : userView(c, other);
        return {
          status: s.status,
          username: mask(v?.username ?? null),
          uid: v?.uid ?? null,
          did: t.did(s.device),
          created_at: isoZ(s.createdAt),
          updated_at: isoZ(s.updatedAt),
          email: mask(v?.email ?? null),
          phone: mask(v?.phone ?? null),
          dev_alias: c.store.meta(s.device, s.owner)?.dev_alias ?? "",
          id: s.id,
          user_alias: s.userAlias,
          type: s.type,
          product_name: t.products[t.productOf[s.device]].def.name,
          expired_at: isoZ(s.expiredAt),
        };
      });
    return ok(metaPage(c, all, limit, skip));
  });

  add("DELETE", "/app/sharing/{id}", (c) => {
    const user = requireUser(c);
    const s = sharingOf(c, c.params.id);
    if (s.owner !== user.u) throw new AppError(9093);
    if (s.status === 3) throw new AppError(9094);
    if (s.status === 1 && s.type === 1) throw new AppError(9089, "a device shared by QR code cannot be revoked (unbind the guest instead)");
    if (s.status === 1 && s.guest !== null && c.store.role(s.device, s.guest) !== null) {
      c.state.tenant.unbind(s.device, s.guest);
      c.store.bindingMeta.delete(`${s.device}:${s.guest}`);
    }
    const wasPending = s.status === 0;
    s.status = 3;
    s.updatedAt = c.now;
    const name = deviceName(c, s);
    c.store.notify(s.owner, 1, `您取消了设备 ${name} 的分享!`, c.now);
    if (s.guest !== null && !wasPending) c.store.notify(s.guest, 1, `${ownerName(c, s.owner)} 取消了设备 ${name} 的分享!`, c.now);
    return ok({ id: s.id });
  });

  add("PUT", "/app/sharing/{id}", (c) => {
    const user = requireUser(c);
    const s = sharingOf(c, c.params.id);
    const status = qint(c, "status", { min: 1, max: 2 });
    if (status === undefined) throw new AppError(9015, "status (1 accept, 2 refuse) is required");
    if (s.guest !== user.u) throw new AppError(9096);
    pendingState(c, s);
    if (status === 1) accept(c, s, user);
    else {
      s.status = 2;
      s.updatedAt = c.now;
      c.store.notify(s.owner, 1, `${ownerName(c, user.u)} 拒绝了您分享的设备 ${deviceName(c, s)}!`, c.now);
    }
    return ok({ id: s.id });
  });

  const byCode = (c: AppCtx, user: UserRec): Sharing => {
    const code = c.params.code.replace(/^.*code=/, "");
    const s = [...c.store.sharings.values()].find((x) => x.code === code);
    if (!s || c.store.users.get(s.owner)?.appid !== c.app.appid) throw new AppError(9084);
    if (s.owner === user.u) throw new AppError(9096);
    return s;
  };

  add("GET", "/app/sharing/code/{code}", (c) => {
    const user = requireUser(c);
    const s = byCode(c, user);
    pendingState(c, s);
    return ok({
      owner: ownerName(c, s.owner),
      product_name: c.state.tenant.products[c.state.tenant.productOf[s.device]].def.name,
      dev_alias: c.store.meta(s.device, s.owner)?.dev_alias ?? "",
      expired_at: isoZ(s.expiredAt),
    });
  });

  add("POST", "/app/sharing/code/{code}", (c) => {
    const user = requireUser(c);
    const s = byCode(c, user);
    pendingState(c, s);
    accept(c, s, user);
    return ok({});
  });

  add("PUT", "/app/sharing/{id}/alias", (c) => {
    const user = requireUser(c);
    const s = sharingOf(c, c.params.id);
    if (s.owner !== user.u && s.guest !== user.u) throw new AppError(9100);
    const alias = qstr(c, "user_alias") ?? (typeof body(c).user_alias === "string" ? (body(c).user_alias as string) : undefined);
    if (alias === undefined) throw new AppError(9015, "user_alias is required");
    s.userAlias = alias;
    s.updatedAt = c.now;
    return ok({});
  });

  // The text's path is /app/sharing/1/transfer?uid=1 (a did per its table); a sharing id works too.
  add("POST", "/app/sharing/{did}/transfer", (c) => {
    const user = requireUser(c);
    const t = c.state.tenant;
    const key = c.params.did;
    const i = /^\d+$/.test(key) ? sharingOf(c, key).device : deviceForApp(c, key);
    if (c.store.role(i, user.u) !== "owner") throw new AppError(9093);
    const uid = qstr(c, "uid") ?? (typeof body(c).uid === "string" ? (body(c).uid as string) : undefined);
    if (!uid) throw new AppError(9015, "uid is required");
    if (uid === user.uid) throw new AppError(9080);
    const g = t.userByUid(uid);
    if (g < 0 || c.store.role(i, g) !== "guest") throw new AppError(9082);
    // The old owner leaves; the chosen guest becomes the owner; other guests stay guests.
    const rest = (t.guests.get(i) ?? []).filter((x) => x !== g);
    if (rest.length) t.guests.set(i, rest);
    else t.guests.delete(i);
    t.owner[i] = g;
    t.userBindings[user.u]--;
    t.bindingVersion++;
    c.store.bindingMeta.delete(`${i}:${user.u}`);
    c.store.ownerMode.set(i, true);
    const name = c.store.meta(i, g)?.dev_alias || t.products[t.productOf[i]].def.name;
    c.store.notify(g, 1, `${ownerName(c, user.u)} 把设备 ${name} 的 owner 权限转移给了您!`, c.now);
    return ok({});
  });
}
