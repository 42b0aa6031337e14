import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { API_ERROR_CODES } from "@/lib/schemas/api";
import { db, idempotencyKeys } from "@/server/db";
import { AppError, errors } from "@/server/errors";
import type { RouteRequest } from "@/server/http/route";
import { redisIdempotencyRecords } from "@/server/shared-state/idempotency";
import { sharedStateConfigured } from "@/server/shared-state/redis";
import { serverText } from "@/server/text";

const KEEP_MS = 24 * 60 * 60 * 1000;
const keySchema = z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/);

/** The request's Idempotency-Key header, validated; null when absent. */
export function idempotencyKeyOf(req: Pick<RouteRequest, "headers">): string | null {
  const raw = req.headers.get("idempotency-key");
  if (raw === null || raw === "") return null;
  if (!keySchema.safeParse(raw).success) {
    throw errors.validation(serverText("idempotencyKeyShape"));
  }
  return raw;
}

/** JSON with sorted keys, so the same payload always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function payloadHash(payload: unknown): string {
  return createHash("sha256").update(canonical(payload)).digest("hex");
}

const storedErrorSchema = z.object({
  code: z.enum(API_ERROR_CODES),
  status: z.number().int(),
  en: z.string(),
  zh: z.string(),
  upstreamCode: z.number().int().optional(),
});
const storedSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: storedErrorSchema }),
]);

function storeError(err: unknown): z.infer<typeof storedErrorSchema> {
  if (err instanceof AppError) {
    return { code: err.code, status: err.status, en: err.text.en, zh: err.text["zh-CN"], upstreamCode: err.upstreamCode };
  }
  const text = serverText("internal");
  return { code: "INTERNAL", status: 500, en: text.en, zh: text["zh-CN"] };
}

/** Errors after which the write certainly did not take effect, so the same key may be tried again. */
function definitelyNotApplied(err: unknown): boolean {
  return err instanceof AppError && err.status < 500;
}

const inProgress = () => errors.conflict(serverText("idempotencyInProgress"));

/**
 * Runs `fn` at most once per (user, key). A replay with the same payload gets the stored result
 * (or the stored error) without calling `fn`; a key reused with another payload → 409, as does a
 * replay while the first call is still running. Without a key, `fn` just runs.
 *
 * Failures that prove nothing was sent (4xx: refused by role, quota or upstream validation) free
 * the key so the user can retry; failures with an unknown outcome (timeouts, 5xx) are stored, so
 * retrying the same key never sends a second command to a device.
 */
export async function withIdempotency<T>(
  userId: string,
  key: string | null | undefined,
  payload: unknown,
  fn: () => Promise<T>,
): Promise<T> {
  if (!key) return fn();
  const records = idempotencyRecords();
  const hash = payloadHash(payload);
  const claim = await records.claim(userId, key, hash);

  if (!claim.claimed) {
    const row = claim.record;
    if (!row) throw inProgress();
    if (row.requestHash !== hash) {
      throw errors.conflict(serverText("idempotencyKeyReused"));
    }
    if (row.state !== "done") throw inProgress();
    const stored = storedSchema.parse(row.response);
    if (stored.ok) return stored.value as T;
    const e = stored.error;
    throw new AppError(e.code, { en: e.en, "zh-CN": e.zh }, { status: e.status, upstreamCode: e.upstreamCode });
  }

  let value: T;
  try {
    // Round-trip through JSON so the first answer and every replay have exactly the same shape.
    value = JSON.parse(JSON.stringify((await fn()) ?? null)) as T;
  } catch (err) {
    if (definitelyNotApplied(err)) await records.release(userId, key, hash);
    else await records.complete(userId, key, hash, { ok: false, error: storeError(err) });
    throw err;
  }
  await records.complete(userId, key, hash, { ok: true, value });
  return value;
}

/** An idempotency record as every backend keeps it. */
export interface IdempotencyRecord {
  requestHash: string;
  state: "pending" | "done";
  response: unknown;
}

export type IdempotencyClaim = { claimed: true } | { claimed: false; record: IdempotencyRecord | null };

/**
 * Where the records live: the console database (one instance), or Redis shared by every instance
 * when REDIS_URL is set (server/shared-state/idempotency.ts), so a retry that lands on another
 * instance finds the first attempt's record.
 */
export interface IdempotencyRecords {
  /** Creates the pending record unless one exists (atomic); otherwise returns the existing one. */
  claim(userId: string, key: string, requestHash: string): Promise<IdempotencyClaim>;
  complete(userId: string, key: string, requestHash: string, response: StoredResponse): Promise<void>;
  /** Frees the key after a failure that proves nothing was sent. */
  release(userId: string, key: string, requestHash: string): Promise<void>;
}

export type StoredResponse = z.infer<typeof storedSchema>;

const recordStateSchema = z.enum(["pending", "done"]);

export const databaseIdempotencyRecords: IdempotencyRecords = {
  async claim(userId, key, requestHash) {
    const d = await db();
    await d.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(Date.now() - KEEP_MS)));
    const [claimed] = await d
      .insert(idempotencyKeys)
      .values({ userId, key, requestHash, state: "pending" })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed) return { claimed: true };
    const [row] = await d
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
      .limit(1);
    return {
      claimed: false,
      record: row ? { requestHash: row.requestHash, state: recordStateSchema.parse(row.state), response: row.response } : null,
    };
  },
  async complete(userId, key, _hash, response) {
    const d = await db();
    await d
      .update(idempotencyKeys)
      .set({ state: "done", response })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  },
  async release(userId, key) {
    const d = await db();
    await d.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  },
};

/** The shared Redis records with REDIS_URL, else the database. */
export function idempotencyRecords(): IdempotencyRecords {
  return sharedStateConfigured() ? redisIdempotencyRecords : databaseIdempotencyRecords;
}
