import "server-only";
import { ROLES, roleRank, roleSchema, type Role } from "@/lib/roles";

/** Parses OIDC_ROLE_MAP ("group:role,group:role"); throws naming the bad entry. */
export function parseRoleMap(value: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const entry of value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = entry.lastIndexOf(":");
    const group = i > 0 ? entry.slice(0, i).trim() : "";
    const role = roleSchema.safeParse(i > 0 ? entry.slice(i + 1).trim() : "");
    if (!group || !role.success) {
      throw new Error(
        `Invalid console configuration: OIDC_ROLE_MAP entry "${entry}" must be group:role with role one of ${ROLES.join(", ")}`,
      );
    }
    map.set(group, role.data);
  }
  return map;
}

/** Reads the groups claim, which IdPs send as an array, a single string or a space/comma list. */
export function groupsFromClaim(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === "string");
  if (typeof claim === "string") return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** The highest role any of the user's groups maps to, or null (sign-in is then refused). */
export function roleFromGroups(groups: readonly string[], map: Map<string, Role>): Role | null {
  let best: Role | null = null;
  for (const g of groups) {
    const r = map.get(g);
    if (r && (best === null || roleRank(r) > roleRank(best))) best = r;
  }
  return best;
}
