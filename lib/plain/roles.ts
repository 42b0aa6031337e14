// Plain TypeScript, no zod: the roles as client code needs them (see bench/bundle-budget.ts, "keeping a route light").
/**
 * Console roles, each a superset of the one before it:
 * manager (reads reports and devices) < operator (+ groups and bindings)
 * < ops (+ remote control) < admin (+ accounts, audit, settings).
 */
export const ROLES = ["manager", "operator", "ops", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a route or a screen needs. Every route handler names exactly one. */
export const PERMISSIONS = {
  read: "manager",
  "groups:write": "operator",
  "bindings:write": "operator",
  control: "ops",
  admin: "admin",
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return roleRank(role) >= roleRank(PERMISSIONS[permission]);
}
