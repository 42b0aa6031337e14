import "server-only";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Console sign-in accounts: local (bcrypt password) or OIDC (provider + subject, no password). */
export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
    username: text("username").notNull(),
    name: text("name").notNull(),
    /** lib/roles.ts Role; validated by zod on the way in and out, kept as text so a new role is not a type migration. */
    role: text("role").notNull(),
    passwordHash: text("password_hash"),
    provider: text("provider").notNull().default("local"),
    subject: text("subject"),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("accounts_username_key").on(t.username), uniqueIndex("accounts_provider_subject_key").on(t.provider, t.subject)],
);

/**
 * One row per write attempt. Written with status "pending" before the upstream call and
 * completed after it, so a crash mid-call still leaves evidence that a write may have gone out.
 * user/role are copied, not joined, so the record survives account changes.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: text("user_id"),
    username: text("username").notNull(),
    role: text("role").notNull(),
    action: text("action").notNull(),
    productKey: text("product_key"),
    target: text("target"),
    payload: jsonb("payload"),
    /** pending | ok | error | denied */
    status: text("status").notNull(),
    errorCode: text("error_code"),
    upstreamCode: integer("upstream_code"),
    message: text("message"),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at.desc(), t.id.desc()),
    index("audit_log_username_idx").on(t.username),
    index("audit_log_action_idx").on(t.action),
    index("audit_log_product_idx").on(t.productKey),
    index("audit_log_status_idx").on(t.status),
  ],
);

/** Console-side metadata for upstream groups, which have no name/description fields of their own. */
export const groupMeta = pgTable(
  "group_meta",
  {
    productKey: text("product_key").notNull(),
    gid: text("gid").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    updatedBy: text("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.productKey, t.gid] })],
);

/** A user's named filter presets per page; `query` is the page's URL search string. */
export const savedViews = pgTable(
  "saved_views",
  {
    id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    page: text("page").notNull(),
    name: text("name").notNull(),
    query: text("query").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("saved_views_user_page_name_key").on(t.userId, t.page, t.name)],
);

/** Results of writes sent with an Idempotency-Key, so a retried request is answered, not re-sent. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: text("user_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** pending | done */
    state: text("state").notNull(),
    /** `{ ok: true, value }` or `{ ok: false, error }` once done. */
    response: jsonb("response"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

export const schema = { accounts, auditLog, groupMeta, savedViews, idempotencyKeys };
