import "server-only";
import { and, count, desc, eq, gte, ilike, like, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { AuditFilter, AuditPage, AuditRecord, AuditStatus } from "@/lib/schemas/audit";
import type { PagingQuery } from "@/lib/schemas/paging";
import { auditStatusSchema } from "@/lib/schemas/audit";
import type { SessionUser } from "@/server/auth/session";
import { auditLog, db } from "@/server/db";
import { AppError } from "@/server/errors";
import { serverText } from "@/server/text";

export interface AuditEntry {
  user: SessionUser;
  /** Dotted verb, e.g. "device.control", "group.assign", "account.update". */
  action: string;
  productKey?: string | null;
  target?: string | null;
  payload?: unknown;
}

const SECRET_KEY = /secret|passw(or)?d|token|authori[sz]ation|cookie|api[-_]?key|credential/i;
const MAX_PAYLOAD_CHARS = 64 * 1024;

/** A JSON-safe copy of `value` with every secret-looking key masked, so the log never holds one. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (depth > 12) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1);
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "function" || typeof value === "symbol") return null;
  return value;
}

function storedPayload(payload: unknown): unknown {
  const clean = redact(payload);
  const text = JSON.stringify(clean) ?? "null";
  if (text.length <= MAX_PAYLOAD_CHARS) return clean;
  return { truncated: true, size: text.length, preview: text.slice(0, 4096) };
}

/** The audit row of an entry: who, what, where, and the masked payload. The one row builder. */
function auditRow(
  entry: AuditEntry,
  outcome: Partial<typeof auditLog.$inferInsert> & { status: AuditStatus },
): typeof auditLog.$inferInsert {
  return {
    userId: entry.user.id,
    username: entry.user.username,
    role: entry.user.role,
    action: entry.action,
    productKey: entry.productKey ?? null,
    target: entry.target ?? null,
    payload: storedPayload(entry.payload),
    ...outcome,
  };
}

function auditUnavailable(cause: unknown): AppError {
  return new AppError("INTERNAL", serverText("auditUnavailable"), { status: 503, cause });
}

function failureOf(err: unknown): { errorCode: string; upstreamCode: number | null; message: string } {
  if (err instanceof AppError) return { errorCode: err.code, upstreamCode: err.upstreamCode ?? null, message: err.text.en };
  // Unknown errors may carry URLs or driver text: record only their kind.
  return { errorCode: "INTERNAL", upstreamCode: null, message: err instanceof Error ? err.name : "Error" };
}

/**
 * Runs a write under the audit log: the attempt is recorded (status "pending") before `send`
 * runs and completed with its outcome afterwards. If the record cannot be written, `send` is
 * never called. A failure to complete the record is logged but does not hide the write's result.
 */
export async function audited<T>(entry: AuditEntry, send: () => Promise<T>): Promise<T> {
  let id: number;
  try {
    const d = await db();
    const [row] = await d
      .insert(auditLog)
      .values(auditRow(entry, { status: "pending" }))
      .returning({ id: auditLog.id });
    if (!row) throw new Error("audit insert returned no row");
    id = row.id;
  } catch (err) {
    console.error("[console] audit log write failed:", err instanceof Error ? err.message : String(err));
    throw auditUnavailable(err);
  }

  const started = Date.now();
  const complete = async (fields: { status: AuditStatus; errorCode?: string; upstreamCode?: number | null; message?: string }) => {
    try {
      const d = await db();
      await d
        .update(auditLog)
        .set({ ...fields, finishedAt: new Date(), durationMs: Date.now() - started })
        .where(eq(auditLog.id, id));
    } catch (err) {
      console.error(`[console] audit record ${id} could not be completed:`, err instanceof Error ? err.message : String(err));
    }
  };

  let result: T;
  try {
    result = await send();
  } catch (err) {
    await complete({ status: "error", ...failureOf(err) });
    throw err;
  }
  await complete({ status: "ok" });
  return result;
}

/** Records a refused write (wrong role, cross-site). Never throws: the request is refused either way. */
export async function recordDenied(entry: AuditEntry & { reason: string }): Promise<void> {
  try {
    const d = await db();
    await d
      .insert(auditLog)
      .values(auditRow(entry, { status: "denied", errorCode: "FORBIDDEN", message: entry.reason, finishedAt: new Date(), durationMs: 0 }));
  } catch (err) {
    console.error("[console] denied write could not be audited:", err instanceof Error ? err.message : String(err));
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereOf(f: AuditFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.user) conds.push(eq(auditLog.username, f.user));
  if (f.action) conds.push(like(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.product) conds.push(eq(auditLog.productKey, f.product));
  if (f.status) conds.push(eq(auditLog.status, f.status));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  if (f.q) {
    const p = `%${escapeLike(f.q)}%`;
    conds.push(
      or(
        ilike(auditLog.username, p),
        ilike(auditLog.action, p),
        ilike(auditLog.target, p),
        ilike(auditLog.productKey, p),
        ilike(auditLog.message, p),
        sql`${auditLog.payload}::text ILIKE ${p}`,
      ),
    );
  }
  return conds.length ? and(...conds) : undefined;
}

type AuditRow = typeof auditLog.$inferSelect;

export function toAuditRecord(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    at: r.at.toISOString(),
    userId: r.userId,
    username: r.username,
    role: r.role,
    action: r.action,
    productKey: r.productKey,
    target: r.target,
    payload: r.payload ?? null,
    status: auditStatusSchema.catch("error").parse(r.status),
    errorCode: r.errorCode,
    upstreamCode: r.upstreamCode,
    message: r.message,
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    durationMs: r.durationMs,
  };
}

/** One page of the audit log, newest first. */
export async function listAudit(f: AuditFilter & PagingQuery): Promise<AuditPage> {
  const d = await db();
  const where = whereOf(f);
  const [rows, totals] = await Promise.all([
    d
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(f.page_size)
      .offset((f.page - 1) * f.page_size),
    d.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items: rows.map(toAuditRecord), total: totals[0]?.n ?? 0, page: f.page, pageSize: f.page_size };
}

/** Every matching record, newest first, fetched in batches (keyset on id) up to `limit`. */
export async function* iterateAudit(f: AuditFilter, limit = 100_000, batch = 500): AsyncGenerator<AuditRecord> {
  const d = await db();
  let before: number | null = null;
  let sent = 0;
  while (sent < limit) {
    const rows: AuditRow[] = await d
      .select()
      .from(auditLog)
      .where(and(whereOf(f), before === null ? undefined : lt(auditLog.id, before)))
      .orderBy(desc(auditLog.id))
      .limit(Math.min(batch, limit - sent));
    for (const r of rows) yield toAuditRecord(r);
    sent += rows.length;
    if (rows.length < batch) return;
    before = rows[rows.length - 1]!.id;
  }
}
