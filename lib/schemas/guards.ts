import { z } from "zod";
import { appidSchema, boundedDateSchema, DID_PATTERN, didSchema, gidSchema, normalizeMacId, uidSchema } from "./ids";

/**
 * Shape checks a route runs on its raw input before its own schema: ids must look like ids, days
 * like days the database and the upstream accept. They only validate (the route's schema still
 * produces the value), so wrapping a schema never changes what a handler receives.
 */

export type Check = (value: string, input: Record<string, unknown>) => string | null;

const fromSchema =
  (schema: z.ZodType): Check =>
  (v) => {
    const r = schema.safeParse(v);
    return r.success ? null : (r.error.issues[0]?.message ?? "invalid");
  };

const checkDay: Check = (v) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  if (!m) return "YYYY-MM-DD";
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    return "not a calendar day";
  }
  return boundedDateSchema.safeParse(d).success ? null : "a day from 2000 to 2099";
};

export const checks = {
  did: fromSchema(didSchema),
  gid: fromSchema(gidSchema),
  uid: fromSchema(uidSchema),
  appid: fromSchema(appidSchema),
  mac: ((v) => (normalizeMacId(v) === null ? "MAC: 12 hex digits" : null)) satisfies Check,
  didOrMac: ((v) => (DID_PATTERN.test(v.trim()) || normalizeMacId(v) !== null ? null : "a did or a MAC")) satisfies Check,
  /** A calendar day YYYY-MM-DD that exists, 2000…2099. */
  day: checkDay,
  /** A date/time the database can hold (2000…2099). */
  date: fromSchema(boundedDateSchema),
  /** A period key of the route's `cycle`: YYYY-MM-DD (date), YYYY-WW (week), YYYY-MM (month). */
  period: ((v, input) => {
    const cycle = typeof input.cycle === "string" ? input.cycle : "date";
    const s = v.trim();
    if (cycle === "week") return /^20\d{2}-(0[1-9]|[1-4]\d|5[0-3])$/.test(s) ? null : "YYYY-WW";
    if (cycle === "month") return /^20\d{2}-(0[1-9]|1[0-2])$/.test(s) ? null : "YYYY-MM";
    return checkDay(s, input);
  }) satisfies Check,
  /** A datapoint name. */
  attr: ((v) => (/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(v) ? null : "a data point name")) satisfies Check,
  /** Unix seconds from 2000 to 2099. */
  unixSec: ((v) =>
    /^\d{9,10}$/.test(v.trim()) && Number(v) >= 946_684_800 && Number(v) < 4_102_444_800
      ? null
      : "unix seconds (2000…2099)") satisfies Check,
  /** An upstream paging cursor, passed back as it came. */
  cursor: ((v) => (/^[A-Za-z0-9+/=_.:-]{1,512}$/.test(v) ? null : "a paging cursor")) satisfies Check,
  /** Comma-separated datapoint names. */
  attrList: ((v) =>
    v.split(",").every((a) => a.trim() === "" || /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(a.trim()))
      ? null
      : "data point names") satisfies Check,
} as const;

/** A search value: a did, MAC or uid by the `type` beside it (`fallback` when absent); other types are free text. */
export function searchVal(fallback: "mac" | "uid" | "username"): Check {
  return (v, input) => {
    const type = typeof input.type === "string" ? input.type : fallback;
    if (type === "did") return checks.did(v, input);
    if (type === "uid") return checks.uid(v, input);
    if (type === "mac") return checks.mac(v);
    return null;
  };
}

function issue(ctx: z.RefinementCtx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: "custom", path, message });
}

/**
 * `schema` preceded by shape checks of some keys of the raw input object. Each value of a key
 * (arrays: each element) must pass its check; empty and absent values are left to `schema`.
 * Keys of `records` are checks on the keys of a nested object (e.g. datapoint names).
 */
export function guarded<S extends z.ZodType>(schema: S, shapes: Record<string, Check>, records: Record<string, Check> = {}) {
  return z.preprocess((input, ctx) => {
    if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
    const obj = input as Record<string, unknown>;
    for (const [key, check] of Object.entries(shapes)) {
      const raw = obj[key];
      const values = Array.isArray(raw) ? raw : [raw];
      values.forEach((v, i) => {
        if (typeof v !== "string" || v === "") return;
        const msg = check(v, obj);
        if (msg) issue(ctx, Array.isArray(raw) ? [key, i] : [key], msg);
      });
    }
    for (const [key, check] of Object.entries(records)) {
      const rec = obj[key];
      if (rec === null || typeof rec !== "object" || Array.isArray(rec)) continue;
      for (const k of Object.keys(rec)) {
        const msg = check(k, obj);
        if (msg) issue(ctx, [key, k], msg);
      }
    }
    return input;
  }, schema);
}
