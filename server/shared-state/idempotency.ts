import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import type { IdempotencyClaim, IdempotencyRecords, StoredResponse } from "@/server/idempotency";
import { redis, rkey } from "./redis";
import { serverText } from "@/server/text";

/**
 * Idempotency records in Redis, shared by every console instance: a control retried with its
 * Idempotency-Key on another instance finds the first attempt's record and is not sent again.
 * The claim is one atomic SET NX PX; records are kept 24 hours like the database's.
 *
 * When Redis cannot be reached the write is refused before anything is sent: without the shared
 * record a retry could not be recognised, and sending a command twice is worse than asking the
 * operator to try again. (Reads keep working from process memory meanwhile.)
 */

const KEEP_MS = 24 * 60 * 60 * 1000;

const recordSchema = z.object({
  requestHash: z.string(),
  state: z.enum(["pending", "done"]),
  response: z.unknown().default(null),
});

export function sharedRecordUnavailable(cause?: unknown): AppError {
  return new AppError("INTERNAL", serverText("idempotencyStoreDown"), { status: 503, cause });
}

function client() {
  const c = redis();
  if (c?.status !== "ready") throw sharedRecordUnavailable();
  return c;
}

const keyOf = (userId: string, key: string) => rkey("idem", userId, key);

async function write(userId: string, key: string, record: z.input<typeof recordSchema>, what: string): Promise<void> {
  // The command was already sent: failing to record its outcome must not hide the outcome. The
  // record then stays "pending" (a retry gets 409 "still being processed", never a second send).
  try {
    await client().set(keyOf(userId, key), JSON.stringify(record), "PX", KEEP_MS);
  } catch (err) {
    console.warn(`[shared-state] could not ${what} an idempotency record: ${err instanceof Error ? err.name : "error"}`);
  }
}

export const redisIdempotencyRecords: IdempotencyRecords = {
  async claim(userId, key, requestHash): Promise<IdempotencyClaim> {
    const c = client();
    const k = keyOf(userId, key);
    try {
      const ok = await c.set(k, JSON.stringify({ requestHash, state: "pending", response: null }), "PX", KEEP_MS, "NX");
      if (ok === "OK") return { claimed: true };
      const raw = await c.get(k);
      if (raw === null) return { claimed: false, record: null };
      const parsed = recordSchema.safeParse(JSON.parse(raw));
      return { claimed: false, record: parsed.success ? parsed.data : null };
    } catch (err) {
      throw sharedRecordUnavailable(err);
    }
  },
  async complete(userId, key, requestHash, response: StoredResponse) {
    await write(userId, key, { requestHash, state: "done", response }, "complete");
  },
  async release(userId, key) {
    try {
      await client().del(keyOf(userId, key));
    } catch (err) {
      console.warn(`[shared-state] could not release an idempotency record: ${err instanceof Error ? err.name : "error"}`);
    }
  },
};
