// Vitest alias target for the `server-only` package (see vitest.config.ts).
export {};
