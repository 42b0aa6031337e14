/**
 * The rest of the Open API reference: message centre, linkage rules (params + CRUD), system information, and
 * the registration of app groups, scenes and sharing.
 *
 * Rules are stored and validated (devices bound to the user, datapoints of the product, the
 * documented events and operators) but not evaluated: the emulator has no rule engine.
 */
import { z } from "zod";
import { ok } from "../http";
import { body, deviceForApp, isoZ, metaPage, paging, parse, qint, qstr, requireUser, type AppCtx } from "./context";
import { parseCommand } from "./control";
import { AppError, errorList } from "./errors";
import { registerGroups } from "./groups";
import { registerScenes } from "./scenes";
import { registerSharing } from "./sharing";
import type { Rule, UserRec } from "./store";
import type { Add } from "./users";

export const OPENAPI_VERSION = "2.15.1";

const EVENTS = ["online", "offline", "alert", "fault", "data"];
const OPS = [">", ">=", "<", "<=", "==", "!="];

const ruleSchema = z.object({
  remark: z.string().default(""),
  name: z.string().min(1),
  did: z.string().min(1),
  interval: z.number().int().min(0).default(0),
  product_key: z.string().min(1),
  event: z.string(),
  event_attr: z.object({ attr_name: z.string(), value: z.union([z.string(), z.number()]) }).optional(),
  input: z.array(z.object({ did: z.string(), prefix: z.string().min(1), product_key: z.string() })).default([]),
  condition: z
    .array(z.array(z.object({ opt: z.string(), right: z.union([z.string(), z.number()]), left: z.union([z.string(), z.number()]) })))
    .default([]),
  output: z
    .array(
      z.array(
        z.object({
          type: z.enum(["devctrl", "delay"]),
          did: z.string().optional(),
          attrs: z.record(z.string(), z.unknown()).optional(),
          raw: z.array(z.number()).optional(),
          delay: z.number().int().min(0).optional(),
        }),
      ),
    )
    .min(1),
});

type RuleBody = z.infer<typeof ruleSchema>;

function checkRule(c: AppCtx, user: UserRec, b: RuleBody): void {
  const t = c.state.tenant;
  const bound = (did: string, pk?: string) => {
    const i = deviceForApp(c, did);
    if (c.store.role(i, user.u) === null) throw new AppError(9017, `${did} is not bound to the user`);
    const p = t.products[t.productOf[i]];
    if (pk !== undefined && p.def.key !== pk) throw new AppError(9002, `${did} is not a device of ${pk}`);
    return p;
  };
  if (!EVENTS.includes(b.event)) throw new AppError(9036);
  const main = bound(b.did, b.product_key);
  if (b.event === "alert" || b.event === "fault") {
    if (!b.event_attr) throw new AppError(9015, "alert/fault rules need event_attr");
    const a = main.def.attrs.find((x) => x.name === b.event_attr?.attr_name);
    if (!a || a.type !== b.event) throw new AppError(9025, `${b.event_attr.attr_name} is not a ${b.event} datapoint`);
  }
  const prefixes = new Map<string, ReturnType<typeof bound>>();
  for (const inp of b.input) prefixes.set(inp.prefix, bound(inp.did, inp.product_key));
  for (const group of b.condition) {
    for (const cond of group) {
      if (!OPS.includes(cond.opt)) throw new AppError(9015, `opt must be one of ${OPS.join(" ")}`);
      for (const side of [cond.left, cond.right]) {
        const m = typeof side === "string" ? /^([A-Za-z_]\w*)\.(\w+)$/.exec(side) : null;
        if (!m) continue;
        const p = prefixes.get(m[1]);
        if (p && !p.def.attrs.some((a) => a.name === m[2])) throw new AppError(9025, `${side} names no datapoint`);
      }
    }
  }
  for (const group of b.output) {
    for (const out of group) {
      if (out.type === "delay") {
        if (out.delay === undefined) throw new AppError(9015, "a delay output needs delay (seconds)");
        continue;
      }
      if (!out.did) throw new AppError(9015, "a devctrl output needs did");
      const p = bound(out.did);
      parseCommand(p.def, out.attrs, out.raw, undefined, null);
    }
  }
}

function ruleOf(c: AppCtx, user: UserRec, id: string): Rule {
  const r = /^\d+$/.test(id) ? c.store.rules.get(Number(id)) : undefined;
  // The Open API error table has no "rule not found" code: 9015 (form invalid) with a hint.
  if (!r || r.owner !== user.u) throw new AppError(9015, "rule not found");
  return r;
}

function paramType(dataType: string): string {
  return dataType.startsWith("uint") ? "int" : dataType;
}

export function registerExtras(add: Add): void {
  registerGroups(add);
  registerScenes(add);
  registerSharing(add);

  // --- 消息中心 ----------------------------------------------------------------------------
  add("GET", "/app/messages", (c) => {
    const user = requireUser(c);
    const type = qint(c, "type", { min: 0 });
    const { limit, skip } = paging(c);
    const all = (c.store.messages.get(user.u) ?? [])
      .filter((m) => m.status !== 2 && (type === undefined || m.type === type))
      .slice()
      .reverse()
      .map((m) => ({
        status: m.status,
        created_at: isoZ(m.createdAt),
        updated_at: isoZ(m.updatedAt),
        content: m.content,
        type: m.type,
        id: m.id,
      }));
    return ok(metaPage(c, all, limit, skip));
  });

  add("PUT", "/app/messages/{id}", (c) => {
    const user = requireUser(c);
    const status = qint(c, "status", { min: 1, max: 2 }) ?? (typeof body(c).status === "number" ? (body(c).status as number) : undefined);
    if (status !== 1 && status !== 2) throw new AppError(9015, "status must be 1 (read) or 2 (deleted)");
    const mine = c.store.messages.get(user.u)?.find((m) => m.id === c.params.id);
    if (!mine) {
      for (const [u, list] of c.store.messages) if (u !== user.u && list.some((m) => m.id === c.params.id)) throw new AppError(9101);
      throw new AppError(9085);
    }
    if (mine.status === 2) throw new AppError(9098, "message already deleted");
    mine.status = status;
    mine.updatedAt = Math.floor(c.now);
    return ok({});
  });

  // --- 设备联动 ----------------------------------------------------------------------------
  add("GET", "/app/rules/params", (c) => {
    requireUser(c);
    const asked = (qstr(c, "product_key") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const products = c.store.productsOf(c.app).filter((p) => asked.length === 0 || asked.includes(p.def.key));
    return ok(
      Object.fromEntries(
        products.map((p) => [
          p.def.key,
          p.def.attrs.map((a) => ({ display_name: a.display_name, enum: a.enum ?? [], type: paramType(a.data_type), name: a.name })),
        ]),
      ),
    );
  });

  add("GET", "/app/rules", (c) => {
    const user = requireUser(c);
    const { limit, skip } = paging(c);
    const all = [...c.store.rules.values()].filter((r) => r.owner === user.u);
    return ok({ rules: all.slice(skip, skip + limit).map((r) => ({ ...r.body, rule_id: r.rule_id })) });
  });

  add("POST", "/app/rules", (c) => {
    const user = requireUser(c);
    const b = parse(ruleSchema, body(c));
    checkRule(c, user, b);
    const rule_id = c.store.nextRuleId();
    c.store.addRule({ rule_id, owner: user.u, body: b });
    return ok({ rule_id }, 201);
  });

  add("PUT", "/app/rules/{rule_id}", (c) => {
    const user = requireUser(c);
    const r = ruleOf(c, user, c.params.rule_id);
    const b = parse(ruleSchema, { ...r.body, ...body(c) });
    checkRule(c, user, b);
    r.body = b;
    return ok({ rule_id: r.rule_id });
  });

  add("DELETE", "/app/rules/{rule_id}", (c) => {
    const user = requireUser(c);
    const r = ruleOf(c, user, c.params.rule_id);
    c.store.rules.delete(r.rule_id);
    return ok({ rule_id: r.rule_id });
  });

  // --- 系统信息 (the doc's paths have no /app prefix) -------------------------------------------
  add("GET", "/status", () => ok({ status: { version: OPENAPI_VERSION } }));
  add("GET", "/errors", () => ok(errorList()));
}
