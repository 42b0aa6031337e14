import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` writes SQL migrations that run unchanged on PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/schema.ts",
  out: "./server/db/migrations",
});
