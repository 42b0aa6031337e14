// Plain TypeScript, no zod: audit constants client code needs (see bench/bundle-budget.ts, "keeping a route light").

export const AUDIT_STATUSES = ["pending", "ok", "error", "denied"] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
