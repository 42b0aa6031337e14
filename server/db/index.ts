import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/server/env";
import { processSingleton } from "@/server/process-singleton";
import { schema } from "./schema";
import { seedAccounts } from "./seed";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

interface DbState {
  ready: Promise<Db>;
  close: () => Promise<void>;
}

// Next bundles each route separately, so a module-level variable would open PGlite once per
// bundle (and PGlite allows one instance per data dir): keep the single instance per process.
const dbState = processSingleton<DbState | null>("__consoleDb", () => null);

const MIGRATIONS = path.join(process.cwd(), "server/db/migrations");
// Any fixed 64-bit number shared by every console process pointing at the same PostgreSQL.
const MIGRATION_LOCK = 774_201_613;

async function openPglite(dataDir: string): Promise<{ db: Db; close: () => Promise<void> }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dir = path.resolve(dataDir, "pglite");
  // PGlite's own mkdir is not recursive.
  mkdirSync(path.dirname(dir), { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, close: () => client.close() };
}

async function openPostgres(url: string): Promise<{ db: Db; close: () => Promise<void> }> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new Pool({ connectionString: url, max: 10 });
  // Several console processes may start at once against one server: serialize their migrations.
  const conn = await pool.connect();
  try {
    await conn.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client: conn, schema }), { migrationsFolder: MIGRATIONS });
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    conn.release();
  }
  return { db: drizzle({ client: pool, schema }), close: () => pool.end() };
}

async function open(): Promise<{ db: Db; close: () => Promise<void> }> {
  const e = env();
  const opened = e.DATABASE_URL ? await openPostgres(e.DATABASE_URL) : await openPglite(e.CONSOLE_DATA_DIR);
  await seedAccounts(opened.db, { demo: e.CONSOLE_DEMO, bootstrapAdmin: process.env.CONSOLE_BOOTSTRAP_ADMIN });
  return opened;
}

/**
 * The console database, migrated and seeded on first use. Concurrent first callers share one
 * opening; a failed opening is forgotten so the next call tries again.
 */
export function db(): Promise<Db> {
  let state = dbState.get();
  if (!state) {
    let closeFn: () => Promise<void> = async () => {};
    const ready = open().then(
      (o) => {
        closeFn = o.close;
        return o.db;
      },
      (err: unknown) => {
        dbState.reset();
        throw err;
      },
    );
    state = { ready, close: () => closeFn() };
    dbState.set(state);
  }
  return state.ready;
}

/** Whether this process has asked for the database (opening or open), without opening it. */
export function dbRequested(): boolean {
  return (dbState.peek() ?? null) !== null;
}

/** Closes the connection (tests, shutdown); the next db() opens it again. */
export async function closeDb(): Promise<void> {
  const s = dbState.peek();
  dbState.reset();
  if (!s) return;
  await s.ready.catch(() => undefined);
  await s.close();
}

export { schema };
export * from "./schema";
