import "server-only";
import type { z } from "zod";
import { errors } from "@/server/errors";
import { gizwits, type Priority } from "./client";
import { HISTORY_SETTLE_MS, tags, TTL } from "./cache";
import {
  cmdPageSchema,
  dataPageSchema,
  onlinePageSchema,
  type CmdRecord,
  type HistoryDataRecord,
  type HistoryPage,
  type OnlineRecord,
} from "./history.schema";
import { productPath } from "./paths";
import { serverText } from "@/server/text";

/** Gizwits answers at most two days of history per call. */
export const HISTORY_WINDOW_SEC = 2 * 24 * 3600;
/** And at most 100 records per page (the current doc). */
export const HISTORY_MAX_LIMIT = 100;

export interface HistoryQuery {
  /** Unix seconds. Both absent: the last two days. */
  startTs?: number;
  endTs?: number;
  sort?: "asc" | "desc";
  limit?: number;
  /** Page by offset (2018 form)… */
  skip?: number;
  /** …or by the cursor the previous page returned (newer form). Not both. */
  context?: string;
  priority?: Priority;
}

/** Checks the window rules before spending a call on an answer that can only be 5002. */
export function validateHistoryQuery(q: HistoryQuery): void {
  const { startTs, endTs } = q;
  if (startTs !== undefined && endTs !== undefined) {
    if (endTs <= startTs) throw errors.validation(serverText("rangeEndBeforeStart"));
    if (endTs - startTs > HISTORY_WINDOW_SEC) {
      throw errors.validation(serverText("historyMaxSpan"));
    }
  }
  if (q.limit !== undefined && (q.limit < 1 || q.limit > HISTORY_MAX_LIMIT)) {
    throw errors.validation(serverText("historyPageSize", { max: HISTORY_MAX_LIMIT }));
  }
  if (q.skip !== undefined && q.context) {
    throw errors.validation(serverText("historyOffsetOrCursor"));
  }
}

/** Splits [start, end) into consecutive windows Gizwits accepts (≤ 2 days each), oldest first. */
export function historyWindows(startTs: number, endTs: number, windowSec = HISTORY_WINDOW_SEC): [number, number][] {
  const out: [number, number][] = [];
  for (let s = startTs; s < endTs; s += windowSec) out.push([s, Math.min(endTs, s + windowSec)]);
  return out;
}

/** A window that ended a while ago never changes, so it is cached long. */
export function historyTtl(endTs: number | undefined, nowMs = Date.now()): number {
  return endTs !== undefined && endTs * 1000 < nowMs - HISTORY_SETTLE_MS ? TTL.historyClosed : TTL.historyOpen;
}

function history<T>(
  kind: "online" | "cmd" | "data",
  schema: z.ZodType<HistoryPage<T>>,
  productKey: string,
  did: string,
  q: HistoryQuery,
): Promise<HistoryPage<T>> {
  validateHistoryQuery(q);
  return gizwits({
    productKey,
    method: "GET",
    path: productPath(productKey, "devices", did, kind),
    query: { start_ts: q.startTs, end_ts: q.endTs, sort: q.sort, limit: q.limit, skip: q.skip, context: q.context },
    schema,
    cache: { ttlMs: historyTtl(q.endTs), tags: [tags.device(productKey, did)] },
    priority: q.priority,
  });
}

// GET /v1/products/{pk}/devices/{did}/online
export function getOnlineLog(productKey: string, did: string, q: HistoryQuery = {}): Promise<HistoryPage<OnlineRecord>> {
  return history<OnlineRecord>("online", onlinePageSchema, productKey, did, q);
}

// GET /v1/products/{pk}/devices/{did}/cmd
export function getCmdLog(productKey: string, did: string, q: HistoryQuery = {}): Promise<HistoryPage<CmdRecord>> {
  return history<CmdRecord>("cmd", cmdPageSchema, productKey, did, q);
}

// GET /v1/products/{pk}/devices/{did}/data
export function getDataLog(productKey: string, did: string, q: HistoryQuery = {}): Promise<HistoryPage<HistoryDataRecord>> {
  return history<HistoryDataRecord>("data", dataPageSchema, productKey, did, q);
}
