/**
 * Device groups (tree, create root/child, delete when empty, MAC list, assign/unassign with
 * per-MAC results) and bindings (POST/DELETE with uid, appid, dids).
 */
import { ApiError } from "../errors";
import { objectBody, ok, type Router } from "../http";
import type { EmulatorState } from "../state";
import { mulberry32 } from "../util";
import { requireToken } from "./auth";
import { groupOrThrow } from "./devices";

const MAX_MACS = 1000;

export function registerGroups(router: Router, state: EmulatorState): void {
  const base = "/v1/products/{product_key}";
  // gids of groups created at runtime: random, but reproducible for a given seed and order.
  let rand = mulberry32(0x6e1);
  let randTenant = state.tenant;
  const gidRand = () => {
    if (randTenant !== state.tenant) {
      randTenant = state.tenant;
      rand = mulberry32(0x6e1 ^ state.tenant.seed);
    }
    return rand;
  };

  router.add("GET", `${base}/device_groups`, (ctx) => {
    const p = requireToken(state, ctx);
    return ok(state.tenant.groupTree(p.index));
  });

  router.add("POST", `${base}/device_groups`, (ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const body = ctx.rawBody.trim() === "" ? {} : objectBody(ctx);
    // The doc's table says parent_gid, its prose says parent: accept both.
    const parentGid = body.parent_gid ?? body.parent;
    if (parentGid !== undefined && parentGid !== null && typeof parentGid !== "string")
      throw new ApiError(5002, "parent_gid must be a string");
    if (typeof parentGid === "string" && parentGid !== "") {
      const parent = t.groups.get(parentGid);
      if (!parent) throw new ApiError(5202);
      if (parent.product !== p.index) throw new ApiError(5201);
      return ok({ gid: t.newGroup(p.index, parent, gidRand()).gid }, 201);
    }
    if (t.rootGroup(p.index)) throw new ApiError(5203);
    return ok({ gid: t.newGroup(p.index, null, gidRand()).gid }, 201);
  });

  router.add("DELETE", `${base}/device_groups/{gid}`, (ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const g = groupOrThrow(t, p, ctx.params.gid);
    if (g.children.some((c) => t.groups.has(c.gid))) throw new ApiError(5204);
    if (g.count > 0) throw new ApiError(5205);
    t.deleteGroup(g);
    return ok({});
  });

  router.add("GET", `${base}/device_groups/{gid}`, (ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const g = groupOrThrow(t, p, ctx.params.gid);
    // Cut at `maxPage` without a word, like an upstream that caps its lists (the doc states no cap).
    return ok({ macs: Array.from(t.groupMembers(g), (i) => t.mac(i)).slice(0, state.config.maxPage) });
  });

  router.add("PUT", `${base}/device_groups/{gid}`, (ctx) => {
    const p = requireToken(state, ctx);
    const t = state.tenant;
    const body = objectBody(ctx);
    const { action, macs } = body;
    const reassign = body.reassign ?? false;
    if (action !== "assign" && action !== "unassign") throw new ApiError(5002, "action must be assign or unassign");
    if (typeof reassign !== "boolean") throw new ApiError(5002, "reassign must be a boolean");
    if (!Array.isArray(macs) || !macs.every((m): m is string => typeof m === "string"))
      throw new ApiError(5002, "macs must be an array of strings");
    if (macs.length > MAX_MACS) throw new ApiError(5002, `at most ${MAX_MACS} macs per request`);
    const g = groupOrThrow(t, p, ctx.params.gid);
    const success: string[] = [];
    const failed: string[] = [];
    for (const mac of macs) {
      const i = t.deviceByMac(mac);
      if (i < 0 || t.productOf[i] !== p.index) {
        failed.push(mac);
        continue;
      }
      if (action === "assign") {
        const current = t.groupOf[i];
        if (current >= 0 && current !== g.index && !reassign) failed.push(mac);
        else {
          t.setGroup(i, g.index);
          success.push(mac);
        }
      } else if (t.groupOf[i] === g.index) {
        t.setGroup(i, -1);
        success.push(mac);
      } else failed.push(mac);
    }
    return ok({ failed, success });
  });

  // --- bindings ------------------------------------------------------------------------------

  const bindingBody = (raw: Record<string, unknown>) => {
    const { uid, appid } = raw;
    let dids = raw.dids;
    // The doc types dids as "string" but the examples are lists: take either.
    if (typeof dids === "string")
      dids = dids
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    if (
      typeof uid !== "string" ||
      typeof appid !== "string" ||
      !Array.isArray(dids) ||
      !dids.every((d): d is string => typeof d === "string") ||
      dids.length === 0
    ) {
      throw new ApiError(5002, "uid, appid and dids are required");
    }
    return { uid, appid, dids };
  };

  for (const method of ["POST", "DELETE"] as const) {
    router.add(method, `${base}/devices/bindings`, (ctx) => {
      const p = requireToken(state, ctx);
      const t = state.tenant;
      const { uid, appid, dids } = bindingBody(objectBody(ctx));
      const app = t.appIndex(p, appid);
      if (app < 0) throw new ApiError(5016);
      const u = t.userByUid(uid);
      // Users belong to an app: a uid of another app is unknown here.
      if (u < 0 || t.userProduct[u] !== p.index || t.userApp[u] !== app) throw new ApiError(5017);
      const success: string[] = [];
      const failed: string[] = [];
      for (const did of dids) {
        const i = t.deviceByDid(did);
        if (i < 0 || t.productOf[i] !== p.index) {
          failed.push(did);
          continue;
        }
        const done = method === "POST" ? t.bind(i, u) : t.unbind(i, u);
        (done ? success : failed).push(did);
      }
      return ok({ failed, success }, method === "POST" ? 201 : 200);
    });
  }
}
